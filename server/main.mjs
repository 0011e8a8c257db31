#!/usr/bin/env node
// `npm start` / `npm run serve`: serves the production build in dist/.
//   PORT  exact port to use (fails if taken); unset means 5173 or the next free one
//   HOST  interface to bind; 127.0.0.1 unless you mean to expose Mote to your network
//   MOTE_DIST  directory to serve instead of dist/
//   MOTE_FIRMWARE_CACHE  firmware proxy's cache folder (default: the OS cache folder + mote/firmware)
//   MOTE_FIRMWARE_OFFLINE=1  firmware proxy serves its cache only, never the network
//   MOTE_MIP_INDEXES  extra package index prefixes the package proxy may fetch from (comma-separated URLs)
//   MOTE_NET_ALLOW=host:port,...  more places the virtual board's network may reach (default: this computer, ports
//                                 1024-65535); MOTE_NET=off turns the tunnel off. See server/net/policy.mjs.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "./app.mjs";
import { createFirmwareRoutes, firmwareOptionsFromEnv } from "./firmware/routes.mjs";
import { createMipRoutes, mipOptionsFromEnv } from "./mip/routes.mjs";
import { netOptionsFromEnv } from "./net/policy.mjs";
import { attachNetTunnel } from "./net/tunnel.mjs";
import { createRouter } from "./router.mjs";

// MOTE_DIST lets tests point the real entry point at a fixture directory.
const root = path.resolve(process.env.MOTE_DIST || path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "dist"));

function fail(/** @type {string} */ message) {
  console.error(`\nMote could not start: ${message}\n`);
  process.exit(1);
}

if (!existsSync(path.join(root, "index.html"))) {
  fail(`there is no build in ${root}. Run \`npm run build\` first (or \`npm start\`, which builds).`);
}

const portEnv = process.env.PORT?.trim();
let port = 5173;
if (portEnv) {
  port = Number(portEnv);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT must be a number from 0 to 65535, not "${portEnv}".`);
}
const host = process.env.HOST?.trim() || "127.0.0.1";

try {
  // An explicit PORT is a promise to whoever set it (tests, proxies), so it is never silently changed.
  const router = createRouter();
  createFirmwareRoutes(firmwareOptionsFromEnv()).register(router);
  createMipRoutes(mipOptionsFromEnv()).register(router);
  const netOptions = netOptionsFromEnv();
  const running = await startServer({ root, host, port, strictPort: Boolean(portEnv), router });
  attachNetTunnel(running.server, netOptions);
  if (!portEnv && running.port !== port) console.log(`Port ${port} is busy, using ${running.port} instead.`);
  console.log(`\n  Mote is running at ${running.url}\n`);
  if (!netOptions.enabled) console.log("  The virtual board's network is off (MOTE_NET=off).\n");
  else if (netOptions.rules.length) {
    console.log(`  The virtual board's network also reaches ${netOptions.rules.map((r) => r.text).join(", ")}.\n`);
  }

  const stop = () => {
    running.close().then(() => process.exit(0));
    // Don't let a stuck connection keep Ctrl-C from working.
    setTimeout(() => process.exit(0), 2_000).unref();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (error) {
  const err = /** @type {NodeJS.ErrnoException} */ (error);
  if (err.code === "EADDRINUSE") fail(`port ${port} on ${host} is already in use. Set PORT to another port.`);
  if (err.code === "EACCES") fail(`not allowed to listen on ${host}:${port}. Try a port above 1024.`);
  fail(err.message);
}
