#!/usr/bin/env node
// The `mote` command. The CLI is TypeScript that imports the device core from src/ directly; tsx (a devDependency,
// present after `npm ci`) compiles it on the fly, so there is no separate build step to forget.
import { readFileSync } from "node:fs";
import { register } from "tsx/esm/api";

register();
const { main } = await import("../cli/main.ts");
const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));

const code = await main({
  argv: process.argv.slice(2),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  version,
});
// Wait for stdout/stderr to flush (a pipe may still hold output), then leave even if a handle lingers.
process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
