import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { E2E_FIRMWARE_CACHE } from "./e2e/fixtures/firmwareCache";
import { E2E_MIP_ORIGIN } from "./e2e/fixtures/mipIndex";

// A fixed port, so a stray dev server on 5173 can never be mistaken for the build under test.
// MOTE_E2E_PORT and MOTE_DIST let two checkouts' runs (or two people's) share a machine without clashing.
const PORT = Number(process.env.MOTE_E2E_PORT || 4799);
const baseURL = `http://127.0.0.1:${PORT}`;

// Playwright's own browser download is not available everywhere; prefer the system Chromium.
const executablePath = process.env.CHROMIUM_PATH || (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

const isCI = Boolean(process.env.CI);

export default defineConfig({
  testDir: "e2e",
  // Kept apart from the JSON reports in test-results/, because Playwright empties its outputDir on start.
  outputDir: "test-results/e2e",
  // One at a time: a QEMU micro:bit starved of CPU by a parallel spec (Chromium + the WASM board) drops UART bytes
  // a real board would not, and on a 2-core machine two workers made the serial spec flaky.
  workers: 1,
  fullyParallel: false,
  forbidOnly: isCI,
  // A retried pass would be reported as "flaky" and counted as passed; we want to see the failure instead.
  retries: 0,
  // Generous: QEMU boot and Monaco's first load are slow on a small CI box.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    baseURL,
    viewport: { width: 1280, height: 800 },
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    screenshot: "only-on-failure",
    // The offline service worker precaches the whole build (~19 MB) on a first visit; every spec is a first visit,
    // so that would run beside each one on a 2-core box. e2e/offline.spec.ts allows it and tests it.
    serviceWorkers: "block",
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        browserName: "chromium",
        launchOptions: {
          executablePath,
          // Quiet on a sandboxed root machine: no sandbox (root), no GPU, no background traffic to Google.
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: {
    // Serves the build made by `npm test` (scripts/test-all.mjs builds before running Playwright).
    command: "node server/main.mjs",
    url: `${baseURL}/`,
    env: {
      PORT: String(PORT),
      HOST: "127.0.0.1",
      ...(process.env.MOTE_DIST ? { MOTE_DIST: process.env.MOTE_DIST } : {}),
      // Firmware specs seed this cache (e2e/fixtures/firmwareCache.ts); offline so no spec ever reaches micropython.org.
      MOTE_FIRMWARE_CACHE: E2E_FIRMWARE_CACHE,
      MOTE_FIRMWARE_OFFLINE: "1",
      // The packages spec serves a local mip index here (e2e/fixtures/mipIndex.ts); loopback only because it is listed.
      MOTE_MIP_INDEXES: `${E2E_MIP_ORIGIN}/`,
    },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
