import { expect, test } from "./fixtures/test";
import { ALL_BYTES, MoteApp } from "./app";
import { attachQemuSerial, requireQemu, type QemuSerialCable } from "./fixtures/serialShim";

// The Board files panel through the app's real Web Serial code against REAL MicroPython 1.9.2 firmware (QEMU
// micro:bit behind a navigator.serial shim): a flat filesystem, no rename, no statvfs, no hashlib.
test.describe("Board files panel on a QEMU micro:bit (real firmware behind a navigator.serial shim)", () => {
  let cable: QemuSerialCable | undefined;
  let app: MoteApp;

  test.beforeEach(async ({ page }) => {
    requireQemu();
    cable = await attachQemuSerial(page);
    app = new MoteApp(page);
    await app.goto();
    await page.getByLabel("Board", { exact: true }).selectOption({ label: "Serial port" });
    await app.button("Connect").click();
    await expect(app.status).toContainText("Ready", { timeout: 20_000 });
    await app.expectReplToContain("micro:bit");
    await app.waitForBoardFiles(60_000);
  });
  test.afterEach(async () => {
    await cable?.stop();
    cable = undefined;
  });

  test("drop to upload, listdir shows it, download gives the same bytes, rename is not supported, delete", async () => {
    test.setTimeout(240_000);
    // No statvfs on this firmware: no usage bar rather than a wrong one.
    await expect(app.page.getByRole("meter", { name: "Board storage" })).toHaveCount(0);

    const bytes = ALL_BYTES.slice(0, 256);
    await app.dropFilesOnBoard([{ name: "bytes.bin", bytes }]);
    await expect(app.boardEntry("/bytes.bin")).toBeVisible({ timeout: 60_000 });
    await expect(app.boardEntry("/bytes.bin")).toContainText("256 B");
    await app.waitForBoardFiles(60_000);
    await app.screenshot("44-microbit-board-files");
    await app.typeInRepl("import os; print('L:', os.listdir())");
    await app.expectReplToContain(/^L: .*'bytes\.bin'/m);

    expect(new Uint8Array(await app.downloadBoardFile("/bytes.bin"))).toEqual(bytes);
    await app.waitForBoardFiles(60_000);

    await app.renameBoardEntry("/bytes.bin", "other.bin");
    await expect(app.boardPanel().getByRole("alert")).toContainText("not supported on this board");
    await app.screenshot("45-microbit-rename-unsupported");
    await app.boardTree().getByLabel("New name for /bytes.bin").press("Escape");
    await expect(app.boardEntry("/bytes.bin")).toBeVisible();

    await app.askDeleteBoardEntry("/bytes.bin");
    await app.answerDialog("Delete");
    await expect(app.boardEntry("/bytes.bin")).toHaveCount(0, { timeout: 30_000 });
    await app.waitForBoardFiles(60_000);
    await app.typeInRepl("print('D:', 'bytes.bin' in os.listdir())");
    await app.expectReplToContain(/^D: False$/m);
    expect(app.consoleErrors).toEqual([]);
  });

  test("conflict: a file changed on the board since it was opened is not overwritten until Overwrite", async () => {
    test.setTimeout(240_000);
    await app.typeInRepl("f=open('conf.py','w'); f.write('v = 1\\n'); f.close()");
    await app.boardButton("Refresh board files").click();
    await expect(app.boardEntry("/conf.py")).toBeVisible({ timeout: 30_000 });
    await app.waitForBoardFiles(60_000);
    await app.openBoardFile("/conf.py");
    await expect.poll(() => app.editorText(), { timeout: 30_000 }).toContain("v = 1");
    await app.waitForBoardFiles(60_000);

    await app.typeInRepl("f=open('conf.py','w'); f.write('board_edit = 2\\n'); f.close()");
    await app.setEditorText("editor_edit = 3\n");
    await app.saveToBoard();
    await expect(app.dialog()).toContainText("changed on the board", { timeout: 60_000 });
    await app.answerDialog("Cancel");
    await app.waitForBoardFiles(60_000);
    await app.typeInRepl("print('A:' + open('conf.py').read().upper())");
    await app.expectReplToContain(/^A:BOARD_EDIT = 2$/m);

    await app.saveToBoard();
    await expect(app.dialog()).toContainText("changed on the board", { timeout: 60_000 });
    await app.answerDialog("Overwrite");
    await app.waitForBoardFiles(60_000);
    await app.typeInRepl("print('B:' + open('conf.py').read().upper())");
    await app.expectReplToContain(/^B:EDITOR_EDIT = 3$/m, 20_000);
    expect(app.consoleErrors).toEqual([]);
  });
});
