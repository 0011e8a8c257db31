// Project zip import and export through the real UI: the browser's file chooser in, a real download out, and the
// archive checked with fflate (an independent reader) in the test.
import { expect as baseExpect, test } from "./fixtures/test";
import { strToU8, unzipSync, zipSync } from "fflate";
import { MoteApp } from "./app";

// Bounds, not speed checks: on a loaded shared machine the page (with the virtual board booting) can stall for
// many seconds, and the default 15 s made a correct run fail.
test.use({ actionTimeout: 45_000 });
test.setTimeout(180_000);
const expect = baseExpect.configure({ timeout: 45_000 });

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

test("import a zip, then export it: the download holds the same files", async ({ page }) => {
  const app = new MoteApp(page);
  await app.goto();
  const files = {
    "main.py": 'print("imported main")\n',
    "lib/sensor.py": "def read():\n    return 42\n",
    "lib/deep/config.py": "NAME = 'ünïcødé'\n",
  };
  const zipped = zipSync(Object.fromEntries(Object.entries(files).map(([p, t]) => [p, strToU8(t)])));
  // main.py exists already (the example): the import asks before replacing it.
  const asked: string[] = [];
  page.on("dialog", (d) => {
    asked.push(d.message());
    void d.accept();
  });
  await app.importZip(zipped, "sample.zip");
  await expect(app.projectPanel().getByRole("status")).toContainText("Imported 3 files from sample.zip.");
  expect(asked).toEqual([expect.stringContaining("replaces main.py")]);
  for (const p of Object.keys(files)) await expect(app.projectFile(p)).toBeVisible();
  await app.projectFile("lib/sensor.py").click();
  await expect.poll(() => app.editorText()).toContain("return 42");

  const exported = await app.exportZip();
  expect(exported.name).toBe("mote-project.zip");
  const back = unzipSync(exported.bytes);
  expect(Object.fromEntries(Object.entries(back).map(([p, b]) => [p, text(b)]))).toEqual(files);
  await app.screenshot("project-zip-imported");
  expect(app.consoleErrors).toEqual([]);
});

test("a zip slip entry is refused with a message and nothing lands outside the project", async ({ page }) => {
  const app = new MoteApp(page);
  await app.goto();
  const zipped = zipSync({
    "good.py": strToU8("print('good')\n"),
    "../evil.py": strToU8("EVIL = 1\n"),
    "/abs/evil2.py": strToU8("EVIL = 2\n"),
    "C:/evil3.py": strToU8("EVIL = 3\n"),
  });
  await app.importZip(zipped, "hostile.zip");
  const alert = app.projectPanel().getByRole("alert");
  await expect(alert).toContainText("Imported 1 file from hostile.zip.");
  await expect(alert).toContainText("Skipped 3 entries");
  await expect(alert).toContainText("../evil.py");
  await expect(alert).toContainText('contains ".."');
  await expect(alert).toContainText("absolute path");
  await expect(alert).toContainText("drive letter");
  await expect(app.projectFile("good.py")).toBeVisible();
  // Under no name at all: the project list has exactly the example and the good file.
  const names = await app.projectPanel().locator(".mote-files__row").allTextContents();
  expect(names.join("|")).not.toMatch(/evil/);
  await app.screenshot("project-zip-slip");

  const exported = unzipSync((await app.exportZip()).bytes);
  expect(Object.keys(exported).sort()).toEqual(["good.py", "main.py"]);
});

test("export asks first when the project has secrets.py", async ({ page }) => {
  const app = new MoteApp(page);
  await app.goto();
  await app.importZip(zipSync({ "secrets.py": strToU8("PASSWORD = 'x'\n") }), "s.zip");
  await expect(app.projectFile("secrets.py")).toBeVisible();
  const messages: string[] = [];
  let answer = false;
  page.on("dialog", (d) => {
    messages.push(d.message());
    void (answer ? d.accept() : d.dismiss());
  });
  let downloads = 0;
  page.on("download", () => downloads++);
  await app.projectButton("Export zip").click();
  await expect.poll(() => messages.length).toBe(1);
  expect(messages[0]).toMatch(/secrets\.py.*passwords/);
  expect(downloads).toBe(0);
  answer = true;
  const exported = await app.exportZip();
  expect(text(unzipSync(exported.bytes)["secrets.py"])).toBe("PASSWORD = 'x'\n");
});

test("dragging a project file offers its path to the Board files panel", async ({ page }) => {
  const app = new MoteApp(page);
  await app.goto();
  await expect(app.projectFile("main.py")).toBeVisible();
  const data = await app.projectFile("main.py").evaluate((el) => {
    const dt = new DataTransfer();
    el.dispatchEvent(new DragEvent("dragstart", { dataTransfer: dt, bubbles: true, cancelable: true }));
    return { path: dt.getData("application/x-mote-project-path"), text: dt.getData("text/plain") };
  });
  expect(data).toEqual({ path: "main.py", text: "main.py" });
});
