import { expect, test } from "./fixtures/test";
import { MoteApp } from "./app";
import { attachQemuSerial, requireQemu, type QemuSerialCable } from "./fixtures/serialShim";

// The app's real Web Serial code path against REAL MicroPython 1.9.2 firmware: a navigator.serial shim (test
// fixture) whose port is bridged to a QEMU micro:bit in Node. Only the browser's port object is simulated.
test.describe("Web Serial to a QEMU micro:bit (real firmware behind a navigator.serial shim)", () => {
  let cable: QemuSerialCable | undefined;

  test.beforeEach(() => requireQemu());
  test.afterEach(async () => {
    await cable?.stop();
    cable = undefined;
  });

  test("connect, REPL, Run, Stop a busy loop, Save to board, then pull the cable", async ({ page }) => {
    test.setTimeout(120_000);
    cable = await attachQemuSerial(page);
    const app = new MoteApp(page);
    await app.goto();

    // Pick the serial board; the chooser (the shim's) answers with the micro:bit at once.
    await page.getByLabel("Board", { exact: true }).selectOption({ label: "Serial port" });
    await app.button("Connect").click();
    await expect(app.status).toContainText("Ready", { timeout: 20_000 });
    await app.expectReplToContain("micro:bit");
    // The port was opened at the chosen baud, with the modem lines set once (no reset pulse).
    expect(cable.events.find((e) => e.op === "open")).toMatchObject({ options: { baudRate: 115200 } });
    await app.screenshot("20-serial-connected");

    await app.typeInRepl("print(6*7)");
    await app.expectReplToContain(/^42$/m);

    await app.setEditorText('for i in range(3):\n    print("tick", i)\nprint("done")\n');
    await app.run();
    await app.expectReplToContain("tick 2");
    await app.expectReplToContain(/^done$/m);
    await expect(app.status).toContainText("Ready");

    await app.setEditorText("while True:\n    pass\n");
    await app.run();
    await expect(app.status).toContainText("Running");
    await app.stop();
    await expect(app.status).toContainText("Ready", { timeout: 2_000 });
    await app.expectReplToContain("KeyboardInterrupt");
    await app.typeInRepl('print("alive" + "!")');
    await app.expectReplToContain(/^alive!$/m);
    await app.screenshot("21-serial-after-stop");

    await app.setEditorText('print("hello from mote")\n');
    await app.saveToBoard();
    await expect(app.notice).toContainText("to the board");
    await app.typeInRepl("import os; os.listdir()");
    await app.expectReplToContain("main.py");
    await app.typeInRepl("print(open('main.py').read())");
    await app.expectReplToContain('print("hello from mote")');
    await app.screenshot("22-serial-saved");

    await cable.pullCable();
    await expect(app.button("Connect")).toBeVisible({ timeout: 10_000 });
    await expect(app.alert.filter({ hasText: "disconnected" })).toBeVisible();
    // The editor keeps its contents when the board goes away.
    expect(await app.editorText()).toContain('print("hello from mote")');
    await app.screenshot("23-serial-cable-pulled");
    expect(app.consoleErrors).toEqual([]);
  });

  test("a port granted on an earlier visit reopens on load, without the chooser", async ({ page }) => {
    cable = await attachQemuSerial(page, { granted: true });
    // The person used Serial port last time: the app remembers the choice.
    await page.addInitScript(() => localStorage.setItem("mote.board", "serial"));
    const app = new MoteApp(page);
    await app.goto();
    await expect(app.status).toContainText("Ready", { timeout: 20_000 });
    await app.expectReplToContain("micro:bit");
    await app.typeInRepl("print(6*7)");
    await app.expectReplToContain(/^42$/m);
    const chooserShown = await page.evaluate(() => (window as { __moteRequestPortCalls?: number }).__moteRequestPortCalls ?? 0);
    expect(chooserShown).toBe(0);
    expect(app.consoleErrors).toEqual([]);
  });
});
