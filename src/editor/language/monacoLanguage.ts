// Monaco glue for Pyright: completion, hover and signature help providers for "python", diagnostics as markers
// (owner "pyright"), and document sync from the project. Nothing here blocks typing: every provider answers from
// whatever the worker says, asynchronously; a request made while the worker starts waits for it (Monaco shows Loading).
import type * as Monaco from "monaco-editor/editor/editor.api";
import type { CancellationToken, CompletionItem as LspCompletionItem, Diagnostic } from "vscode-languageserver-protocol";
import type { LanguageClient } from "./client";
import {
  enumsOf,
  isSyntaxError,
  toLspPosition,
  toMonacoCompletion,
  toMonacoDoc,
  toMonacoHover,
  toMonacoMarker,
  toMonacoSignatureHelp,
} from "./convert";
import { currentClient, ensureLanguageSession, languageReady, onLanguageSession } from "./session";

export { languageReady, setBoardStubs } from "./session";
export { workspaceDocs } from "./workspaceDocs";

type MonacoApi = typeof Monaco;

/** What the language features need to know about the project. */
export interface LanguageDocs {
  /** Every project .py file, path -> current text (unsaved edits included). */
  pythonFiles(): ReadonlyMap<string, string>;
  /** Fires after any file is added, edited, renamed or removed. */
  onDidChange(listener: () => void): Monaco.IDisposable;
  /** The project path a model shows, or null when it is not a project .py file. */
  pathOf(model: Monaco.editor.ITextModel): string | null;
  /** The model showing a path, if the editor has made one. */
  modelOf(path: string): Monaco.editor.ITextModel | null;
}

export const MARKER_OWNER = "pyright";

export interface LanguageOptions {
  /**
   * "hide" drops Pyright's syntax errors, for when MicroPython's compiler reports them (one exact error instead of
   * Pyright's cascade, and MicroPython's own idea of its syntax). Default "show".
   */
  syntaxErrors?: "show" | "hide";
}

export function attachLanguageFeatures(monaco: MonacoApi, docs: LanguageDocs, options: LanguageOptions = {}): Monaco.IDisposable {
  const enums = enumsOf(monaco);
  const disposables: Monaco.IDisposable[] = [];
  /** The latest diagnostics per path, kept for models the editor creates later. */
  const diagnostics = new Map<string, Diagnostic[]>();
  let unsubscribeDiagnostics: { dispose(): void } | null = null;
  let disposed = false;

  const showMarkers = (path: string) => {
    const model = docs.modelOf(path);
    if (!model || model.isDisposed()) return;
    monaco.editor.setModelMarkers(model, MARKER_OWNER, (diagnostics.get(path) ?? []).map((d) => toMonacoMarker(d, enums)));
  };

  const bind = (client: LanguageClient) => {
    if (disposed) return;
    unsubscribeDiagnostics?.dispose();
    diagnostics.clear();
    unsubscribeDiagnostics = client.onDiagnostics((path, diags, version) => {
      const open = client.version(path);
      // A list for an older text is about to be replaced; a list for a file no longer open has nowhere to go.
      if (open === undefined || (version !== undefined && version !== open)) return;
      diagnostics.set(path, options.syntaxErrors === "hide" ? diags.filter((d) => !isSyntaxError(d)) : diags);
      showMarkers(path);
    });
    client.sync(docs.pythonFiles());
  };

  /** The client, in step with the project, or null while the worker starts. */
  const ready = (): LanguageClient | null => {
    const client = currentClient();
    client?.sync(docs.pythonFiles());
    return client;
  };

  /**
   * The client, waiting for the worker when it is still starting (the first request after the editor opens): Monaco
   * shows its own "Loading..." meanwhile, and typing goes on. Null when the request was cancelled or the wait ran out.
   */
  const readyFor = async (token: Monaco.CancellationToken): Promise<LanguageClient | null> => {
    const now = ready();
    if (now) return now;
    await Promise.race([languageReady().catch(() => undefined), new Promise((r) => setTimeout(r, 15_000))]);
    return token.isCancellationRequested ? null : ready();
  };

  /**
   * Ask through the ready client; when the worker restarts under the request (a board's stubs arrived: the session
   * swaps workers) the answer is null, so the new worker is asked once more.
   */
  const ask = async <T>(token: Monaco.CancellationToken, fn: (client: LanguageClient) => Promise<T | null>): Promise<T | null> => {
    for (let tries = 0; tries < 2; tries++) {
      const client = await readyFor(token);
      if (!client) return null;
      const result = await fn(client);
      if (result !== null || token.isCancellationRequested || currentClient() === client) return result;
    }
    return null;
  };

  const clearRemovedMarkers = () => {
    const files = docs.pythonFiles();
    for (const path of [...diagnostics.keys()]) {
      if (files.has(path)) continue;
      diagnostics.delete(path);
      const model = docs.modelOf(path);
      if (model && !model.isDisposed()) monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
    }
  };

  ensureLanguageSession();
  const stopSession = onLanguageSession(bind);

  disposables.push(
    docs.onDidChange(() => {
      currentClient()?.sync(docs.pythonFiles());
      clearRemovedMarkers();
    }),
    // The editor makes models lazily; a new one gets the markers already known for its file. Its path is
    // recorded just after creation, hence the microtask.
    monaco.editor.onDidCreateModel((model) => {
      queueMicrotask(() => {
        const path = docs.pathOf(model);
        if (path && diagnostics.has(path)) showMarkers(path);
      });
    }),
  );

  const itemsByMonaco = new WeakMap<Monaco.languages.CompletionItem, LspCompletionItem>();
  const lspToken = (t: Monaco.CancellationToken) => t as unknown as CancellationToken;

  disposables.push(
    monaco.languages.registerCompletionItemProvider("python", {
      triggerCharacters: [".", "("],
      async provideCompletionItems(model, position, context, token) {
        const path = docs.pathOf(model);
        // Marks for the bench's breakdown of keystroke-to-suggestions (bench/editor.ts); a few bytes each.
        performance.mark("mote:completion:asked");
        if (!path) return undefined;
        const result = await ask(token, (client) =>
          client.completion(
            path,
            toLspPosition(position),
            { triggerKind: context.triggerKind + 1, triggerCharacter: context.triggerCharacter } as never,
            lspToken(token),
          ),
        );
        performance.mark("mote:completion:answered");
        if (!result) return undefined;
        const list = Array.isArray(result) ? { items: result, isIncomplete: false } : result;
        const word = model.getWordUntilPosition(position);
        const range = {
          startLineNumber: position.lineNumber,
          endLineNumber: position.lineNumber,
          startColumn: word.startColumn,
          endColumn: word.endColumn,
        };
        // typeshed's core and helper names start with one underscore: noise for a learner unless they typed "_".
        const typedPrivate = word.word.startsWith("_");
        const suggestions = list.items.filter((item) => typedPrivate || !/^_[^_]/.test(item.label)).map((item) => {
          const converted = toMonacoCompletion(item, range, enums);
          itemsByMonaco.set(converted, item);
          return converted;
        });
        // Pyright calls every first answer incomplete so that the editor asks once more on the next letter. Its
        // list for a prefix already holds every name a longer prefix matches (the match is a subsequence), and that
        // second pass is what a quickly typed dot used to wait behind: the worker finishes one request before it
        // starts the next. So Monaco filters the first list itself as the word grows.
        return { suggestions, incomplete: false };
      },
      async resolveCompletionItem(item, token) {
        const original = itemsByMonaco.get(item);
        const client = currentClient();
        if (!original || !client || item.documentation) return item;
        const resolved = await client.resolveCompletion(original, lspToken(token));
        if (!resolved) return item;
        return { ...item, detail: resolved.detail ?? item.detail, documentation: toMonacoDoc(resolved.documentation) };
      },
    }),
    monaco.languages.registerHoverProvider("python", {
      async provideHover(model, position, token) {
        const path = docs.pathOf(model);
        if (!path) return null;
        return toMonacoHover(await ask(token, (client) => client.hover(path, toLspPosition(position), lspToken(token))));
      },
    }),
    monaco.languages.registerSignatureHelpProvider("python", {
      signatureHelpTriggerCharacters: ["(", ","],
      signatureHelpRetriggerCharacters: [")"],
      async provideSignatureHelp(model, position, token, context) {
        const path = docs.pathOf(model);
        if (!path) return null;
        const help = toMonacoSignatureHelp(
          await ask(token, (client) =>
            client.signatureHelp(
              path,
              toLspPosition(position),
              { triggerKind: context.triggerKind, triggerCharacter: context.triggerCharacter, isRetrigger: context.isRetrigger },
              lspToken(token),
            ),
          ),
        );
        return help ? { value: help, dispose: () => undefined } : null;
      },
    }),
  );

  return {
    dispose() {
      disposed = true;
      stopSession();
      unsubscribeDiagnostics?.dispose();
      for (const d of disposables) d.dispose();
      for (const path of diagnostics.keys()) {
        const model = docs.modelOf(path);
        if (model && !model.isDisposed()) monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
      }
      diagnostics.clear();
    },
  };
}
