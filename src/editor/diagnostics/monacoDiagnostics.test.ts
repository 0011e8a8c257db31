// The Monaco glue against a stand-in for the few Monaco APIs it uses, with the real worker protocol and engine.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type * as Monaco from "monaco-editor/editor/editor.api";
import { createDiagnostics, type DiagnosticsClient, type WorkerPort } from "./diagnostics";
import { DiagnosticsEngine } from "./engine";
import { attachDiagnostics, minimalEdit } from "./monacoDiagnostics";
import { nodeLoaders } from "./testing/nodeLoaders";
import type { FormatError } from "./types";
import { diagnosticsHandler } from "./workerProtocol";

type Listener<T> = (e: T) => void;

// Polls until the markers arrive. The bound is generous because the first check loads both WASM modules and the
// machine may be busy; nothing here asserts how fast that is.
const settled = (check: () => void) => vi.waitFor(check, { timeout: 30_000, interval: 20 });

/** TEST DOUBLE: a text model with the members the glue reads. */
class FakeModel {
  private version = 1;
  private disposed = false;
  private readonly listeners = new Set<Listener<unknown>>();
  constructor(
    private text: string,
    private language: string,
    readonly uri = { toString: () => `mote:/${Math.random()}` },
  ) {}
  getValue() {
    return this.text;
  }
  getVersionId() {
    return this.version;
  }
  getLanguageId() {
    return this.language;
  }
  isDisposed() {
    return this.disposed;
  }
  onDidChangeContent(l: Listener<unknown>) {
    this.listeners.add(l);
    return { dispose: () => this.listeners.delete(l) };
  }
  setValue(text: string) {
    this.text = text;
    this.version++;
    for (const l of this.listeners) l({});
  }
}

/** TEST DOUBLE: the slice of `monaco` the glue uses; markers are kept per model and owner. */
function fakeMonaco(models: FakeModel[]) {
  const markers = new Map<FakeModel, Map<string, Monaco.editor.IMarkerData[]>>();
  let formatter: Monaco.languages.DocumentFormattingEditProvider | undefined;
  const created = new Set<Listener<FakeModel>>();
  const api = {
    MarkerSeverity: { Hint: 1, Info: 2, Warning: 4, Error: 8 },
    MarkerTag: { Unnecessary: 1, Deprecated: 2 },
    editor: {
      EndOfLinePreference: { TextDefined: 0, LF: 1, CRLF: 2 },
      getModels: () => models,
      getEditors: () => [],
      onDidCreateModel: (l: Listener<FakeModel>) => {
        created.add(l);
        return { dispose: () => created.delete(l) };
      },
      onWillDisposeModel: () => ({ dispose() {} }),
      onDidChangeModelLanguage: () => ({ dispose() {} }),
      setModelMarkers: (model: FakeModel, owner: string, data: Monaco.editor.IMarkerData[]) => {
        if (!markers.has(model)) markers.set(model, new Map());
        markers.get(model)!.set(owner, data);
      },
    },
    languages: {
      registerDocumentFormattingEditProvider: (lang: string, p: Monaco.languages.DocumentFormattingEditProvider) => {
        expect(lang).toBe("python");
        formatter = p;
        return { dispose: () => (formatter = undefined) };
      },
    },
  };
  return {
    monaco: api as unknown as typeof Monaco,
    markers: (m: FakeModel, owner: string) => markers.get(m)?.get(owner),
    format: (m: FakeModel) =>
      formatter!.provideDocumentFormattingEdits(m as unknown as Monaco.editor.ITextModel, { tabSize: 4, insertSpaces: true }, {
        isCancellationRequested: false,
        onCancellationRequested: () => ({ dispose() {} }),
      } as Monaco.CancellationToken),
    hasFormatter: () => formatter !== undefined,
    create: (m: FakeModel) => {
      models.push(m);
      for (const l of created) l(m);
    },
  };
}

/** TEST DOUBLE for the Worker, running the real handler in this thread. */
const inProcessWorker = (engine: DiagnosticsEngine) => (): WorkerPort => {
  const port: WorkerPort = {
    onmessage: null,
    onerror: null,
    terminate: () => undefined,
    postMessage: (req) => setTimeout(() => handle(structuredClone(req)), 0),
  };
  const handle = diagnosticsHandler(engine, (reply) => setTimeout(() => port.onmessage?.({ data: reply }), 0));
  return port;
};

let client: DiagnosticsClient;
let finished = 0;
let disposable: Monaco.IDisposable | undefined;
beforeAll(() => {
  const inner = createDiagnostics(inProcessWorker(new DiagnosticsEngine(nodeLoaders)));
  // Counts checks that have fully finished (both stages), so a test can wait for the end, not just the first stage.
  client = {
    check: (...args) => inner.check(...args).finally(() => finished++),
    format: (text) => inner.format(text),
    dispose: () => inner.dispose(),
  };
});
afterEach(() => disposable?.dispose());

describe("attachDiagnostics", () => {
  it("sets markers by owner on Python models, follows edits, ignores other languages", async () => {
    const py = new FakeModel("x = 1\nif x\n    pass\n", "python");
    const txt = new FakeModel("if x\n", "plaintext");
    const fake = fakeMonaco([py, txt]);
    disposable = attachDiagnostics(fake.monaco, { client, delayMs: 10 });

    await settled(() => expect(fake.markers(py, "micropython")).toHaveLength(1));
    expect(fake.markers(py, "micropython")![0]).toMatchObject({
      severity: 8,
      source: "MicroPython",
      startLineNumber: 2,
      startColumn: 5,
    });
    expect(fake.markers(txt, "micropython")).toBeUndefined();

    py.setValue("import os\nx = 1\nif x:\n    pass\n");
    await settled(() => expect(fake.markers(py, "ruff")).toHaveLength(1));
    expect(fake.markers(py, "micropython")).toEqual([]);
    expect(fake.markers(py, "ruff")![0]).toMatchObject({ code: "F401", severity: 1, tags: [1], startLineNumber: 1 });

    // Half-typed again: the compiler's error shows, Ruff's last markers stay.
    const before = finished;
    py.setValue("import os\nx = 1\nif x:\n    pass\ny = (\n");
    await settled(() => expect(finished).toBeGreaterThan(before));
    expect(fake.markers(py, "micropython")).toHaveLength(1);
    expect(fake.markers(py, "ruff")).toHaveLength(1);

    const later = new FakeModel("return 1\n", "python");
    fake.create(later);
    await settled(() => expect(fake.markers(later, "micropython")).toHaveLength(1));

    disposable.dispose();
    disposable = undefined;
    expect(fake.markers(py, "micropython")).toEqual([]);
    expect(fake.markers(py, "ruff")).toEqual([]);
    expect(fake.hasFormatter()).toBe(false);
  });

  it("formats through Ruff with a minimal edit, and leaves a broken file alone with a message", async () => {
    const good = new FakeModel("import machine\nled=machine.Pin(2,machine.Pin.OUT)\n", "python");
    const bad = new FakeModel("def f(:\n    pass\n", "python");
    const fake = fakeMonaco([good, bad]);
    const errors: FormatError[] = [];
    disposable = attachDiagnostics(fake.monaco, { client, delayMs: 10, onFormatError: (e) => errors.push(e) });

    const edits = (await fake.format(good)) ?? [];
    expect(edits).toHaveLength(1);
    // Line 1 is already formatted, so the edit starts after it.
    expect(edits[0].range).toMatchObject({ startLineNumber: 2, startColumn: 1 });
    expect(applyEdit(good.getValue(), edits[0])).toBe("import machine\n\nled = machine.Pin(2, machine.Pin.OUT)\n");
    expect(await fake.format(bad)).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ kind: "syntax", line: 1, message: expect.stringMatching(/line 1/) })]);
  });
});

function applyEdit(text: string, edit: Monaco.languages.TextEdit): string {
  const lines = text.split("\n");
  const offset = (line: number, column: number) =>
    lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
  const r = edit.range;
  return (
    text.slice(0, offset(r.startLineNumber, r.startColumn)) + edit.text + text.slice(offset(r.endLineNumber, r.endColumn))
  );
}

describe("minimalEdit", () => {
  it("replaces only the changed middle, with positions on lines and columns", () => {
    expect(minimalEdit("a\nbb\ncc\n", "a\nb b\ncc\n")).toEqual({
      range: { startLineNumber: 2, startColumn: 2, endLineNumber: 2, endColumn: 2 },
      text: " ",
    });
    expect(minimalEdit("same\n", "same\n")).toBeNull();
    const before = "def f( a ):\n  return a\n";
    const after = "def f(a):\n    return a\n";
    expect(applyEdit(before, minimalEdit(before, after)!)).toBe(after);
    expect(minimalEdit("x=1\n\n\n\ny=2\n", "x=1\n\ny=2\n")).toEqual({
      range: { startLineNumber: 3, startColumn: 1, endLineNumber: 5, endColumn: 1 },
      text: "",
    });
  });
});
