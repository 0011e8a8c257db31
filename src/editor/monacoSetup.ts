// Everything that touches Monaco lives here, behind EditorPane's dynamic import, so Monaco (a few MB) is its own
// chunk and the app shell paints before it arrives.
//
// Only the editor core, the contributions a Python editor needs, and the Python grammar are imported: the
// package root would pull in every language and the TypeScript/CSS/HTML/JSON workers.
import * as monaco from "monaco-editor/editor/editor.api";
// features/<name>/register is the package's own entry per contribution (it also brings the CSS they need).
import "monaco-editor/features/codicon/register";
import "monaco-editor/features/codeEditor/register";
import "monaco-editor/editor/browser/coreCommands";
import "monaco-editor/features/bracketMatching/register";
import "monaco-editor/features/clipboard/register";
import "monaco-editor/features/comment/register";
import "monaco-editor/features/contextmenu/register";
import "monaco-editor/features/cursorUndo/register";
import "monaco-editor/features/find/register";
import "monaco-editor/features/folding/register";
// Format Document (Shift-Alt-F) and F8 between markers; the message controller shows "Not formatted: ..." at the cursor.
import "monaco-editor/features/format/register";
import "monaco-editor/features/gotoError/register";
import "monaco-editor/features/parameterHints/register";
import "monaco-editor/editor/contrib/message/browser/messageController";
import "monaco-editor/features/gotoLine/register";
import "monaco-editor/features/hover/register";
import "monaco-editor/features/indentation/register";
import "monaco-editor/features/linesOperations/register";
import "monaco-editor/features/multicursor/register";
import "monaco-editor/features/smartSelect/register";
import "monaco-editor/features/snippet/register";
import "monaco-editor/features/suggest/register";
// features/suggest brings only the inline-completion bridge in 0.57: the suggest widget itself is this contribution.
import "monaco-editor/editor/contrib/suggest/browser/suggestController";
// Tutorials pasted from web pages bring curly quotes and non-breaking spaces that MicroPython rejects: show them.
import "monaco-editor/features/unicodeHighlighter/register";
import "monaco-editor/features/wordHighlighter/register";
import "monaco-editor/features/wordOperations/register";
import "monaco-editor/languages/definitions/python/register";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
import type { StoreApi } from "zustand/vanilla";
import type { WorkspaceState } from "../store/workspace";
import { settingsStore } from "../store/settings";
import { themeStore, type ResolvedTheme } from "../store/theme";
import { buildTheme, readPalette, themeName } from "./theme";
import { attachDiagnostics } from "./diagnostics/monacoDiagnostics";
import { runErrors } from "./runErrors/store";
import { attachLanguageFeatures, workspaceDocs } from "./language/monacoLanguage";

// The base editor worker (diffing, word suggestions) is the only one needed for Python.
self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

export interface MountedEditor {
  dispose(): void;
  focus(): void;
}

// Models outlive the editor widget (React may unmount and remount the pane), so undo history survives that too.
const models = new Map<string, monaco.editor.ITextModel>();
const viewStates = new Map<string, monaco.editor.ICodeEditorViewState | null>();
let modelCounter = 0;
let lastRevealNonce = 0;
// Module level, like the models: markers and the formatter outlive a remount of the editor widget.
let diagnostics: monaco.IDisposable | undefined;
let language: monaco.IDisposable | undefined;
let formatKeyAdded = false;
let codeFont = "ui-monospace, 'Cascadia Code', 'JetBrains Mono', Menlo, Consolas, monospace";

function languageFor(path: string): string {
  return path.toLowerCase().endsWith(".py") ? "python" : "plaintext";
}

/** (Re)defines Monaco's theme from the shell's CSS variables as they are now, i.e. after <html data-theme> changed. */
function defineTheme(kind: ResolvedTheme): string {
  const style = getComputedStyle(document.documentElement);
  codeFont = style.getPropertyValue("--font-code").trim() || codeFont;
  const name = themeName(kind);
  monaco.editor.defineTheme(name, buildTheme(readPalette((v) => style.getPropertyValue(v)), kind));
  return name;
}

// Monaco's theme is global, so one subscription serves every editor widget, mounted or not.
let followingTheme = false;
function followTheme(): void {
  if (followingTheme) return;
  followingTheme = true;
  themeStore.subscribe((s, prev) => {
    if (s.theme !== prev.theme) monaco.editor.setTheme(defineTheme(s.theme));
  });
}

export function mountEditor(container: HTMLElement, store: StoreApi<WorkspaceState>): MountedEditor {
  const theme = defineTheme(themeStore.getState().theme);
  followTheme();
  // 80 ms of quiet before a check: MicroPython compiles 500 lines in a few ms, so a marker lands ~100 ms after typing
  // stops (bench: editor section); shorter would flash errors between the keys of a word.
  diagnostics ??= attachDiagnostics(monaco, { delayMs: 80 });
  if (!formatKeyAdded) {
    // Shift-Alt-F everywhere (FORMAT_KEY in keys.ts lists it): Monaco binds Format Document to Ctrl-Shift-I on Linux
    // only, as VS Code does there.
    monaco.editor.addKeybindingRule({
      keybinding: monaco.KeyMod.Shift | monaco.KeyMod.Alt | monaco.KeyCode.KeyF,
      command: "editor.action.formatDocument",
    });
    formatKeyAdded = true;
  }
  // Syntax errors come from MicroPython's own compiler (above): Pyright's cascade of parser errors would repeat them.
  language ??= attachLanguageFeatures(monaco, workspaceDocs(store, models), { syntaxErrors: "hide" });
  const disposables: monaco.IDisposable[] = [];
  let shownPath: string | null = null;
  // Set while the pane itself changes the model, so those changes aren't echoed back into the store.
  let applyingExternal = false;
  let switching = false;

  const editor = monaco.editor.create(container, {
    model: null,
    theme,
    ariaLabel: "Editor",
    // The textarea input path is the long-proven one with screen readers and with browser automation.
    editContext: false,
    automaticLayout: true,
    fontSize: settingsStore.getState().editorFontSize,
    fontFamily: codeFont,
    tabSize: 4,
    insertSpaces: true,
    detectIndentation: false,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    renderWhitespace: "selection",
    fixedOverflowWidgets: true,
    padding: { top: 8 },
    wordBasedSuggestions: "off",
    // Enter after a fully typed word ("import machine") starts the next line instead of "accepting" the same word.
    acceptSuggestionOnEnter: "smart",
  });

  const modelFor = (path: string): monaco.editor.ITextModel | null => {
    const file = store.getState().files[path];
    if (!file) return null;
    let model = models.get(path);
    if (!model || model.isDisposed()) {
      // A counter in the URI, because a model keeps its URI across renames and a new file may reuse an old name.
      const uri = monaco.Uri.from({ scheme: "mote", path: `/${++modelCounter}/${path}` });
      model = monaco.editor.createModel(file.content, languageFor(path), uri);
      model.updateOptions({ tabSize: 4, insertSpaces: true });
      models.set(path, model);
      // A file opened after the Run still shows where the traceback pointed in it.
      queueMicrotask(() => showRunErrors(model));
    }
    return model;
  };

  const pathOf = (model: monaco.editor.ITextModel | null): string | null => {
    if (!model) return null;
    for (const [p, m] of models) if (m === model) return p;
    return null;
  };

  const recordView = () => {
    if (switching || !shownPath) return;
    const pos = editor.getPosition();
    if (!pos) return;
    store.getState().setView(shownPath, { line: pos.lineNumber, column: pos.column, scrollTop: editor.getScrollTop() });
  };

  const applyReveal = () => {
    const r = store.getState().reveal;
    if (!r || r.nonce <= lastRevealNonce || r.path !== shownPath) return;
    lastRevealNonce = r.nonce;
    editor.setPosition({ lineNumber: r.line, column: r.column });
    editor.revealLineInCenter(r.line);
    editor.focus();
    recordView();
  };

  const show = (path: string | null) => {
    if (path === shownPath && editor.getModel() === (path ? models.get(path) : null)) return;
    if (shownPath && editor.getModel()) viewStates.set(shownPath, editor.saveViewState());
    const model = path ? modelFor(path) : null;
    switching = true;
    try {
      editor.setModel(model);
      shownPath = model ? path : null;
      if (model && path) {
        const remembered = viewStates.get(path);
        const stored = store.getState().views[path];
        if (remembered) editor.restoreViewState(remembered);
        else if (stored) {
          editor.setPosition({ lineNumber: stored.line, column: stored.column });
          editor.setScrollTop(stored.scrollTop);
        }
      }
    } finally {
      switching = false;
    }
  };

  // Keep models in step with the store: content changed outside the editor (a board copy), files deleted.
  // The file entry each model was last compared with: entries are immutable, so an unchanged object means an
  // unchanged file and the comparison (a full getValue) can be skipped on every keystroke in another file.
  const checked = new WeakMap<monaco.editor.ITextModel, WorkspaceState["files"][string]>();
  const syncModels = (s: WorkspaceState) => {
    for (const [path, model] of models) {
      const file = s.files[path];
      if (file && checked.get(model) === file) continue;
      if (file) checked.set(model, file);
      if (!file) {
        if (editor.getModel() === model) editor.setModel(null);
        model.dispose();
        models.delete(path);
        viewStates.delete(path);
        if (shownPath === path) shownPath = null;
        continue;
      }
      if (model.getValue() !== file.content) {
        applyingExternal = true;
        try {
          // An edit rather than setValue, so the person can undo a replacement that surprised them.
          model.pushEditOperations([], [{ range: model.getFullModelRange(), text: file.content }], () => null);
        } finally {
          applyingExternal = false;
        }
      }
    }
  };

  disposables.push(
    editor.onDidChangeModelContent(() => {
      const model = editor.getModel();
      const path = pathOf(model);
      if (applyingExternal || !model || !path) return;
      store.getState().updateContent(path, model.getValue());
    }),
    editor.onDidChangeCursorPosition(recordView),
    editor.onDidScrollChange((e) => {
      if (e.scrollTopChanged) recordView();
    }),
  );

  // Ctrl-S (and F5, Ctrl-Shift-C) are caught app-wide in src/ui/shortcuts.ts, before Monaco sees them.

  const unsubscribeMoves = store.getState().onMove((moved) => {
    for (const [from, to] of moved) {
      const model = models.get(from);
      if (!model) continue;
      models.delete(from);
      models.set(to, model);
      monaco.editor.setModelLanguage(model, languageFor(to));
      if (viewStates.has(from)) {
        viewStates.set(to, viewStates.get(from) ?? null);
        viewStates.delete(from);
      }
      if (shownPath === from) shownPath = to;
    }
  });

  // The last Run's traceback, as markers on the lines it names, until the next Run clears them.
  const showRunErrors = (only?: monaco.editor.ITextModel) => {
    const { marks } = runErrors.getState();
    for (const [path, model] of models) {
      if (model.isDisposed() || (only && model !== only)) continue;
      monaco.editor.setModelMarkers(
        model,
        "board",
        marks
          .filter((m) => m.path === path && m.line <= model.getLineCount())
          .map((m) => ({
            severity: m.severity === "error" ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Info,
            message: m.message,
            source: "board",
            startLineNumber: m.line,
            startColumn: model.getLineFirstNonWhitespaceColumn(m.line) || 1,
            endLineNumber: m.line,
            endColumn: model.getLineMaxColumn(m.line),
          })),
      );
    }
  };
  const unsubscribeRunErrors = runErrors.subscribe(() => showRunErrors());

  const unsubscribeSettings = settingsStore.subscribe((s, prev) => {
    if (s.editorFontSize !== prev.editorFontSize) editor.updateOptions({ fontSize: s.editorFontSize });
  });

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.files !== prev.files) syncModels(s);
    if (s.activePath !== shownPath) show(s.activePath);
    if (s.reveal !== prev.reveal) applyReveal();
  });

  syncModels(store.getState());
  show(store.getState().activePath);
  showRunErrors();
  applyReveal();

  return {
    focus: () => editor.focus(),
    dispose() {
      if (shownPath && editor.getModel()) viewStates.set(shownPath, editor.saveViewState());
      unsubscribe();
      unsubscribeSettings();
      unsubscribeRunErrors();
      unsubscribeMoves();
      for (const d of disposables) d.dispose();
      editor.dispose();
    },
  };
}
