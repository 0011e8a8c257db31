#!/usr/bin/env node
// `npm test`: typecheck, build, unit tests (Vitest), browser tests (Playwright). Every step runs even when an
// earlier one fails, except the browser tests, which need a fresh build. The LAST line printed is the totals,
// taken from the runners' JSON reports: "N passed, N failed[, N skipped]". Exit code 1 if anything failed.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { addUp, countPlaywright, countVitest, totalsLine } from "./totals.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const reports = path.join(root, "test-results");
const VITEST_JSON = path.join(reports, "vitest.json");
const VITEST_QEMU_JSON = path.join(reports, "vitest-qemu.json");
const PLAYWRIGHT_JSON = path.join(reports, "playwright.json"); // set in playwright.config.ts

/** Runs a tool from node_modules/.bin with the terminal attached, so its output reads as usual. */
function run(/** @type {string} */ label, /** @type {string} */ tool, /** @type {string[]} */ args) {
  console.log(`\n── ${label}: ${tool} ${args.join(" ")}`);
  const started = Date.now();
  const result = spawnSync(path.join(root, "node_modules", ".bin", tool), args, { cwd: root, stdio: "inherit" });
  if (result.error) console.error(`Could not run ${tool}: ${result.error.message}`);
  // Ctrl-C reaches the child too; carrying on with the next step would ignore what the person asked for.
  if (result.signal === "SIGINT") process.exit(130);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { label, ok: result.status === 0, seconds };
}

mkdirSync(reports, { recursive: true });
// A stale report from an earlier run must never be mistaken for this run's results.
rmSync(VITEST_JSON, { force: true });
rmSync(VITEST_QEMU_JSON, { force: true });
rmSync(PLAYWRIGHT_JSON, { force: true });

/** @type {{ label: string, ok: boolean, seconds?: string, counts?: import("./totals.mjs").Counts | null, note?: string }[]} */
const steps = [];

steps.push(run("typecheck", "tsc", ["-p", "tsconfig.json", "--noEmit"]));
steps.push(run("typecheck node", "tsc", ["-p", "server/tsconfig.json", "--noEmit"])); // server/ and scripts/ (checkJs)
steps.push(run("typecheck cli", "tsc", ["-p", "cli/tsconfig.json", "--noEmit"]));
steps.push(run("typecheck service worker", "tsc", ["-p", "src/pwa/tsconfig.json", "--noEmit"])); // WebWorker globals

const build = run("build", "vite", ["build"]);
steps.push(build);

const unit = run("unit tests", "vitest", [
  "run",
  "--passWithNoTests",
  "--exclude=**/*.qemu.test.ts",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${VITEST_JSON}`,
]);
steps.push({ ...unit, counts: countVitest(VITEST_JSON) });

// Real firmware under QEMU gets the machine to itself, one file at a time: an emulated micro:bit starved of CPU
// by a parallel worker misses UART bytes that a real board would not (see src/transports/node/qemuMicrobit.ts).
const qemu = run("QEMU tests", "vitest", [
  "run",
  "--passWithNoTests",
  "--no-file-parallelism",
  "qemu.test.ts",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${VITEST_QEMU_JSON}`,
]);
steps.push({ ...qemu, counts: countVitest(VITEST_QEMU_JSON) });

if (build.ok) {
  const e2e = run("browser tests", "playwright", ["test", "--pass-with-no-tests"]);
  const counts = countPlaywright(PLAYWRIGHT_JSON);
  const note = counts?.errors ? `${counts.errors} error(s) outside tests` : undefined;
  steps.push({ ...e2e, ok: e2e.ok && !counts?.errors, counts, note });
} else {
  // Testing a stale or missing dist/ would report on code that is not the code in front of us.
  steps.push({ label: "browser tests", ok: true, note: "not run: the build failed" });
}

console.log("\n── summary");
for (const step of steps) {
  const status = step.note?.startsWith("not run") ? "skipped" : step.ok ? "ok" : "FAILED";
  const counts = step.counts ? `  ${totalsLine(step.counts)}` : "";
  const extra = [step.seconds && `${step.seconds}s`, step.note].filter(Boolean).join(", ");
  console.log(`  ${step.label.padEnd(14)} ${status.padEnd(8)}${counts}${extra ? `  (${extra})` : ""}`);
}

const total = addUp(steps);
process.exitCode = steps.every((s) => s.ok) && total.failed === 0 ? 0 : 1;
console.log(totalsLine(total));
