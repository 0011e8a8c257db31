import { expect, test, type Page } from "./fixtures/test";
import { MoteApp } from "./app";

// Settings and the keyboard shortcuts list, in real Chromium against the built app: the whole page, Monaco and xterm
// must switch live, and what is chosen must survive a reload.

const settingsDialog = (page: Page) => page.getByRole("dialog", { name: "Settings" });
const shortcutsDialog = (page: Page) => page.getByRole("dialog", { name: "Keyboard shortcuts" });

/** What the three surfaces show right now: the page's palette, Monaco's theme and background, xterm's text colour. */
async function surfaces(page: Page) {
  return page.evaluate(() => {
    const css = (sel: string, prop: string) => {
      const el = document.querySelector(sel);
      return el ? getComputedStyle(el).getPropertyValue(prop) : null;
    };
    return {
      theme: document.documentElement.dataset.theme,
      body: getComputedStyle(document.body).backgroundColor,
      monacoLight: document.querySelector(".monaco-editor")?.classList.contains("vs") ?? null,
      monacoBg: css(".monaco-editor-background", "background-color"),
      xtermText: css(".repl .xterm-rows", "color"),
      editorFont: css(".monaco-editor .view-lines", "font-size"),
      terminalFont: css(".repl .xterm-rows", "font-size"),
    };
  });
}

test.describe("settings", () => {
  let app: MoteApp;

  test.beforeEach(async ({ page }) => {
    app = new MoteApp(page);
    await app.goto();
    await app.waitForBoardReady(45_000);
    await expect(app.editorInput()).toBeAttached({ timeout: 30_000 });
  });

  test("System follows the OS live; Light and Dark switch the page, Monaco and xterm at once", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await expect.poll(async () => (await surfaces(page)).theme).toBe("dark");
    const dark = await surfaces(page);
    expect(dark.monacoLight).toBe(false);
    await app.screenshot("80-theme-dark");

    // Default is System: the OS turning light turns Mote light, with no reload.
    await page.emulateMedia({ colorScheme: "light" });
    await expect.poll(async () => (await surfaces(page)).theme).toBe("light");
    const light = await surfaces(page);
    expect(light.monacoLight).toBe(true);
    expect(light.body).not.toBe(dark.body);
    expect(light.monacoBg).toBe("rgb(255, 255, 255)");
    expect(light.xtermText).not.toBe(dark.xtermText);
    await app.screenshot("81-theme-light");

    // An explicit Dark wins over the light OS, and applies while the dialog is still open.
    await app.button("Settings").click();
    const dialog = settingsDialog(page);
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("radio", { name: "System" })).toBeChecked();
    await expect(dialog).toContainText("Follows your system: light now.");
    await app.screenshot("82-settings-light");
    await dialog.getByRole("radio", { name: "Dark" }).check();
    await expect.poll(async () => (await surfaces(page)).theme).toBe("dark");
    const forced = await surfaces(page);
    expect(forced).toMatchObject({ body: dark.body, monacoLight: false, monacoBg: dark.monacoBg, xtermText: dark.xtermText });
    await app.screenshot("83-settings-dark");
    await dialog.getByRole("radio", { name: "Light" }).check();
    await expect.poll(async () => (await surfaces(page)).monacoLight).toBe(true);
    expect(app.consoleErrors).toEqual([]);
  });

  test("font sizes apply live, a bad value is refused without losing the good one, and everything survives a reload", async ({ page }) => {
    await app.button("Settings").click();
    const dialog = settingsDialog(page);
    const editorSize = dialog.getByRole("spinbutton", { name: "Editor font size" });
    const terminalSize = dialog.getByRole("spinbutton", { name: "Terminal font size" });
    await editorSize.fill("20");
    await terminalSize.fill("17");
    await expect.poll(async () => (await surfaces(page)).editorFont).toBe("20px");
    await expect.poll(async () => (await surfaces(page)).terminalFont).toBe("17px");

    // 99 is out of range: it is marked and said, the editor keeps 20, and leaving the field puts 20 back.
    await editorSize.fill("99");
    await expect(editorSize).toHaveAttribute("aria-invalid", "true");
    await expect(dialog).toContainText("10 to 28 px; 20 is kept");
    expect((await surfaces(page)).editorFont).toBe("20px");
    await editorSize.blur();
    await expect(editorSize).toHaveValue("20");

    await dialog.getByRole("radio", { name: "Light" }).check();
    await dialog.getByLabel("Enter sends").selectOption("crlf");
    await dialog.getByRole("checkbox", { name: /Format on save/ }).check();
    // One Format on save: the editor's status-line checkbox is the same setting.
    await expect(page.locator(".mote-editor__format-on-save input")).toBeChecked();
    await dialog.getByRole("button", { name: "Done" }).click();
    await expect(dialog).toHaveCount(0);

    await page.reload();
    await expect(app.editorInput()).toBeAttached({ timeout: 30_000 });
    await expect.poll(async () => (await surfaces(page)).editorFont, { timeout: 15_000 }).toBe("20px");
    expect(await surfaces(page)).toMatchObject({ theme: "light", monacoLight: true, terminalFont: "17px" });
    await expect(page.locator(".mote-editor__format-on-save input")).toBeChecked();
    await app.button("Settings").click();
    await expect(dialog.getByLabel("Enter sends")).toHaveValue("crlf");
    await expect(dialog.getByRole("radio", { name: "Light" })).toBeChecked();

    // Reset to defaults: back to System, 14 px, CR, no format on save.
    await dialog.getByRole("button", { name: "Reset to defaults" }).click();
    await expect(dialog.getByRole("radio", { name: "System" })).toBeChecked();
    await expect(editorSize).toHaveValue("14");
    await expect(dialog.getByLabel("Enter sends")).toHaveValue("cr");
    await expect.poll(async () => (await surfaces(page)).editorFont).toBe("14px");
  });

  test("the Enter setting is what reaches the board: one Enter with CR LF arrives as the bytes 13, 10", async ({ page }) => {
    await app.button("Settings").click();
    await settingsDialog(page).getByLabel("Enter sends").selectOption("crlf");
    await page.keyboard.press("Escape");
    await expect(settingsDialog(page)).toHaveCount(0);
    // A program that reads raw bytes from the terminal: it prints only once two bytes came, so one Enter must be two.
    await app.setEditorText("import sys\nprint('waiting')\nprint('got', list(sys.stdin.buffer.read(2)))\n");
    await app.run();
    await app.expectReplToContain("waiting");
    await app.focusRepl();
    await page.keyboard.press("Enter");
    await app.expectReplToContain("got [13, 10]");
  });
});

test.describe("keyboard shortcuts", () => {
  test("F1 opens the list from the editor, it lists F5 Run, Escape closes it and gives focus back", async ({ page }) => {
    const app = new MoteApp(page);
    await app.goto();
    await expect(app.editorInput()).toBeAttached({ timeout: 30_000 });
    await app.editorInput().focus();
    await page.keyboard.press("F1");
    const dialog = shortcutsDialog(page);
    await expect(dialog).toBeVisible();
    // From the same table that installs the keys (src/ui/shortcuts.ts), plus the editor's and the REPL's own.
    await expect(dialog.getByRole("row", { name: /F5 Run the open file/ })).toBeVisible();
    await expect(dialog.getByRole("row", { name: /Shift-Alt-F Format/ })).toBeVisible();
    await expect(dialog.getByRole("row", { name: /Ctrl-D Soft reset/ })).toBeVisible();
    await expect(dialog.getByRole("row", { name: /Ctrl-C Interrupt/ })).toBeVisible();
    await app.screenshot("84-shortcuts");
    // Focus is inside the dialog and stays there on Tab.
    for (let i = 0; i < 4; i++) await page.keyboard.press("Tab");
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(app.editorInput()).toBeFocused();
  });

  test("the toolbar button is reachable with Tab and opens the list with Enter", async ({ page }) => {
    const app = new MoteApp(page);
    await app.goto();
    const button = app.button("Keyboard shortcuts");
    // Tab from the Settings button, the control before it.
    await app.button("Settings").focus();
    await page.keyboard.press("Tab");
    await expect(button).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(shortcutsDialog(page)).toBeVisible();
    await shortcutsDialog(page).getByRole("button", { name: "Close" }).first().click();
    await expect(button).toBeFocused();
    // Ctrl-, opens Settings from anywhere.
    await page.keyboard.press("Control+,");
    await expect(settingsDialog(page)).toBeVisible();
  });
});
