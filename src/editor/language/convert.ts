// LSP <-> Monaco shapes. Pure: the Monaco enums come in as a parameter, so Node tests use Monaco's real enum values
// without loading the editor. LSP positions are 0-based (line, UTF-16 character); Monaco's are 1-based
// (lineNumber, UTF-16 column), so the two differ by one on both axes and nothing else.
import type * as Monaco from "monaco-editor/editor/editor.api";
import type {
  CompletionItem as LspCompletionItem,
  CompletionItemKind as LspKind,
  Diagnostic,
  Hover,
  MarkedString,
  MarkupContent,
  Position,
  Range,
  SignatureHelp,
} from "vscode-languageserver-protocol";

export interface MonacoEnums {
  CompletionItemKind: typeof Monaco.languages.CompletionItemKind;
  MarkerSeverity: typeof Monaco.MarkerSeverity;
  MarkerTag: typeof Monaco.MarkerTag;
}

export function enumsOf(monaco: typeof Monaco): MonacoEnums {
  return {
    CompletionItemKind: monaco.languages.CompletionItemKind,
    MarkerSeverity: monaco.MarkerSeverity,
    MarkerTag: monaco.MarkerTag,
  };
}

export function toLspPosition(p: { lineNumber: number; column: number }): Position {
  return { line: p.lineNumber - 1, character: p.column - 1 };
}

export function toMonacoRange(r: Range): Monaco.IRange {
  return {
    startLineNumber: r.start.line + 1,
    startColumn: r.start.character + 1,
    endLineNumber: r.end.line + 1,
    endColumn: r.end.character + 1,
  };
}

/** LSP CompletionItemKind (1..25) -> Monaco's, by name, since the two numberings differ. */
export function toMonacoKind(kind: LspKind | undefined, e: MonacoEnums): Monaco.languages.CompletionItemKind {
  const K = e.CompletionItemKind;
  const table: Record<number, Monaco.languages.CompletionItemKind> = {
    1: K.Text, 2: K.Method, 3: K.Function, 4: K.Constructor, 5: K.Field, 6: K.Variable, 7: K.Class,
    8: K.Interface, 9: K.Module, 10: K.Property, 11: K.Unit, 12: K.Value, 13: K.Enum, 14: K.Keyword,
    15: K.Snippet, 16: K.Color, 17: K.File, 18: K.Reference, 19: K.Folder, 20: K.EnumMember, 21: K.Constant,
    22: K.Struct, 23: K.Event, 24: K.Operator, 25: K.TypeParameter,
  };
  return (kind !== undefined ? table[kind] : undefined) ?? K.Text;
}

/** Documentation as Monaco shows it: markdown stays markdown (never trusted: it comes from stubs and user code). */
export function toMonacoDoc(doc: string | MarkupContent | undefined): string | Monaco.IMarkdownString | undefined {
  if (doc === undefined || doc === "") return undefined;
  if (typeof doc === "string") return doc;
  if (!doc.value) return undefined;
  return doc.kind === "markdown" ? { value: doc.value, isTrusted: false, supportHtml: false } : doc.value;
}

export function toMonacoCompletion(
  item: LspCompletionItem,
  defaultRange: Monaco.IRange,
  e: MonacoEnums,
): Monaco.languages.CompletionItem {
  const edit = item.textEdit;
  let range: Monaco.IRange | Monaco.languages.CompletionItemRanges = defaultRange;
  let insertText = item.insertText ?? item.label;
  if (edit && "range" in edit) {
    range = toMonacoRange(edit.range);
    insertText = edit.newText;
  } else if (edit) {
    range = { insert: toMonacoRange(edit.insert), replace: toMonacoRange(edit.replace) };
    insertText = edit.newText;
  }
  const additional = item.additionalTextEdits?.map((t) => ({ range: toMonacoRange(t.range), text: t.newText }));
  return {
    label: item.label,
    kind: toMonacoKind(item.kind, e),
    detail: item.detail,
    documentation: toMonacoDoc(item.documentation),
    sortText: item.sortText,
    filterText: item.filterText,
    insertText,
    range,
    additionalTextEdits: additional,
    tags: item.deprecated || item.tags?.includes(1) ? [1] : undefined,
  };
}

export function toMonacoHover(h: Hover | null): Monaco.languages.Hover | null {
  if (!h) return null;
  const parts = Array.isArray(h.contents) ? h.contents : [h.contents];
  const contents = parts
    .map((p: MarkupContent | MarkedString): Monaco.IMarkdownString => {
      if (typeof p === "string") return { value: p };
      if ("language" in p) return { value: "```" + p.language + "\n" + p.value + "\n```" };
      return { value: p.value };
    })
    .filter((c) => c.value.trim() !== "");
  if (contents.length === 0) return null;
  return { contents, range: h.range ? toMonacoRange(h.range) : undefined };
}

export function toMonacoSignatureHelp(help: SignatureHelp | null): Monaco.languages.SignatureHelp | null {
  if (!help || help.signatures.length === 0) return null;
  const activeSignature = Math.min(help.activeSignature ?? 0, help.signatures.length - 1);
  const signatures = help.signatures.map((s) => ({
    label: s.label,
    documentation: toMonacoDoc(s.documentation),
    parameters: (s.parameters ?? []).map((p) => ({ label: p.label, documentation: toMonacoDoc(p.documentation) })),
    // A signature's own activeParameter wins over the top-level one (LSP 3.16); Pyright fills both, and they differ.
    activeParameter: s.activeParameter ?? undefined,
  }));
  const active = signatures[activeSignature];
  return { signatures, activeSignature, activeParameter: active.activeParameter ?? help.activeParameter ?? 0 };
}

/**
 * Pyright's parser errors are the errors that carry no rule name (every checker error names its rule, such as
 * reportGeneralTypeIssues). MicroPython's own compiler is the authority on its syntax, so these can be hidden when
 * its diagnostics are shown.
 */
export function isSyntaxError(d: Diagnostic): boolean {
  return d.severity === 1 && (d.code === undefined || d.code === null);
}

/** LSP 3.18 lets a diagnostic's message be markup; markers take plain text. */
export function messageText(d: Diagnostic): string {
  return typeof d.message === "string" ? d.message : d.message.value;
}

export function toMonacoMarker(d: Diagnostic, e: MonacoEnums): Monaco.editor.IMarkerData {
  const S = e.MarkerSeverity;
  const severity = d.severity === 1 ? S.Error : d.severity === 2 ? S.Warning : d.severity === 3 ? S.Info : S.Hint;
  const tags = (d.tags ?? []).map((t) => (t === 1 ? e.MarkerTag.Unnecessary : e.MarkerTag.Deprecated));
  const r = toMonacoRange(d.range);
  // A zero-width range would draw nothing: widen it to one character so the squiggle shows.
  const empty = r.startLineNumber === r.endLineNumber && r.startColumn === r.endColumn;
  return {
    ...r,
    endColumn: empty ? r.endColumn + 1 : r.endColumn,
    severity,
    message: messageText(d),
    source: "Pyright",
    code: typeof d.code === "number" || typeof d.code === "string" ? String(d.code) : undefined,
    tags: tags.length ? tags : undefined,
  };
}
