import { expect, test } from "./fixtures/test";
import { MoteApp } from "./app";

test("a reload keeps unsaved edits", async ({ page }) => {
  const app = new MoteApp(page);
  await app.goto();
  const marker = `# unsaved edit ${Date.now()}`;
  await app.setEditorText(`${marker}\nprint("still here")\n`);
  await expect.poll(() => app.editorText()).toContain(marker);
  // Give the workspace's debounced write to IndexedDB time to land, as a person pausing would.
  await page.waitForTimeout(1_000);
  await page.reload();
  await expect(app.editorInput()).toBeAttached({ timeout: 20_000 });
  await expect.poll(() => app.editorText(), { timeout: 15_000 }).toContain(marker);
  expect(app.consoleErrors).toEqual([]);
});
