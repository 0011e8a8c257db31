import { expect, test } from "./fixtures/test";
import { MoteApp } from "./app";

test("the app loads, connects to the virtual board, and logs no console errors", async ({ page }) => {
  const app = new MoteApp(page);
  await app.goto();
  await app.waitForBoardReady();
  // The toolbar offers what the design promises, by accessible name.
  for (const name of ["Disconnect", "Run", "Stop", "Soft reset", "Save", "Save to board"]) {
    await expect(app.button(name)).toBeVisible();
  }
  const picker = page.getByRole("combobox", { name: "Board" });
  await expect(picker).toHaveValue("virtual");
  await expect(picker.locator("option")).toHaveText(["Virtual board", "Serial port", "WebREPL"]);
  await expect(app.repl).toBeVisible();
  await expect(app.editorInput()).toBeAttached({ timeout: 20_000 });
  await expect(app.alert).toHaveCount(0);
  await app.screenshot("01-loaded");
  expect(app.consoleErrors).toEqual([]);
});

test("Disconnect and Connect toggle, and the status says so", async ({ page }) => {
  const app = new MoteApp(page);
  await app.goto();
  await app.waitForBoardReady();
  await app.button("Disconnect").click();
  await expect(app.button("Connect")).toBeVisible();
  await expect(app.status).toContainText("Not connected");
  await app.screenshot("02-disconnected");
  await app.button("Connect").click();
  await expect(app.button("Disconnect")).toBeVisible();
  await app.waitForBoardReady();
  expect(app.consoleErrors).toEqual([]);
});

test("picking Serial port shows the baud rate and keeps the choice", async ({ page }) => {
  const app = new MoteApp(page);
  await app.goto();
  await app.waitForBoardReady();
  await page.getByRole("combobox", { name: "Board" }).selectOption({ label: "Serial port" });
  await expect(page.getByRole("combobox", { name: "Baud rate" })).toHaveValue("115200");
  await expect(app.button("Connect")).toBeVisible();
  await app.screenshot("03-serial-picked");
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Board" })).toHaveValue("serial");
  // Back to the default so later tests in this browser context start from the virtual board.
  await page.getByRole("combobox", { name: "Board" }).selectOption({ label: "Virtual board" });
});

test("a browser without Web Serial explains itself once Serial port is picked", async ({ page }) => {
  // As in Firefox or Safari: no navigator.serial at all.
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, "serial", { get: () => undefined, configurable: true });
  });
  const app = new MoteApp(page);
  await app.goto();
  const note = page.getByRole("note");
  await expect(note).toHaveCount(0);
  await page.getByRole("combobox", { name: "Board" }).selectOption({ label: "Serial port" });
  await expect(note).toContainText("Web Serial");
  await app.button("Connect").click();
  await expect(app.alert).toContainText("Web Serial");
  // Said once, not twice.
  await expect(note).toHaveCount(0);
  await app.screenshot("04-no-web-serial");
  await page.getByRole("combobox", { name: "Board" }).selectOption({ label: "Virtual board" });
  await expect(note).toHaveCount(0);
});
