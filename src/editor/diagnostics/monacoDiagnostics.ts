// Monaco glue: markers from the diagnostics worker on every Python model, and Ruff behind Format Document
// (Shift-Alt-F). Monaco is passed in rather than imported so this module stays out of the entry chunk's way.
import type * as Monaco from "monaco-editor/editor/editor.api";
import { sharedDiagnostics, StaleCheckError, type DiagnosticsClient } from "./diagnostics";
import type { Diag, FormatError } from "./types";

export { formatOnSave } from "./diagnostics";

type MonacoApi = typeof Monaco;
type Model = Monaco.editor.ITextModel;

export interface AttachOptions {
  /** Defaults to the page's shared worker. */
  client?: DiagnosticsClient;
  /** Quiet time after the last edit before a model is checked. With a check of a few ms, markers land ~200 ms
   * after typing stops. */
  delayMs?: number;
  /** Told when Format Document leaves a file alone (the message is also shown at the cursor when Monaco can). */
  onFormatError?: (error: FormatError, model: Model) => void;
}

export const MARKER_OWNERS = ["micropython", "ruff"] as const;

export function attachDiagnostics(monaco: MonacoApi, opts: AttachOptions = {}): Monaco.IDisposable {
  const client = opts.client ?? sharedDiagnostics();
  const delayMs = opts.delayMs ?? 180;
  const watched = new Map<Model, { timer?: ReturnType<typeof setTimeout>; listener: Monaco.IDisposable }>();
  const disposables: Monaco.IDisposable[] = [];

  const key = (model: Model) => model.uri.toString();

  const apply = (model: Model, owner: (typeof MARKER_OWNERS)[number], diags: Diag[]) => {
    if (model.isDisposed()) return;
    monaco.editor.setModelMarkers(
      model,
      owner,
      diags.filter((d) => d.source === owner).map((d) => toMarker(monaco, d)),
    );
  };

  const run = (model: Model) => {
    if (model.isDisposed()) return;
    const version = model.getVersionId();
    const current = () => !model.isDisposed() && model.getVersionId() === version && watched.has(model);
    client
      .check(key(model), model.getValue(), version, (diags) => {
        if (current()) apply(model, "micropython", diags);
      })
      .then(
        (diags) => {
          if (!current()) return;
          apply(model, "micropython", diags);
          // Ruff cannot lint a file it cannot parse, so while a line is half-typed it has nothing to say: keep its
          // last markers (Monaco moves them with the edits) instead of blinking them away at every keystroke.
          const compilerError = diags.some((d) => d.source === "micropython" && d.severity === "error");
          if (compilerError && !diags.some((d) => d.source === "ruff")) return;
          apply(model, "ruff", diags);
        },
        (e: unknown) => {
          // Stale: a newer version is on its way. Anything else: leave the markers as they are, the next edit retries.
          if (!(e instanceof StaleCheckError)) console.warn("Diagnostics failed:", e);
        },
      );
  };

  const schedule = (model: Model, delay: number) => {
    const w = watched.get(model);
    if (!w) return;
    clearTimeout(w.timer);
    w.timer = setTimeout(() => run(model), delay);
  };

  const clear = (model: Model) => {
    for (const owner of MARKER_OWNERS) monaco.editor.setModelMarkers(model, owner, []);
  };

  const unwatch = (model: Model) => {
    const w = watched.get(model);
    if (!w) return;
    clearTimeout(w.timer);
    w.listener.dispose();
    watched.delete(model);
    if (!model.isDisposed()) clear(model);
  };

  const consider = (model: Model) => {
    const python = model.getLanguageId() === "python";
    if (!python) return unwatch(model);
    if (watched.has(model)) return;
    watched.set(model, { listener: model.onDidChangeContent(() => schedule(model, delayMs)) });
    schedule(model, 0);
  };

  for (const model of monaco.editor.getModels()) consider(model);
  disposables.push(
    monaco.editor.onDidCreateModel(consider),
    monaco.editor.onWillDisposeModel(unwatch),
    monaco.editor.onDidChangeModelLanguage((e) => consider(e.model)),
    monaco.languages.registerDocumentFormattingEditProvider("python", {
      displayName: "Ruff",
      provideDocumentFormattingEdits: async (model, _options, token) => {
        const before = model.getValue(monaco.editor.EndOfLinePreference.LF, false);
        const result = await client.format(before);
        if (token.isCancellationRequested || model.isDisposed()) return [];
        if (typeof result !== "string") {
          showFormatError(monaco, model, result);
          opts.onFormatError?.(result, model);
          return [];
        }
        const edit = minimalEdit(before, result);
        return edit ? [edit] : [];
      },
    }),
  );

  return {
    dispose() {
      for (const model of [...watched.keys()]) unwatch(model);
      for (const d of disposables) d.dispose();
    },
  };
}

export function toMarker(monaco: MonacoApi, d: Diag): Monaco.editor.IMarkerData {
  const severity = {
    error: monaco.MarkerSeverity.Error,
    warning: monaco.MarkerSeverity.Warning,
    info: monaco.MarkerSeverity.Info,
    hint: monaco.MarkerSeverity.Hint,
  }[d.severity];
  const marker: Monaco.editor.IMarkerData = {
    severity,
    message: d.message,
    source: d.source === "micropython" ? "MicroPython" : "Ruff",
    startLineNumber: d.startLine,
    startColumn: d.startColumn,
    endLineNumber: d.endLine,
    endColumn: d.endColumn,
  };
  if (d.code) marker.code = d.code;
  if (d.tags) {
    marker.tags = d.tags.map((t) => (t === "unnecessary" ? monaco.MarkerTag.Unnecessary : monaco.MarkerTag.Deprecated));
  }
  return marker;
}

/**
 * The formatter's output as one edit covering only what changed (common start and end kept), so the cursor,
 * selections and undo stay put in the untouched parts. Positions are counted on the "\n" text, which Monaco's
 * line/column positions are independent of.
 */
export function minimalEdit(before: string, after: string): Monaco.languages.TextEdit | null {
  if (before === after) return null;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  const from = positionAt(before, start);
  const to = positionAt(before, endB);
  return {
    range: { startLineNumber: from.line, startColumn: from.column, endLineNumber: to.line, endColumn: to.column },
    text: after.slice(start, endA),
  };
}

function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

interface MessageController {
  showMessage(message: string, position: Monaco.IPosition): void;
}

/** Shows why formatting did nothing next to the cursor, in whichever editor shows the model (if Monaco can). */
function showFormatError(monaco: MonacoApi, model: Model, error: FormatError): void {
  const editor = monaco.editor.getEditors().find((e) => e.getModel() === model && e.hasTextFocus()) ??
    monaco.editor.getEditors().find((e) => e.getModel() === model);
  const position = error.line ? { lineNumber: error.line, column: error.column ?? 1 } : editor?.getPosition();
  const controller = editor?.getContribution("editor.contrib.messageController") as MessageController | null;
  if (editor && position && controller && typeof controller.showMessage === "function") {
    controller.showMessage(error.message, position);
  }
}
