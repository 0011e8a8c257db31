import { expect, test } from "./fixtures/test";
import { MoteApp } from "./app";

test.describe("virtual board REPL", () => {
  let app: MoteApp;

  test.beforeEach(async ({ page }) => {
    app = new MoteApp(page);
    await app.goto();
    await app.waitForBoardReady();
  });

  test("print(6*7) typed in the REPL shows 42", async () => {
    await app.typeInRepl("print(6*7)");
    await app.expectReplToContain(/^42$/m);
    await app.screenshot("10-repl-42");
  });

  test("Run shows a script's output", async () => {
    await app.setEditorText('for i in range(3):\n    print("tick", i)\nprint("done")\n');
    await app.run();
    await app.expectReplToContain("tick 2");
    await app.expectReplToContain(/^done$/m);
    await expect(app.status).toContainText("Ready");
    await app.screenshot("11-run-output");
  });

  test("Stop ends `while True: pass` within 2 s and the REPL works after", async () => {
    await app.setEditorText("while True:\n    pass\n");
    await app.run();
    await expect(app.status).toContainText("Running");
    await app.screenshot("12-running");
    const started = Date.now();
    await app.stop();
    await expect(app.status).toContainText("Ready", { timeout: 2_000 });
    expect(Date.now() - started).toBeLessThan(2_000);
    await app.typeInRepl('print("after" + "stop")');
    await app.expectReplToContain(/^afterstop$/m);
    await app.screenshot("13-after-stop");
  });

  test("a traceback links back to the line that raised", async () => {
    await app.setEditorText('def f():\n    raise ValueError("boom")\nf()\nprint("never")\n');
    await expect(app.cursorPosition).not.toHaveText(/Ln 2,/);
    await app.run();
    await app.expectReplToContain('File "<stdin>", line 2');
    await app.expectReplToContain("ValueError: boom");
    await app.screenshot("14-traceback");
    await app.clickTracebackLink("<stdin>", 2);
    await expect(app.cursorPosition).toHaveText(/Ln 2, Col \d+/);
    await app.screenshot("15-traceback-followed");
  });

  test("Save to board puts the file on the board's filesystem", async () => {
    const marker = `saved-${Date.now()}`;
    await app.setEditorText(`print("${marker}")\n`);
    await app.saveToBoard();
    await expect(app.notice).toContainText("to the board");
    await app.typeInRepl("import os; os.listdir()");
    await app.expectReplToContain("main.py");
    await app.typeInRepl("print(open('main.py').read())");
    await app.expectReplToContain(new RegExp(`^print\\("${marker}"\\)$`, "m"));
    await app.screenshot("16-saved-to-board");
  });

  test("F5 runs the editor's file and Ctrl-Shift-C stops it", async ({ page }) => {
    await app.setEditorText('print("via F5")\nwhile True:\n    pass\n');
    await page.keyboard.press("F5");
    await app.expectReplToContain(/^via F5$/m);
    await expect(app.status).toContainText("Running");
    await page.keyboard.press("Control+Shift+C");
    await expect(app.status).toContainText("Ready", { timeout: 5_000 });
  });

  test("screen reader mode exposes the REPL's text to assistive technology", async ({ page }) => {
    const toggle = app.repl.getByRole("button", { name: "Screen reader mode" });
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
    await app.typeInRepl('print("spoken " * 2)');
    await expect(page.locator(".xterm-accessibility-tree")).toContainText("spoken spoken");
  });

  test("a multi-line paste into the REPL runs as one block", async () => {
    await app.focusRepl();
    await app.pasteInRepl('for i in range(2):\r\n    print("pasted", i)\r\n');
    await app.expectReplToContain(/^pasted 1$/m);
  });

  test("Ctrl-Shift-C copies the terminal selection instead of stopping", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await app.typeInRepl('print("copy" + "me")');
    await app.expectReplToContain(/^copyme$/m);
    await app.selectReplWord("copyme");
    await page.keyboard.press("Control+Shift+C");
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe("copyme");
    await expect(app.status).toContainText("Ready");
  });
});
