import { beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "vscode-languageserver-protocol";
import {
  isSyntaxError,
  toLspPosition,
  toMonacoCompletion,
  toMonacoHover,
  toMonacoKind,
  toMonacoMarker,
  toMonacoRange,
  toMonacoSignatureHelp,
  type MonacoEnums,
} from "./convert";

// Monaco's own enum values (the plain-JS module the editor uses), so a renumbering in Monaco would show up here.
let e: MonacoEnums;
beforeAll(async () => {
  const spec = "monaco-editor/editor/common/standalone/standaloneEnums";
  e = (await import(/* @vite-ignore */ spec)) as MonacoEnums;
});

const range = { startLineNumber: 2, startColumn: 9, endLineNumber: 2, endColumn: 9 };

describe("positions", () => {
  it("moves from 1-based Monaco to 0-based LSP and back", () => {
    expect(toLspPosition({ lineNumber: 2, column: 9 })).toEqual({ line: 1, character: 8 });
    expect(toMonacoRange({ start: { line: 0, character: 0 }, end: { line: 3, character: 4 } })).toEqual({
      startLineNumber: 1,
      startColumn: 1,
      endLineNumber: 4,
      endColumn: 5,
    });
  });
});

describe("completion items", () => {
  it("maps LSP kinds to Monaco's by meaning", () => {
    expect(toMonacoKind(7, e)).toBe(e.CompletionItemKind.Class);
    expect(toMonacoKind(3, e)).toBe(e.CompletionItemKind.Function);
    expect(toMonacoKind(2, e)).toBe(e.CompletionItemKind.Method);
    expect(toMonacoKind(9, e)).toBe(e.CompletionItemKind.Module);
    expect(toMonacoKind(21, e)).toBe(e.CompletionItemKind.Constant);
    expect(toMonacoKind(6, e)).toBe(e.CompletionItemKind.Variable);
    expect(toMonacoKind(undefined, e)).toBe(e.CompletionItemKind.Text);
  });

  it("keeps markdown documentation as untrusted markdown", () => {
    const item = toMonacoCompletion(
      { label: "Pin", kind: 7, documentation: { kind: "markdown", value: "A **pin**" }, sortText: "09.Pin" },
      range,
      e,
    );
    expect(item.documentation).toEqual({ value: "A **pin**", isTrusted: false, supportHtml: false });
    expect(item.insertText).toBe("Pin");
    expect(item.range).toEqual(range);
    expect(item.sortText).toBe("09.Pin");
  });

  it("uses the item's text edit when it has one", () => {
    const item = toMonacoCompletion(
      { label: "sleep_ms", textEdit: { range: { start: { line: 1, character: 5 }, end: { line: 1, character: 7 } }, newText: "sleep_ms" } },
      range,
      e,
    );
    expect(item.range).toEqual({ startLineNumber: 2, startColumn: 6, endLineNumber: 2, endColumn: 8 });
    expect(item.insertText).toBe("sleep_ms");
  });
});

describe("hover", () => {
  it("turns markup into markdown strings and drops empty hovers", () => {
    const h = toMonacoHover({ contents: { kind: "markdown", value: "```python\nclass Pin()\n```\nA pin." } });
    expect(h?.contents[0].value).toMatch(/class Pin/);
    expect(toMonacoHover({ contents: { kind: "markdown", value: "  " } })).toBeNull();
    expect(toMonacoHover(null)).toBeNull();
  });
});

describe("signature help", () => {
  it("prefers the signature's own active parameter", () => {
    // Pyright's answer inside `time.sleep(`: top-level activeParameter 2, the signature's own 0.
    const help = toMonacoSignatureHelp({
      signatures: [{ label: "(seconds: float, /) -> None", parameters: [{ label: [1, 15] }, { label: [17, 18] }], activeParameter: 0 }],
      activeSignature: 0,
      activeParameter: 2,
    });
    expect(help?.activeParameter).toBe(0);
    expect(help?.signatures[0].parameters[0].label).toEqual([1, 15]);
  });

  it("has nothing to show without signatures", () => {
    expect(toMonacoSignatureHelp({ signatures: [] })).toBeNull();
  });
});

describe("diagnostics to markers", () => {
  const d = (over: Partial<Diagnostic>): Diagnostic => ({
    range: { start: { line: 1, character: 7 }, end: { line: 1, character: 14 } },
    message: "Import \"tkinter\" could not be resolved",
    ...over,
  });

  it("keeps line, column and severity", () => {
    const m = toMonacoMarker(d({ severity: 2 }), e);
    expect(m).toMatchObject({ startLineNumber: 2, startColumn: 8, endLineNumber: 2, endColumn: 15, severity: e.MarkerSeverity.Warning });
    expect(toMonacoMarker(d({ severity: 1 }), e).severity).toBe(e.MarkerSeverity.Error);
    expect(toMonacoMarker(d({ severity: 4 }), e).severity).toBe(e.MarkerSeverity.Hint);
  });

  it("fades unnecessary code and widens an empty range so it shows", () => {
    const m = toMonacoMarker(
      d({ severity: 4, tags: [1], range: { start: { line: 0, character: 3 }, end: { line: 0, character: 3 } } }),
      e,
    );
    expect(m.tags).toEqual([e.MarkerTag.Unnecessary]);
    expect(m.endColumn).toBe(m.startColumn + 1);
  });

  it("tells parser errors (no rule) from checker errors", () => {
    expect(isSyntaxError(d({ severity: 1 }))).toBe(true);
    expect(isSyntaxError(d({ severity: 1, code: "reportGeneralTypeIssues" }))).toBe(false);
    expect(isSyntaxError(d({ severity: 4 }))).toBe(false);
  });

  it("takes the text of a markup message", () => {
    expect(toMonacoMarker(d({ message: { kind: "plaintext", value: "x is unknown" } }), e).message).toBe("x is unknown");
  });
});
