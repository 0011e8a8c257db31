/**
 * The page object every UI spec drives: it knows Mote's accessible names and how to reach into the terminal and the
 * editor, so specs read as what a person does ("run", "type in the REPL") and survive layout changes.
 */
import { expect, type ConsoleMessage, type Locator, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import path from "node:path";

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

  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}

function escapeRe(s: string): RegExp {
  return new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
}
