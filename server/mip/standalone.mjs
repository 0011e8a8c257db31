// A Mote server with only the package proxy, for the package manager's tests in src/ (which run the real proxy between
// the resolver and a local index instead of a stand-in): the same router, app and security headers as `npm start`.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startServer } from "../app.mjs";
import { createRouter } from "../router.mjs";
import { createMipRoutes } from "./routes.mjs";

/**
 * @param {{ listed?: string, timeouts?: import("./fetch.mjs").Timeouts }} [options]
 * @returns {Promise<{ endpoint: string, close: () => Promise<void> }>}
 */
export async function startPackageProxy(options = {}) {
  const root = mkdtempSync(path.join(os.tmpdir(), "mote-mip-dist-"));
  writeFileSync(path.join(root, "index.html"), "<!doctype html><title>Mote</title>");
  const router = createRouter();
  createMipRoutes({ listed: options.listed, timeouts: options.timeouts }).register(router);
  const running = await startServer({ root, port: 0, router });
  return { endpoint: `http://127.0.0.1:${running.port}/api/mip/fetch`, close: running.close };
}
