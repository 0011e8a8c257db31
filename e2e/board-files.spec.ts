import { expect, test } from "./fixtures/test";
import { ALL_BYTES, MoteApp, noise } from "./app";

test.describe("Board files panel on the virtual board", () => {
  let app: MoteApp;

  test.beforeEach(async ({ page }) => {
    app = new MoteApp(page);
    await app.goto();
    // Generous: the virtual board boots slowly when the machine is busy (CI boxes, parallel runs).
    await app.waitForBoardReady(60_000);
    await app.waitForBoardFiles(60_000);
  });

  test("drop files to upload, into a folder too; download gives the same bytes; rename; delete with confirm", async () => {
    test.setTimeout(180_000);
    // The virtual board's statvfs numbers are invented by Emscripten's MEMFS, so it shows no usage bar.
    await expect(app.page.getByRole("meter", { name: "Board storage" })).toHaveCount(0);

    await app.dropFilesOnBoard([
      { name: "all-bytes.bin", bytes: ALL_BYTES },
      { name: "notes.txt", bytes: new TextEncoder().encode("héllo board\n") },
    ]);
    await expect(app.boardEntry("/all-bytes.bin")).toBeVisible();
    await expect(app.boardEntry("/notes.txt")).toBeVisible();
    await app.waitForBoardFiles();
    await app.typeInRepl("import os; print('L:', sorted(os.listdir()))");
    await app.expectReplToContain(/^L: .*'all-bytes\.bin'.*'notes\.txt'/m);

    // A folder, then a file dropped onto its row lands inside it.
    await app.boardButton("New folder").click();
    const folderName = app.boardPanel().getByLabel("New board folder name");
    await folderName.fill("lib");
    await folderName.press("Enter");
    await expect(app.boardEntry("/lib")).toBeVisible();
    await app.waitForBoardFiles();
    const random = noise(20_000);
    await app.dropFilesOnBoard([{ name: "random.bin", bytes: random }], "/lib");
    await app.waitForBoardFiles();
    await app.boardEntry("/lib").getByRole("button", { name: "Expand /lib" }).click();
    await expect(app.boardEntry("/lib/random.bin")).toBeVisible();
    await expect(app.boardEntry("/lib/random.bin")).toContainText("20 KB");
    await app.screenshot("40-board-files-tree");

    expect(new Uint8Array(await app.downloadBoardFile("/all-bytes.bin"))).toEqual(ALL_BYTES);
    await app.waitForBoardFiles();
    expect(new Uint8Array(await app.downloadBoardFile("/lib/random.bin"))).toEqual(random);
    await app.waitForBoardFiles();

    await app.renameBoardEntry("/notes.txt", "renamed.txt");
    await expect(app.boardEntry("/renamed.txt")).toBeVisible();
    await expect(app.boardEntry("/notes.txt")).toHaveCount(0);
    await app.waitForBoardFiles();
    await app.typeInRepl("print('R:', 'renamed.txt' in os.listdir(), 'notes.txt' in os.listdir())");
    await app.expectReplToContain(/^R: True False$/m);

    await app.askDeleteBoardEntry("/all-bytes.bin");
    await expect(app.dialog()).toContainText("Delete all-bytes.bin from the board?");
    await app.screenshot("41-board-delete-confirm");
    await app.answerDialog("Cancel");
    await expect(app.boardEntry("/all-bytes.bin")).toBeVisible();
    await app.askDeleteBoardEntry("/all-bytes.bin");
    await app.answerDialog("Delete");
    await expect(app.boardEntry("/all-bytes.bin")).toHaveCount(0);
    await app.waitForBoardFiles();
    await app.typeInRepl("print('D:', 'all-bytes.bin' in os.listdir())");
    await app.expectReplToContain(/^D: False$/m);

    // A folder goes with everything in it.
    await app.askDeleteBoardEntry("/lib");
    await expect(app.dialog()).toContainText("everything in it");
    await app.answerDialog("Delete");
    await expect(app.boardEntry("/lib")).toHaveCount(0);
    await app.waitForBoardFiles();
    await app.typeInRepl("print('F:', 'lib' in os.listdir())");
    await app.expectReplToContain(/^F: False$/m);
    expect(app.consoleErrors).toEqual([]);
  });

  test("a file dragged from Project files is uploaded with the project's text", async () => {
    test.setTimeout(180_000);
    const source = 'print("from the project")\n';
    await app.setEditorText(source);
    await app.dropProjectFileOnBoard("main.py");
    await expect(app.boardEntry("/main.py")).toBeVisible();
    await app.waitForBoardFiles();
    await app.typeInRepl("print('P:' + open('main.py').read().upper())");
    await app.expectReplToContain('P:PRINT("FROM THE PROJECT")');
  });

  test("files a program wrote appear after the Run; a name with a control character is shown escaped and deletable", async () => {
    test.setTimeout(180_000);
    await app.setEditorText("f = open('made by run.txt', 'w')\nf.write('x')\nf.close()\nf = open('two\\nlines.txt', 'w')\nf.close()\n");
    await app.run();
    await expect(app.status).toContainText("Ready");
    await app.waitForBoardFiles(60_000);
    await expect(app.boardEntry("/made by run.txt")).toBeVisible();
    // The newline in the name is shown as the two characters \n, never as a line break.
    await expect(app.boardEntry("/two\\nlines.txt")).toContainText("two\\nlines.txt");
    await app.askDeleteBoardEntry("/two\\nlines.txt");
    await app.answerDialog("Delete");
    await expect(app.boardEntry("/two\\nlines.txt")).toHaveCount(0);
    await app.waitForBoardFiles();
    await app.typeInRepl("import os; print('N:', len([n for n in os.listdir() if 'lines' in n]))");
    await app.expectReplToContain(/^N: 0$/m);
  });

  test("a large upload shows progress and Cancel leaves no partial file behind", async () => {
    test.setTimeout(180_000);
    const size = 1_500_000;
    await app.dropFilesOnBoard([{ name: "big.bin", bytes: noise(size, 7) }]);
    const bar = app.boardPanel().getByRole("progressbar");
    await expect(bar).toBeVisible();
    await expect(bar).toHaveAttribute("aria-valuetext", /of 1\.4 MB/);
    await app.screenshot("42-board-upload-progress");
    // The transfer may finish before the click lands on a fast machine; either way no partial file may remain.
    await app.boardButton("Cancel").click().catch(() => undefined);
    await expect(bar).toHaveCount(0);
    await app.waitForBoardFiles();
    await app.typeInRepl("print('S:', [os.stat(n)[6] for n in os.listdir() if n == 'big.bin'])");
    await app.expectReplToContain(new RegExp(`^S: \\[(${size})?\\]$`, "m"));
    await app.typeInRepl("print('T:', [n for n in os.listdir() if n.startswith('.mote')])");
    await app.expectReplToContain(/^T: \[\]$/m);
  });

  test("conflict: a file changed on the board since it was opened is not overwritten until Overwrite", async () => {
    test.setTimeout(180_000);
    await app.typeInRepl("import os; f=open('conf.py','w'); f.write('v = 1\\n'); f.close()");
    await app.boardButton("Refresh board files").click();
    await expect(app.boardEntry("/conf.py")).toBeVisible();
    await app.waitForBoardFiles();
    await app.openBoardFile("/conf.py");
    await expect.poll(() => app.editorText()).toContain("v = 1");
    await app.waitForBoardFiles();

    await app.typeInRepl("f=open('conf.py','w'); f.write('board_edit = 2\\n'); f.close()");
    await app.setEditorText("editor_edit = 3\n");
    await app.saveToBoard();
    await expect(app.dialog()).toContainText("changed on the board");
    await expect(app.dialog().getByRole("button", { name: "Open board version" })).toBeVisible();
    await app.screenshot("43-board-conflict-dialog");
    await app.answerDialog("Cancel");
    await app.waitForBoardFiles();
    await app.typeInRepl("print('A:' + open('conf.py').read().upper())");
    await app.expectReplToContain(/^A:BOARD_EDIT = 2$/m);

    await app.saveToBoard();
    await expect(app.dialog()).toContainText("changed on the board");
    await app.answerDialog("Overwrite");
    await app.waitForBoardFiles();
    await app.typeInRepl("print('B:' + open('conf.py').read().upper())");
    await app.expectReplToContain(/^B:EDITOR_EDIT = 3$/m);

    // The overwrite is now the known version: another save goes straight through.
    await app.setEditorText("editor_edit = 4\n");
    await app.saveToBoard();
    await expect(app.notice).toContainText("Saved conf.py to the board");
    await expect(app.dialog()).toHaveCount(0);
    expect(app.consoleErrors).toEqual([]);
  });
});
