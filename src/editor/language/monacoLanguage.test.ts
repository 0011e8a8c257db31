// The Monaco glue end to end in Node: a TEST DOUBLE of the few Monaco calls it makes (provider registration,
// markers, model creation), the real client, and the real browser build of Pyright on a worker thread.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as Monaco from "monaco-editor/editor/editor.api";
import { attachLanguageFeatures, languageReady, MARKER_OWNER, setBoardStubs, type LanguageDocs } from "./monacoLanguage";
import { useLanguageEngineForTests } from "./session";
import { startBrowserPyright } from "./testing/browserPyright";
import { classDocFirstLine } from "./testing/nodePyright";

type Providers = {
  completion?: Monaco.languages.CompletionItemProvider;
  hover?: Monaco.languages.HoverProvider;
  signature?: Monaco.languages.SignatureHelpProvider;
};

/** TEST DOUBLE: a text model with what the providers read. */
function fakeModel(text: () => string): Monaco.editor.ITextModel {
  return {
    isDisposed: () => false,
    getWordUntilPosition(p: Monaco.IPosition) {
      const line = text().split("\n")[p.lineNumber - 1] ?? "";
      const before = line.slice(0, p.column - 1);
      const word = /\w*$/.exec(before)![0];
      return { word, startColumn: p.column - word.length, endColumn: p.column };
    },
  } as unknown as Monaco.editor.ITextModel;
}

const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) } as Monaco.CancellationToken;

let enums: Record<string, unknown>;
const providers: Providers = {};
const markers = new Map<Monaco.editor.ITextModel, Monaco.editor.IMarkerData[]>();
let markersChanged: () => void = () => undefined;
const files = new Map<string, string>();
const models = new Map<string, Monaco.editor.ITextModel>();
const changeListeners = new Set<() => void>();
let attached: Monaco.IDisposable;

/** TEST DOUBLE of the Monaco namespace: only what attachLanguageFeatures touches. */
function fakeMonaco(): typeof Monaco {
  return {
    languages: {
      CompletionItemKind: enums.CompletionItemKind,
      registerCompletionItemProvider: (_: string, p: Monaco.languages.CompletionItemProvider) => ((providers.completion = p), { dispose() {} }),
      registerHoverProvider: (_: string, p: Monaco.languages.HoverProvider) => ((providers.hover = p), { dispose() {} }),
      registerSignatureHelpProvider: (_: string, p: Monaco.languages.SignatureHelpProvider) => ((providers.signature = p), { dispose() {} }),
    },
    MarkerSeverity: enums.MarkerSeverity,
    MarkerTag: enums.MarkerTag,
    editor: {
      setModelMarkers(model: Monaco.editor.ITextModel, owner: string, data: Monaco.editor.IMarkerData[]) {
        if (owner !== MARKER_OWNER) throw new Error(`unexpected owner ${owner}`);
        markers.set(model, data);
        markersChanged();
      },
      onDidCreateModel: () => ({ dispose() {} }),
    },
  } as unknown as typeof Monaco;
}

const docs: LanguageDocs = {
  pythonFiles: () => new Map(files),
  onDidChange: (l) => (changeListeners.add(l), { dispose: () => changeListeners.delete(l) }),
  pathOf: (m) => [...models].find(([, x]) => x === m)?.[0] ?? null,
  modelOf: (p) => models.get(p) ?? null,
};

function setFile(path: string, text: string) {
  files.set(path, text);
  if (!models.has(path)) models.set(path, fakeModel(() => files.get(path) ?? ""));
  for (const l of changeListeners) l();
}

function markersMatching(path: string, re: RegExp): Promise<Monaco.editor.IMarkerData[]> {
  return new Promise((resolve) => {
    const check = () => {
      const list = markers.get(models.get(path)!) ?? [];
      if (list.some((m) => re.test(m.message))) resolve(list);
    };
    const previous = markersChanged;
    markersChanged = () => (previous(), check());
    check();
  });
}

beforeAll(async () => {
  const spec = "monaco-editor/editor/common/standalone/standaloneEnums";
  enums = (await import(/* @vite-ignore */ spec)) as Record<string, unknown>;
  useLanguageEngineForTests(async (board) => {
    const h = await startBrowserPyright(board);
    return { client: h.client, ready: h.client.warmUp(), dispose: () => void h.stop() };
  });
  setFile("main.py", "import machine\nmachine.");
  attached = attachLanguageFeatures(fakeMonaco(), docs);
  await languageReady();
}, 60_000);

afterAll(() => {
  attached?.dispose();
  useLanguageEngineForTests(null);
});

describe("attachLanguageFeatures", () => {
  it("completes module members with Monaco kinds and the word's range", async () => {
    const model = models.get("main.py")!;
    const result = await providers.completion!.provideCompletionItems(
      model,
      { lineNumber: 2, column: 9 } as Monaco.Position,
      { triggerKind: 1, triggerCharacter: "." },
      token,
    );
    const pin = result?.suggestions.find((s) => s.label === "Pin");
    expect(pin?.kind).toBe((enums.CompletionItemKind as typeof Monaco.languages.CompletionItemKind).Class);
    expect(pin?.range).toMatchObject({ startLineNumber: 2, startColumn: 9, endColumn: 9 });
    const resolved = await providers.completion!.resolveCompletionItem!(pin!, token);
    const doc = resolved?.documentation;
    expect(typeof doc === "string" ? doc : doc?.value).toContain(classDocFirstLine("machine.pyi", "Pin"));
  });

  it("calls the list complete, so Monaco filters it as the word grows instead of asking again", async () => {
    setFile("main.py", "import machine\nmachine.P");
    const model = models.get("main.py")!;
    const result = await providers.completion!.provideCompletionItems(
      model,
      { lineNumber: 2, column: 10 } as Monaco.Position,
      { triggerKind: 0 },
      token,
    );
    // Pyright itself said "incomplete" (its first answer always does); the names a longer word matches are in it.
    expect(result?.incomplete).toBe(false);
    expect(result?.suggestions.map((s) => s.label)).toEqual(expect.arrayContaining(["Pin", "PWM"]));
  });

  it("sends edits before asking, so the answer is about the new text", async () => {
    setFile("main.py", "import time\ntime.sl");
    const result = await providers.completion!.provideCompletionItems(
      models.get("main.py")!,
      { lineNumber: 2, column: 8 } as Monaco.Position,
      { triggerKind: 0 },
      token,
    );
    expect(result?.suggestions.map((s) => s.label)).toContain("sleep_ms");
  });

  it("hovers and helps with signatures", async () => {
    setFile("hover.py", "import time\ntime.sleep(\n");
    const hover = await providers.hover!.provideHover(models.get("hover.py")!, { lineNumber: 2, column: 7 } as Monaco.Position, token);
    expect(hover?.contents.map((c) => c.value).join("\n")).toMatch(/sleep/);
    const help = await providers.signature!.provideSignatureHelp(
      models.get("hover.py")!,
      { lineNumber: 2, column: 12 } as Monaco.Position,
      token,
      { triggerKind: 2, triggerCharacter: "(", isRetrigger: false },
    );
    expect(help?.value.signatures[0].label).toMatch(/seconds/);
    expect(help?.value.activeParameter).toBe(0);
  });

  it("puts Pyright's diagnostics on the model as markers", async () => {
    const pending = markersMatching("bad.py", /tkinter/);
    setFile("bad.py", "import machine\nimport tkinter\nmachine.Pni\n");
    const list = await pending;
    const tk = list.find((m) => /tkinter/.test(m.message));
    expect(tk).toMatchObject({ startLineNumber: 2, startColumn: 8 });
    const severity = enums.MarkerSeverity as typeof Monaco.MarkerSeverity;
    expect(tk?.severity).toBe(severity.Warning);
    const attr = (await markersMatching("bad.py", /Pni/)).find((m) => /Pni/.test(m.message));
    expect(attr).toMatchObject({ startLineNumber: 3, startColumn: 9, severity: severity.Error });
  });

  it("makes a board's stubs importable after setBoardStubs", async () => {
    setBoardStubs({ "boardcam.pyi": "def snap() -> bytes: ...\n" });
    await languageReady();
    setFile("cam.py", "import boardcam\nboardcam.");
    const result = await providers.completion!.provideCompletionItems(
      models.get("cam.py")!,
      { lineNumber: 2, column: 10 } as Monaco.Position,
      { triggerKind: 1, triggerCharacter: "." },
      token,
    );
    expect(result?.suggestions.map((s) => s.label)).toContain("snap");
  });
});
