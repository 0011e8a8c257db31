/**
 * The page object every UI spec drives: it knows Mote's accessible names and how to reach into the terminal and the
 * editor, so specs read as what a person does ("run", "type in the REPL") and survive layout changes.
 */
import { expect, type ConsoleMessage, type Locator, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import path from "node:path";
export { seededBytes as noise } from "../src/device/testing/seededBytes";

const SCREENSHOT_DIR = path.join("test-results", "screenshots");

export class MoteApp {
  readonly repl: Locator;
  readonly editor: Locator;
  readonly status: Locator;
  readonly cursorPosition: Locator;
  readonly alert: Locator;
  /** The passing-remark toast ("Saved main.py to the board."). */
  readonly notice: Locator;
  /** Console errors and page errors seen since goto(). */
  readonly consoleErrors: string[] = [];

  constructor(readonly page: Page) {
    this.repl = page.getByRole("region", { name: "REPL" });
    this.editor = page.getByLabel("Editor").first();
    this.status = page.getByRole("status", { name: "Board status" });
    this.cursorPosition = page.getByLabel("Cursor position");
    // Mote's own banners only: Monaco keeps hidden role="alert" regions for screen readers.
    this.alert = page.getByRole("alert").and(page.locator(".banner"));
    this.notice = page.locator(".toast-region");
    page.on("console", (msg: ConsoleMessage) => {
      if (msg.type() === "error") this.consoleErrors.push(msg.text());
    });
    page.on("pageerror", (err) => this.consoleErrors.push(`pageerror: ${err.message}`));
  }

  button(name: string): Locator {
    // exact: "Save" must not also match "Save to board".
    return this.page.getByRole("button", { name, exact: true });
  }

  async goto(): Promise<void> {
    await this.page.goto("/");
    await expect(this.button("Run")).toBeVisible();
  }

  /** Waits until the board answered and the REPL shows a prompt. */
  async waitForBoardReady(timeout = 20_000): Promise<void> {
    await expect(this.status).toContainText("Ready", { timeout });
    await expect.poll(() => this.replText(), { timeout }).toContain(">>>");
  }

  /** The terminal's visible rows as plain text, one line per row, trailing blanks trimmed. */
  async replText(): Promise<string> {
    return this.repl.locator(".xterm-rows").evaluate((rows) =>
      Array.from(rows.children)
        .map((row) => (row.textContent ?? "").replace(/\u00a0/g, " ").trimEnd())
        .join("\n")
        .trimEnd(),
    );
  }

  async focusRepl(): Promise<void> {
    await this.repl.locator(".xterm-screen").click();
    await expect(this.repl.locator("textarea")).toBeFocused();
  }

  /** Types a line into the REPL as keystrokes and presses Enter. */
  async typeInRepl(line: string): Promise<void> {
    await this.focusRepl();
    await this.page.keyboard.type(line, { delay: 5 });
    await this.page.keyboard.press("Enter");
  }

  /** Pastes text into the focused REPL as the browser would from the clipboard. */
  async pasteInRepl(text: string): Promise<void> {
    await this.repl.locator("textarea").evaluate((el, t) => {
      const data = new DataTransfer();
      data.setData("text/plain", t);
      el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  }

  /** Double-clicks a word in the REPL, which selects it. */
  async selectReplWord(word: string): Promise<void> {
    const point = await this.repl.locator(".xterm-rows").evaluate((rows, wanted) => {
      for (const row of Array.from(rows.children)) {
        const content = (row.textContent ?? "").replace(/\u00a0/g, " ");
        // Whole-row match, so the echo of the command that printed it is skipped.
        if (content.trimEnd() !== wanted) continue;
        const r = row.getBoundingClientRect();
        return { x: r.left + 4, y: r.top + r.height / 2 };
      }
      return null;
    }, word);
    if (!point) throw new Error(`no row reading "${word}" in the REPL`);
    await this.page.mouse.dblclick(point.x, point.y);
  }

  async expectReplToContain(text: string | RegExp, timeout = 10_000): Promise<void> {
    await expect.poll(() => this.replText(), { timeout }).toMatch(typeof text === "string" ? escapeRe(text) : text);
  }

  /**
   * Replaces the editor's text. Delivered as a paste event, as if from the clipboard: typed or inserted text would be
   * re-indented by the editor after every newline, and the real clipboard needs permissions headless runs lack.
   */
  async setEditorText(text: string): Promise<void> {
    const input = this.editorInput();
    await expect(input).toBeAttached({ timeout: 20_000 });
    await input.focus();
    await this.page.keyboard.press("ControlOrMeta+A");
    await this.page.keyboard.press("Delete");
    await input.evaluate((el, t) => {
      const data = new DataTransfer();
      data.setData("text/plain", t);
      el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
    await expect.poll(() => this.editorText()).toBe(text);
  }

  /** Monaco's hidden textarea inside the editor region. */
  editorInput(): Locator {
    return this.page.locator('[aria-label="Editor"] textarea, textarea[aria-label="Editor"]').first();
  }

  async editorText(): Promise<string> {
    return this.page
      .locator(".monaco-editor .view-lines")
      .first()
      .evaluate((el) =>
        Array.from(el.children)
          .map((l) => ({ top: parseFloat((l as HTMLElement).style.top || "0"), text: l.textContent ?? "" }))
          .sort((a, b) => a.top - b.top)
          .map((l) => l.text.replace(/\u00a0/g, " "))
          .join("\n"),
      );
  }

  async run(): Promise<void> {
    await this.button("Run").click();
  }

  async stop(): Promise<void> {
    await this.button("Stop").click();
  }

  async saveToBoard(): Promise<void> {
    await this.button("Save to board").click();
  }

  /** Clicks the first `File "NAME", line N` link in the terminal. */
  async clickTracebackLink(file: string, line: number): Promise<void> {
    const text = `File "${file}", line ${line}`;
    const box = await this.repl.locator(".xterm-rows").evaluate((rows, wanted) => {
      for (const row of Array.from(rows.children)) {
        const content = (row.textContent ?? "").replace(/\u00a0/g, " ");
        const col = content.indexOf(wanted);
        if (col < 0) continue;
        // Find the text node holding a character a few cells into the link and measure exactly that character.
        let target = col + 3;
        const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const len = node.textContent?.length ?? 0;
          if (target < len) {
            const range = document.createRange();
            range.setStart(node, target);
            range.setEnd(node, target + 1);
            const r = range.getBoundingClientRect();
            return { x: r.left + r.width / 2, y: r.top + r.height / 2, cellWidth: r.width };
          }
          target -= len;
        }
      }
      return null;
    }, text);
    if (!box) throw new Error(`no "${text}" in the REPL:\n${await this.replText()}`);
    // xterm computes links on hover; move first, then click.
    await this.page.mouse.move(box.x, box.y);
    await this.page.mouse.move(box.x + box.cellWidth, box.y);
    await this.page.mouse.click(box.x + box.cellWidth, box.y);
  }

  // ---- Board files panel ----

  /** The Board files panel (header, usage, transfer bar, tree). */
  boardPanel(): Locator {
    return this.page.locator("section.board-files");
  }

  /** The board's file tree, by its accessible name. */
  boardTree(): Locator {
    return this.page.getByRole("tree", { name: "Board files" });
  }

  /** One row of the board tree, by its board path as shown ("/lib/x.py"). */
  boardEntry(path: string): Locator {
    return this.boardTree().getByRole("treeitem", { name: path, exact: true });
  }

  boardButton(name: string): Locator {
    return this.boardPanel().getByRole("button", { name, exact: true });
  }

  /** Points at the panel, waits until it has listed the board and holds it no longer (the REPL takes keys again). */
  async waitForBoardFiles(timeout = 30_000): Promise<void> {
    // The panel lists a stale board when the person points at it (never behind a REPL user's back).
    await this.boardPanel().locator(".board-files__title").hover();
    await expect(this.boardPanel()).toHaveAttribute("data-listed", "true", { timeout });
    await expect(this.boardPanel()).toHaveAttribute("aria-busy", "false", { timeout });
    await expect(this.status).toContainText("Ready", { timeout });
  }

  /** Drops files from "the desktop" on the panel (or on a folder row): a real drop event carrying File objects. */
  async dropFilesOnBoard(files: Array<{ name: string; bytes: Uint8Array }>, onto?: string): Promise<void> {
    const target = onto ? this.boardEntry(onto) : this.boardTree();
    await target.evaluate(
      (el, list) => {
        const data = new DataTransfer();
        for (const f of list) data.items.add(new File([new Uint8Array(f.bytes)], f.name));
        for (const type of ["dragenter", "dragover", "drop"]) {
          el.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
        }
      },
      files.map((f) => ({ name: f.name, bytes: Array.from(f.bytes) })),
    );
  }

  /** Drops a file dragged from Project files (the drag type that panel sets) on the board panel. */
  async dropProjectFileOnBoard(projectPath: string): Promise<void> {
    await this.boardTree().evaluate((el, p) => {
      const data = new DataTransfer();
      data.setData("application/x-mote-project-path", p);
      for (const type of ["dragenter", "dragover", "drop"]) {
        el.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
      }
    }, projectPath);
  }

  /** Downloads a board file through its row's Download button and returns the bytes the browser saved. */
  async downloadBoardFile(path: string): Promise<Buffer> {
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      this.boardEntry(path).getByRole("button", { name: `Download ${path}` }).click(),
    ]);
    const file = await download.path();
    const { readFileSync } = await import("node:fs");
    return readFileSync(file);
  }

  /** Opens the delete question for a board entry; answer it with confirmDialog("Delete") or ("Cancel"). */
  async askDeleteBoardEntry(path: string): Promise<void> {
    await this.boardEntry(path).getByRole("button", { name: `Delete ${path}` }).click();
  }

  dialog(): Locator {
    return this.page.getByRole("dialog");
  }

  async answerDialog(choice: string): Promise<void> {
    await this.dialog().getByRole("button", { name: choice, exact: true }).click();
    await expect(this.dialog()).toHaveCount(0);
  }

  async renameBoardEntry(path: string, newName: string): Promise<void> {
    await this.boardEntry(path).getByRole("button", { name: `Rename ${path}` }).click();
    const input = this.boardTree().getByLabel(`New name for ${path}`);
    await input.fill(newName);
    await input.press("Enter");
  }

  async openBoardFile(path: string): Promise<void> {
    await this.boardEntry(path).getByRole("button", { name: `Open ${path}` }).click();
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  // ---- Project files panel: folder on disk, zip import/export (helper "workspace") ----

  projectPanel(): Locator {
    return this.page.getByRole("region", { name: "Project files" });
  }

  projectButton(name: string): Locator {
    return this.projectPanel().getByRole("button", { name, exact: true });
  }

  /** A file row's button in Project files, by its project path ("lib/util.py"). */
  projectFile(projectPath: string): Locator {
    return this.projectPanel().getByRole("button", { name: projectPath, exact: true });
  }

  /**
   * SHIM: headless Chromium can't show the real folder picker, so showDirectoryPicker is replaced, before the app
   * loads, by one that returns a real FileSystemDirectoryHandle from the Origin Private File System.
   */
  async installFolderPickerShim(folderName: string): Promise<void> {
    await this.page.addInitScript((name) => {
      (window as unknown as { showDirectoryPicker: () => Promise<FileSystemDirectoryHandle> }).showDirectoryPicker =
        async () => (await navigator.storage.getDirectory()).getDirectoryHandle(name, { create: true });
    }, folderName);
  }

  /** Writes a file into the OPFS folder behind the shim, as another program would write to disk. */
  async writeOpfsFile(folderName: string, filePath: string, text: string): Promise<void> {
    await this.page.evaluate(
      async ({ folderName, filePath, text }) => {
        let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(folderName, { create: true });
        const parts = filePath.split("/");
        const leaf = parts.pop()!;
        for (const p of parts) dir = await dir.getDirectoryHandle(p, { create: true });
        const w = await (await dir.getFileHandle(leaf, { create: true })).createWritable();
        await w.write(text);
        await w.close();
      },
      { folderName, filePath, text },
    );
  }

  /** The text of a file in the OPFS folder, or null when it doesn't exist. */
  async readOpfsFile(folderName: string, filePath: string): Promise<string | null> {
    return this.page.evaluate(
      async ({ folderName, filePath }) => {
        try {
          let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(folderName);
          const parts = filePath.split("/");
          const leaf = parts.pop()!;
          for (const p of parts) dir = await dir.getDirectoryHandle(p);
          return await (await (await dir.getFileHandle(leaf)).getFile()).text();
        } catch {
          return null;
        }
      },
      { folderName, filePath },
    );
  }

  /** Imports a zip through the Import zip button and the browser's file chooser. */
  async importZip(bytes: Uint8Array, name = "project.zip"): Promise<void> {
    const [chooser] = await Promise.all([this.page.waitForEvent("filechooser"), this.projectButton("Import zip").click()]);
    // A long bound: on a loaded machine the page may be busy for a while; this is not a speed check.
    await chooser.setFiles({ name, mimeType: "application/zip", buffer: Buffer.from(bytes) }, { timeout: 60_000 });
  }

  /** Exports through the Export zip button; returns the suggested file name and the bytes the browser saved. */
  async exportZip(): Promise<{ name: string; bytes: Uint8Array }> {
    const [download] = await Promise.all([this.page.waitForEvent("download"), this.projectButton("Export zip").click()]);
    const { readFileSync } = await import("node:fs");
    return { name: download.suggestedFilename(), bytes: new Uint8Array(readFileSync(await download.path())) };
  }

  // ---- end of Project files block ----

  // ---- Packages dialog (mip) ----

  packagesDialog(): Locator {
    return this.page.getByRole("dialog", { name: "Packages" });
  }

  /** Opens the Packages dialog from the Board files panel and points it at `index`. */
  async openPackages(index?: string): Promise<void> {
    await this.boardButton("Packages").click();
    await expect(this.packagesDialog()).toBeVisible();
    if (index) {
      await this.packagesDialog().getByLabel("Package index URL").fill(index);
      await this.packagesDialog().getByRole("button", { name: "Use index", exact: true }).click();
    }
  }

  /** One package of the board's installed list, by its accessible name ("greet 1.2.0"). */
  installedPackage(name: string): Locator {
    return this.packagesDialog().getByRole("region", { name: "Installed on the board" }).getByRole("listitem", { name, exact: true });
  }

  // ---- Plotter (helper "plotter") ----

  plotter(): Locator {
    return this.page.getByRole("region", { name: "Plotter" });
  }

  plotterButton(name: string): Locator {
    return this.plotter().getByRole("button", { name, exact: true });
  }

  /** Opens the plotter with its toggle in the REPL header and waits for the lazy panel. */
  async openPlotter(): Promise<void> {
    const toggle = this.repl.getByRole("button", { name: "Plotter", exact: true });
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
    await expect(this.plotter().getByRole("combobox", { name: "Time window" })).toBeVisible({ timeout: 20_000 });
  }

  /** The plotter's text alternative: "At 3.2 s: i 12, sin 0.93, cos 0.36." */
  async plotLatestValues(): Promise<string> {
    return (await this.plotter().getByRole("region", { name: "Latest values" }).textContent()) ?? "";
  }

  /** Export CSV: the suggested file name and the text the browser saved. */
  async exportPlotCsv(): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent("download"), this.plotterButton("Export CSV").click()]);
    const { readFileSync } = await import("node:fs");
    return { name: download.suggestedFilename(), text: readFileSync(await download.path(), "utf8") };
  }

  /**
   * Every line the terminal holds, scrollback included: pages up with Shift+PageUp (xterm's own binding) from the
   * bottom, reading the visible rows at each stop, then stitches the pages together on their overlap.
   */
  async replAllLines(maxPages = 200): Promise<string[]> {
    await this.focusRepl();
    const pages: string[][] = [(await this.replText()).split("\n")];
    for (let i = 0; i < maxPages; i++) {
      const before = pages[0].join("\n");
      await this.page.keyboard.press("Shift+PageUp");
      // The scroll renders on the next frame; a page that does not change within a second means the top.
      let rows = before;
      for (const end = Date.now() + 1000; rows === before && Date.now() < end; ) {
        await this.page.waitForTimeout(25);
        rows = await this.replText();
      }
      if (rows === before) break;
      pages.unshift(rows.split("\n"));
    }
    // A page scroll moves rows - 1 rows, so neighbouring pages share one row; the last scroll, into the top, may
    // have moved less, so the top two pages can share more.
    const lines = [...pages[0]];
    for (let p = 1; p < pages.length; p++) lines.push(...pages[p].slice(p === 1 ? overlap(lines, pages[p]) : 1));
    return lines;
  }

  // ---- end of Plotter block ----
}


/** Every byte value, twice, so an encoding that mangles any of them shows. */
export const ALL_BYTES = Uint8Array.from({ length: 512 }, (_, i) => i & 0xff);

/** How many leading rows of `page` repeat the tail of `lines` (the last page scrolled by less than a page). */
function overlap(lines: string[], page: string[]): number {
  for (let n = Math.min(lines.length, page.length); n > 0; n--) {
    if (lines.slice(lines.length - n).join("\n") === page.slice(0, n).join("\n")) return n;
  }
  return 0;
}

function escapeRe(s: string): RegExp {
  return new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
}
