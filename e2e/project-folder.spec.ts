// A real folder as the project, through the File System Access API. Headless Chromium can't show the folder
// picker, so a SHIM (MoteApp.installFolderPickerShim) hands the app a real directory handle from the Origin Private
// File System; everything after the picker is the browser's real API.
import { expect as baseExpect, test } from "./fixtures/test";

import { MoteApp } from "./app";

// Bounds, not speed checks: on a loaded shared machine the page (with the virtual board booting) can stall for
// many seconds, and the default 15 s made a correct run fail.
test.use({ actionTimeout: 45_000 });
test.setTimeout(180_000);
const expect = baseExpect.configure({ timeout: 45_000 });

const FOLDER = "blinky";

test("open a folder, edit and save into its file, reload: the folder reopens with the edit", async ({ page }) => {
  const app = new MoteApp(page);
  await app.installFolderPickerShim(FOLDER);
  await app.goto();
  await app.writeOpfsFile(FOLDER, "main.py", "print('from disk')\n");
  await app.writeOpfsFile(FOLDER, "lib/led.py", "PIN = 2\n");
  await expect(app.projectPanel()).toContainText("Stored in this browser");

  await app.projectButton("Open folder").click();
  await expect(app.projectPanel()).toContainText(`Folder on disk: ${FOLDER}`);
  await expect(app.projectFile("lib/led.py")).toBeVisible();
  await app.projectFile("main.py").click();
  await expect.poll(() => app.editorText()).toContain("from disk");
  await app.screenshot("project-folder-open");

  const edited = "print('edited in Mote')\n";
  await app.setEditorText(edited);
  // Not on disk before Save: the disk holds what was saved.
  expect(await app.readOpfsFile(FOLDER, "main.py")).toBe("print('from disk')\n");
  await app.button("Save").click();
  await expect.poll(() => app.readOpfsFile(FOLDER, "main.py")).toBe(edited);

  await page.reload();
  await expect(app.projectPanel()).toContainText(`Folder on disk: ${FOLDER}`);
  await expect(app.editorInput()).toBeAttached({ timeout: 20_000 });
  await expect.poll(() => app.editorText(), { timeout: 15_000 }).toContain("edited in Mote");

  // A file added on disk by another program shows up on Refresh.
  await app.writeOpfsFile(FOLDER, "added.py", "x = 1\n");
  await app.projectButton("Refresh").click();
  await expect(app.projectFile("added.py")).toBeVisible();

  // New files made in Mote land in the folder.
  await app.projectButton("New file").click();
  const nameField = app.projectPanel().getByLabel("New name for untitled.py");
  await nameField.fill("made_here.py");
  await nameField.press("Enter");
  await expect(app.projectFile("made_here.py")).toBeVisible();
  await expect.poll(() => app.readOpfsFile(FOLDER, "made_here.py")).toBe("");

  // The way back: the browser project, untouched.
  await app.projectButton("Use browser storage").click();
  await expect(app.projectPanel()).toContainText("Stored in this browser");
  await expect(app.projectFile("lib/led.py")).toHaveCount(0);
  await expect(app.projectFile("main.py")).toBeVisible();
  await page.reload();
  await expect(app.projectPanel()).toContainText("Stored in this browser");
  expect(app.consoleErrors).toEqual([]);
});

test("an import into an open folder writes the files into the folder", async ({ page }) => {
  const app = new MoteApp(page);
  await app.installFolderPickerShim("imported");
  await app.goto();
  await app.projectButton("Open folder").click();
  await expect(app.projectPanel()).toContainText("Folder on disk: imported");
  const { strToU8, zipSync } = await import("fflate");
  await app.importZip(zipSync({ "pkg/mod.py": strToU8("VALUE = 7\n") }), "pkg.zip");
  await expect(app.projectFile("pkg/mod.py")).toBeVisible();
  await expect.poll(() => app.readOpfsFile("imported", "pkg/mod.py")).toBe("VALUE = 7\n");
});

test("when the browser asks for permission again, the panel says so and Reopen folder brings the folder back", async ({
  page,
}) => {
  const app = new MoteApp(page);
  await app.installFolderPickerShim("asks");
  await app.goto();
  await app.writeOpfsFile("asks", "kept.py", "K = 1\n");
  await app.projectButton("Open folder").click();
  await expect(app.projectFile("kept.py")).toBeVisible();
  // SHIM: Origin Private File System handles never need a prompt; make the next page load see the state a real
  // folder is in after a browser restart ("prompt"), and answer the permission request with Allow.
  await page.addInitScript(() => {
    const proto = (globalThis as unknown as { FileSystemHandle: { prototype: Record<string, unknown> } }).FileSystemHandle.prototype;
    proto.queryPermission = async () => "prompt";
    proto.requestPermission = async () => "granted";
  });
  await page.reload();
  const notice = app.projectPanel().getByRole("alert").filter({ hasText: "needs your permission again" });
  await expect(notice).toContainText("asks");
  await expect(app.projectPanel()).toContainText("Stored in this browser");
  await app.screenshot("project-folder-permission");
  await app.projectButton("Reopen folder").click();
  await expect(app.projectPanel()).toContainText("Folder on disk: asks");
  await expect(app.projectFile("kept.py")).toBeVisible();
  await expect(notice).toHaveCount(0);
});
