// The editor area: tabs, the Monaco surface and a status line. This file stays light on purpose; Monaco itself
// arrives through the dynamic import below, so the shell's main chunk doesn't carry it.
import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from "react";
import { useShallow } from "zustand/react/shallow";
import { useWorkspace, workspaceStore } from "../store/workspace";
import { baseName, parentPath } from "../workspace/paths";
import { isDirty } from "../workspace/project";
import type { MountedEditor } from "./monacoSetup";
import { settingsStore, useSettings } from "../store/settings";
import "./editor.css";

type Phase = "loading" | "ready" | "failed";

const tabId = (i: number) => `mote-tab-${i}`;
const UNSAVED_ID = "mote-tab-unsaved";
const SAVED_ID = "mote-tab-saved";

export function EditorPane() {
  const surfaceRef = useRef<HTMLDivElement>(null);
  const [phase, setPhase] = useState<Phase>("loading");
  const [loadError, setLoadError] = useState("");
  const formatOnSave = useSettings((s) => s.formatOnSave);
  const openTabs = useWorkspace((s) => s.openTabs);
  const activePath = useWorkspace((s) => s.activePath);
  const ready = useWorkspace((s) => s.status === "ready");
  const dirty = useWorkspace(useShallow((s) => s.openTabs.filter((p) => s.files[p] && isDirty(s.files[p]))));
  const view = useWorkspace((s) => (s.activePath ? s.views[s.activePath] : undefined));

  useEffect(() => {
    // init is idempotent: the shell may start it earlier, this just makes the pane work on its own too.
    void workspaceStore.getState().init();
  }, []);

  useEffect(() => {
    let cancelled = false;
    let mounted: MountedEditor | null = null;
    import("./monacoSetup").then(
      (m) => {
        if (cancelled || !surfaceRef.current) return;
        mounted = m.mountEditor(surfaceRef.current, workspaceStore);
        setPhase("ready");
      },
      (err: unknown) => {
        if (cancelled) return;
        setLoadError(err instanceof Error ? err.message : String(err));
        setPhase("failed");
      },
    );
    return () => {
      cancelled = true;
      mounted?.dispose();
    };
  }, []);

  const activate = (path: string, focusTab = false) => {
    workspaceStore.getState().openFile(path);
    if (focusTab) {
      const i = workspaceStore.getState().openTabs.indexOf(path);
      requestAnimationFrame(() => document.getElementById(tabId(i))?.focus());
    }
  };

  // Arrow keys move between tabs (one Tab stop for the whole strip), as the ARIA tabs pattern expects.
  const onTabKey = (e: ReactKeyboardEvent, index: number) => {
    const last = openTabs.length - 1;
    const target =
      e.key === "ArrowRight" ? (index === last ? 0 : index + 1)
      : e.key === "ArrowLeft" ? (index === 0 ? last : index - 1)
      : e.key === "Home" ? 0
      : e.key === "End" ? last
      : -1;
    if (target >= 0) {
      e.preventDefault();
      activate(openTabs[target], true);
    } else if (e.key === "Delete") {
      e.preventDefault();
      workspaceStore.getState().closeTab(openTabs[index]);
    }
  };

  const activeDirty = activePath !== null && dirty.includes(activePath);
  const overlay =
    phase === "failed" ? `The editor couldn't load (${loadError}). Reload the page to try again; your files are kept.`
    : phase === "loading" || !ready ? "Loading editor…"
    : activePath === null ? "No file open. Pick one in Project files, or press New file."
    : null;

  return (
    <section className="mote-editor" aria-label="Editor">
      <div className="mote-editor__tabs" role="tablist" aria-label="Open files">
        {openTabs.map((path, i) => {
          const active = path === activePath;
          const unsaved = dirty.includes(path);
          return (
            <div key={path} className="mote-editor__tab" role="presentation" data-active={active} data-dirty={unsaved}>
              <button
                type="button"
                role="tab"
                id={tabId(i)}
                aria-selected={active}
                aria-label={path}
                data-dirty={unsaved}
                aria-describedby={unsaved ? UNSAVED_ID : SAVED_ID}
                tabIndex={active ? 0 : -1}
                title={unsaved ? `${path} (unsaved changes)` : path}
                className="mote-editor__tab-label"
                onClick={() => activate(path)}
                onAuxClick={(e) => {
                  if (e.button === 1) workspaceStore.getState().closeTab(path);
                }}
                onKeyDown={(e) => onTabKey(e, i)}
              >
                {baseName(path)}
                {parentPath(path) && <span className="mote-editor__tab-folder" aria-hidden="true">{parentPath(path)}</span>}
                {unsaved && <span className="mote-editor__dot" aria-hidden="true">●</span>}
              </button>
              <button
                type="button"
                className="mote-editor__tab-close"
                aria-label={`Close ${path}`}
                title={`Close ${path}`}
                tabIndex={active ? 0 : -1}
                onClick={() => workspaceStore.getState().closeTab(path)}
              >
                ×
              </button>
            </div>
          );
        })}
      </div>
      <span id={UNSAVED_ID} hidden>
        Unsaved changes
      </span>
      <span id={SAVED_ID} hidden>
        Saved
      </span>
      <div className="mote-editor__body">
        <div
          ref={surfaceRef}
          className="mote-editor__surface"
          role="tabpanel"
          aria-labelledby={activePath ? tabId(openTabs.indexOf(activePath)) : undefined}
        />
        {overlay && <p className="mote-editor__overlay">{overlay}</p>}
      </div>
      <div className="mote-editor__status">
        <output aria-label="Cursor position" aria-live="off">
          Ln {view?.line ?? 1}, Col {view?.column ?? 1}
        </output>
        <label className="mote-editor__format-on-save" title="Format Python files with Ruff when saving (Shift-Alt-F formats now)">
          <input type="checkbox" checked={formatOnSave} onChange={(e) => settingsStore.getState().setFormatOnSave(e.target.checked)} />
          Format on save
        </label>
        {activePath && (
          <span className="mote-editor__save-state" data-dirty={activeDirty}>
            {activeDirty ? "Unsaved (Ctrl+S saves)" : "Saved"}
          </span>
        )}
      </div>
    </section>
  );
}

export default EditorPane;
