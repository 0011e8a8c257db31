import { createServer, type Server } from "node:http";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { build } from "vite";

const types: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css" };

/** Builds the bench page in `root` into `out` and serves it on a free loopback port. */
export async function buildAndServe(root: string, out: string): Promise<{ url: string; close(): void }> {
  await build({ root, base: "./", logLevel: "warn", build: { outDir: out, emptyOutDir: true } });
  const server: Server = createServer((req, res) => {
    const file = path.join(out, path.normalize(decodeURIComponent((req.url ?? "/").split("?")[0])).replace(/^(\.\.[/\\])+/, ""));
    const target = file.endsWith("/") || file === out ? path.join(out, "index.html") : file;
    if (!target.startsWith(out) || !existsSync(target)) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": types[path.extname(target)] ?? "application/octet-stream" }).end(readFileSync(target));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

/** The system Chromium with the flags that keep a sandboxed root machine quiet (as the e2e config uses). */
export function launchBenchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined),
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
