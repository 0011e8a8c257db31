// The Packages dialog in Chromium on the virtual board (real MicroPython WASM): install from a LOCAL mip index
// (fixture packages on node:http, src/packages/testing/localIndex.ts) through Mote's real package proxy, see it listed
// with its version, import it in the REPL, refuse a tampered package, remove it again.
import { expect, test } from "./fixtures/test";
import { startLocalIndex, type LocalIndex } from "../src/packages/testing/localIndex";
import { MoteApp } from "./app";
import { E2E_MIP_PORT } from "./fixtures/mipIndex";

let local: LocalIndex;

test.beforeAll(async () => {
  local = await startLocalIndex({ port: E2E_MIP_PORT });
});
test.afterAll(async () => {
  await local?.close();
});

test("install a package with its dependency from a local index, import it, remove it", async ({ page }) => {
  test.setTimeout(180_000);
  const app = new MoteApp(page);
  // The index URL as the dialog remembers it (prefs.ts): the first open must not try micropython.org (no network in
  // CI; the failed fetch would log a console error). Changing the URL in the dialog is shown further down.
  await page.addInitScript(() => localStorage.setItem("mote.mip.index", "http://127.0.0.1:9/pi/v2"));
  await app.goto();
  await app.waitForBoardReady(60_000);

  await app.openPackages();
  const dialog = app.packagesDialog();
  // An index Mote's server was not told about is refused by the server, with the way to allow it.
  await expect(dialog.getByRole("alert")).toContainText("MOTE_MIP_INDEXES");
  await dialog.getByLabel("Package index URL").fill(local.index);
  await dialog.getByRole("button", { name: "Use index", exact: true }).click();
  await expect(dialog).toContainText("Installs into /lib on the board, as compiled .mpy (bytecode version 6).");
  await expect(dialog).toContainText("packages in the index.");
  await dialog.getByLabel("Search packages").fill("greet");
  const results = dialog.getByRole("list", { name: "Packages in the index" });
  await expect(results.getByRole("listitem")).toHaveCount(2);
  await expect(results).toContainText("Friendly greetings (fixture).");

  await results.getByRole("button", { name: "Install greet", exact: true }).click();
  await expect(dialog.getByRole("status")).toContainText("Installed greet 1.2.0 into /lib, with textcase 0.9.", { timeout: 60_000 });
  await expect(app.installedPackage("greet 1.2.0")).toContainText("Installed by you");
  await expect(app.installedPackage("textcase 0.9")).toContainText("Dependency of greet");
  await app.screenshot("80-packages-installed");
  // The index was reached through the page's own server, which fetched these from the local index.
  expect(local.requests).toContain("/pi/v2/package/6/greet/latest.json");

  // A tampered file is refused before anything reaches the board, in words.
  await dialog.getByLabel("Package to install").fill("tampered");
  await dialog.getByRole("button", { name: "Install", exact: true }).click();
  const alert = dialog.getByRole("alert");
  await expect(alert).toContainText("tampered.py of tampered 1.0 does not match the index's checksum");
  await expect(alert).toContainText("Nothing was installed");
  await app.screenshot("81-packages-tampered");
  await alert.getByRole("button", { name: "Dismiss" }).click();

  await dialog.getByRole("button", { name: "Close", exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await app.typeInRepl("import greet; print('G:', greet.loud())");
  await app.expectReplToContain(/^G: HELLO, BOARD!$/m);
  await app.typeInRepl("import os; print('T:', 'tampered.py' in os.listdir('/lib'))");
  await app.expectReplToContain(/^T: False$/m);

  await app.openPackages();
  await app.installedPackage("greet 1.2.0").getByRole("button", { name: "Remove greet" }).click();
  const confirm = page.getByRole("dialog", { name: "Remove greet from the board?" });
  await expect(confirm).toContainText("Also removed, because nothing else needs it: textcase.");
  await expect(confirm).toContainText("greet/__init__.py");
  await app.screenshot("82-packages-remove-confirm");
  await confirm.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(dialog.getByRole("status")).toContainText("Removed greet, textcase (3 files deleted).");
  await expect(dialog).toContainText("No packages on the board yet.");
  await dialog.getByRole("button", { name: "Close", exact: true }).click();

  await app.typeInRepl("print('L:', os.listdir('/lib'))");
  await app.expectReplToContain(/^L: \[\]$/m);
  // The browser logs the refused fetch of the unlisted index (HTTP 400) as a console error; nothing else may appear.
  expect(app.consoleErrors.filter((e) => !/status of 400 \(Bad Request\)/.test(e))).toEqual([]);
});
