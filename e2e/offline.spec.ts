import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { MoteApp } from "./app";
import { DIST, builtFiles, cacheContents, publishNewBuild, waitForServiceWorker } from "./fixtures/offline";

// The offline PWA with the real service worker (Workbox, built by vite-plugin-pwa) in real Chromium, served by the real
// Node server; "offline" is Chromium's own network emulation (context.setOffline), which also cuts the service worker's
// fetches. The rest of the e2e suite blocks service workers (playwright.config.ts); these specs turn them on.
test.use({ serviceWorkers: "allow" });

async function expectIsolated(page: Page): Promise<void> {
  // The virtual board waits on a SharedArrayBuffer, which exists only in a cross-origin isolated page.
  expect(await page.evaluate(() => ({ isolated: crossOriginIsolated, sab: typeof SharedArrayBuffer }))).toEqual({
    isolated: true,
    sab: "function",
  });
}

test.describe("offline after the first visit", () => {
  test("installable; the whole build is cached; offline the app loads isolated, the virtual board runs, the editor's workers answer", async ({
    page,
    context,
  }) => {
    test.setTimeout(240_000);
    const app = new MoteApp(page);
    await app.goto();
    // Generous: on a first visit the precache downloads the whole build beside the board's start (not a speed check).
    await app.waitForBoardReady(60_000);
    await waitForServiceWorker(page);

    // The first visit precaches every file of the build (the shell, Monaco, the WASM board, Pyright, the compiler and
    // Ruff workers), not only what this page happened to load.
    // (A worker is activated only after its install, i.e. the precache, completed.)
    const expected = builtFiles();
    expect(expected.length).toBeGreaterThan(40);
    const { paths } = await cacheContents(page);
    expect(expected.filter((p) => !paths.includes(p))).toEqual([]);
    // The API is never answered from the cache: nothing under /api/ was stored, even after the page asked for it.
    await page.evaluate(() => fetch("/api/firmware/index").then((r) => r.status).catch(() => 0));
    expect((await cacheContents(page)).paths.filter((p) => p.startsWith("/api"))).toEqual([]);
    await expect(app.notice).toContainText("ready to work offline");

    // Installable, by Chromium's own check (manifest fields, icons, a service worker with a fetch handler). A
    // Playwright context is always an incognito-like profile, where Chromium never installs: that one reason is
    // expected; any other (a missing icon, no matching service worker, ...) fails the test.
    const cdp = await page.context().newCDPSession(page);
    const manifest = (await cdp.send("Page.getAppManifest")) as { errors: unknown[]; url: string };
    expect(manifest.url).toMatch(/\/manifest\.webmanifest$/);
    expect(manifest.errors).toEqual([]);
    type Installability = { installabilityErrors: Array<{ errorId: string }> };
    await expect
      .poll(async () => ((await cdp.send("Page.getInstallabilityErrors")) as Installability).installabilityErrors.map((e) => e.errorId), {
        timeout: 20_000,
      })
      .toEqual(["in-incognito"]);
    await cdp.detach();

    await context.setOffline(true);
    try {
      await page.reload();
      const errorsBefore = app.consoleErrors.length;
      await expect(app.button("Run")).toBeVisible({ timeout: 30_000 });
      await expectIsolated(page);
      expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe("activated");

      // The virtual board (MicroPython WASM in its worker) comes up from the cache and runs a program.
      await app.waitForBoardReady(45_000);
      await app.setEditorText('total = sum(range(7)) * 2\nprint("offline", total)\n');
      await app.run();
      await app.expectReplToContain("offline 42", 20_000);

      // The diagnostics worker (MicroPython's compiler, WASM) marks a syntax error...
      await app.setEditorText("for i in range(3)\n    print(i)\n");
      await expect(page.locator(".squiggly-error").first()).toBeVisible({ timeout: 30_000 });
      // ...and Pyright's worker completes MicroPython's modules from Mote's stubs.
      // (Pasted first line: typed, an Enter could accept a suggestion for "machine" instead of ending the line.)
      await app.setEditorText("import machine\n");
      await app.editorInput().focus();
      await page.keyboard.press("ControlOrMeta+End");
      await page.keyboard.type("machine.");
      await expect(page.locator(".suggest-widget.visible .monaco-list-row").filter({ hasText: /^ADC$/ }).first()).toBeVisible({
        timeout: 45_000,
      });
      await page.keyboard.press("Escape");
      await app.screenshot("90-offline-reload");
      // No failed loads while offline: every script, style, worker and WASM file came from the cache.
      expect(app.consoleErrors.slice(errorsBefore)).toEqual([]);

      // And the network really is gone for this page: the API (never cached) does not answer.
      expect(await page.evaluate(() => fetch("/api/firmware/index").then(() => "answered", () => "failed"))).toBe("failed");
    } finally {
      await context.setOffline(false);
    }
  });
});

test.describe("updates", () => {
  let server: ChildProcess | undefined;
  let root: string | undefined;

  test.afterEach(async () => {
    server?.kill("SIGTERM");
    server = undefined;
    if (root) rmSync(root, { recursive: true, force: true });
    root = undefined;
  });

  /** A Node server of our own over a copy of the build, so the test can publish a "next release" into it. */
  async function serveCopy(): Promise<string> {
    root = mkdtempSync(path.join(tmpdir(), "mote-pwa-"));
    cpSync(DIST, root, { recursive: true });
    const child = spawn(process.execPath, [path.resolve("server/main.mjs")], {
      env: { ...process.env, PORT: "0", HOST: "127.0.0.1", MOTE_DIST: root, MOTE_FIRMWARE_OFFLINE: "1" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    server = child;
    return new Promise((resolve, reject) => {
      child.stdout!.on("data", (d: Buffer) => {
        const m = /running at (http:\/\/\S+)/.exec(d.toString());
        if (m) resolve(m[1]);
      });
      child.on("exit", (code) => reject(new Error(`server exited (${code})`)));
    });
  }

  test("a new build is announced, Reload switches to it, and it replaces the old cache", async ({ page, context }) => {
    test.setTimeout(240_000);
    const url = await serveCopy();
    const app = new MoteApp(page);
    await page.goto(url);
    await expect(app.button("Run")).toBeVisible();
    await waitForServiceWorker(page);
    await page.reload();
    await expect(app.button("Run")).toBeVisible();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    const before = await cacheContents(page);

    publishNewBuild(root!, "second");
    // What the page does by itself every hour (register.ts), done now.
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const notice = page.getByRole("status", { name: "Update" });
    await expect(notice).toContainText("A new version of Mote is ready", { timeout: 60_000 });
    // Until the person says so, the running page stays on the old build.
    expect(await page.locator('meta[name="mote-build"]').count()).toBe(0);
    await app.screenshot("91-update-ready");

    await Promise.all([page.waitForEvent("load"), notice.getByRole("button", { name: "Reload" }).click()]);
    await expect(page.locator('meta[name="mote-build"]')).toHaveAttribute("content", "second", { timeout: 30_000 });
    await expect(app.button("Run")).toBeVisible();
    await expect(notice).toHaveCount(0);

    // The new build is what the cache holds now: offline, the reload shows it, isolated as before.
    const after = await cacheContents(page);
    expect(after.names).toEqual(before.names);
    expect(after.paths).toEqual(before.paths);
    const cachedIndex = await page.evaluate(() => caches.match("/index.html", { ignoreSearch: true }).then((r) => r?.text() ?? ""));
    expect(cachedIndex).toContain('content="second"');
    await context.setOffline(true);
    try {
      await page.reload();
      await expect(page.locator('meta[name="mote-build"]')).toHaveAttribute("content", "second");
      await expectIsolated(page);
    } finally {
      await context.setOffline(false);
    }
  });
});
