// LanguageDocs over the workspace store and the editor's models, so mountEditor can attach the language features
// with one call. The store is the source of text: the editor writes every edit into it synchronously, and it also
// holds the .py files no tab has opened yet, which `import helpers` needs to see.
import type * as Monaco from "monaco-editor/editor/editor.api";
import type { StoreApi } from "zustand/vanilla";
import type { WorkspaceState } from "../../store/workspace";
import type { LanguageDocs } from "./monacoLanguage";

export function isPythonPath(path: string): boolean {
  return path.toLowerCase().endsWith(".py");
}

export function workspaceDocs(
  store: StoreApi<WorkspaceState>,
  models: ReadonlyMap<string, Monaco.editor.ITextModel>,
): LanguageDocs {
  let cachedFrom: WorkspaceState["files"] | null = null;
  let cached: Map<string, string> = new Map();
  return {
    pythonFiles() {
      const files = store.getState().files;
      if (files !== cachedFrom) {
        cachedFrom = files;
        cached = new Map(Object.entries(files).flatMap(([p, f]) => (isPythonPath(p) ? [[p, f.content] as const] : [])));
      }
      return cached;
    },
    onDidChange(listener) {
      const unsubscribe = store.subscribe((s, prev) => {
        if (s.files !== prev.files) listener();
      });
      return { dispose: unsubscribe };
    },
    pathOf(model) {
      for (const [path, m] of models) if (m === model) return isPythonPath(path) ? path : null;
      return null;
    },
    modelOf(path) {
      return models.get(path) ?? null;
    },
  };
}
