// The local project's file list: open, create, rename, delete. Deleting asks first, inline rather than with
// window.confirm, so the question is reachable by keyboard and screen reader like the rest of the panel.
import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { useShallow } from "zustand/react/shallow";
import { useWorkspace, workspaceStore } from "../store/workspace";
import { baseName, parentPath } from "./paths";
import { isDirty, treeRows, type TreeRow } from "./project";
import { PROJECT_PATH_MIME } from "./dragTypes";
import { ProjectSourceBar } from "./ProjectSourceBar";
import "./workspace.css";


type Editing = { mode: "rename"; path: string } | { mode: "folder" } | null;

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function ProjectFiles() {
  // storageError is shown by the app shell's banner, not repeated here.
  const { files, folders, activePath } = useWorkspace(
    useShallow((s) => ({ files: s.files, folders: s.folders, activePath: s.activePath })),
  );
  const rows = useMemo(() => treeRows({ files, folders }), [files, folders]);
  const [editing, setEditingState] = useState<Editing>(null);
  // Mirrors `editing` synchronously: Enter, Escape and the blur that follows can all fire before React re-renders,
  // and only the first of them may act.
  const editingRef = useRef<Editing>(null);
  const setEditing = (next: Editing) => {
    editingRef.current = next;
    setEditingState(next);
  };
  const [draft, setDraft] = useState("");
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    void workspaceStore.getState().init();
  }, []);

  useEffect(() => {
    const input = inputRef.current;
    if (!input) return;
    input.focus();
    // Select the stem only, so typing a new name keeps ".py".
    const dot = input.value.lastIndexOf(".");
    input.setSelectionRange(0, dot > 0 ? dot : input.value.length);
  }, [editing]);

  useEffect(() => {
    confirmRef.current?.focus();
  }, [confirming]);

  const run = async (action: () => Promise<unknown>): Promise<boolean> => {
    try {
      await action();
      setError(null);
      return true;
    } catch (err) {
      setError(message(err));
      return false;
    }
  };

  const onNewFile = async () => {
    setConfirming(null);
    let created = "";
    // Create at once (so the tab opens and nothing waits on naming), then offer the name for editing.
    const ok = await run(async () => {
      created = await workspaceStore.getState().newFile();
    });
    if (ok) {
      setDraft(baseName(created));
      setEditing({ mode: "rename", path: created });
    }
  };

  const onNewFolder = () => {
    setConfirming(null);
    setDraft("");
    setEditing({ mode: "folder" });
  };

  const startRename = (path: string) => {
    setConfirming(null);
    setDraft(baseName(path));
    setEditing({ mode: "rename", path });
  };

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const current = editingRef.current;
    if (!current) return;
    editingRef.current = null;
    let ok = true;
    if (current.mode === "folder") {
      if (draft.trim() !== "") ok = await run(() => workspaceStore.getState().newFolder(draft));
    } else {
      const folder = parentPath(current.path);
      const target = folder ? `${folder}/${draft.trim()}` : draft;
      if (draft.trim() !== "" && target !== current.path) {
        ok = await run(() => workspaceStore.getState().renamePath(current.path, target));
      }
    }
    // On failure keep the field open with the message above it, so the name can be corrected.
    if (ok) setEditing(null);
    else editingRef.current = current;
  };

  const onEditKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Escape") {
      e.preventDefault();
      setEditing(null);
      setError(null);
    }
  };

  const onRowKey = (e: KeyboardEvent, row: TreeRow) => {
    if (e.key === "F2") {
      e.preventDefault();
      startRename(row.path);
    } else if (e.key === "Delete") {
      e.preventDefault();
      setConfirming(row.path);
    }
  };

  const confirmDelete = async (path: string) => {
    if (await run(() => workspaceStore.getState().deletePath(path))) setConfirming(null);
  };

  const editor = (label: string) => (
    <form className="mote-files__edit" onSubmit={submit}>
      <input
        ref={inputRef}
        aria-label={label}
        value={draft}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onEditKey}
        onBlur={() => void submit()}
      />
    </form>
  );

  return (
    <section className="mote-files" aria-label="Project files">
      <header className="mote-files__header">
        <h2 className="mote-files__title">Project</h2>
        <button type="button" className="mote-files__action" onClick={() => void onNewFile()}>
          New file
        </button>
        <button type="button" className="mote-files__action" onClick={onNewFolder}>
          New folder
        </button>
      </header>
      <ProjectSourceBar />
      {error && (
        <p className="mote-files__notice" role="alert">
          {error}
        </p>
      )}
      {editing?.mode === "folder" && editor("Folder name")}
      <ul className="mote-files__list">
        {rows.map((row) => {
          const renaming = editing?.mode === "rename" && editing.path === row.path;
          const file = row.kind === "file" ? files[row.path] : undefined;
          return (
            <li
              key={row.path}
              className="mote-files__row"
              data-kind={row.kind}
              data-active={row.path === activePath}
              style={{ paddingLeft: 8 + row.depth * 14 }}
            >
              {renaming ? (
                editor(`New name for ${row.path}`)
              ) : confirming === row.path ? (
                <div className="mote-files__confirm" role="group" aria-label={`Delete ${row.path}?`}>
                  <span>
                    Delete {row.name}
                    {row.kind === "folder" ? " and everything in it" : ""}?
                  </span>
                  <button ref={confirmRef} type="button" className="mote-files__danger" onClick={() => void confirmDelete(row.path)}>
                    Confirm delete
                  </button>
                  <button type="button" onClick={() => setConfirming(null)}>
                    Cancel
                  </button>
                </div>
              ) : (
                <>
                  {row.kind === "file" ? (
                    <button
                      type="button"
                      className="mote-files__name"
                      aria-label={row.path}
                      aria-current={row.path === activePath ? "true" : undefined}
                      title={row.path}
                      onClick={() => workspaceStore.getState().openFile(row.path)}
                      onKeyDown={(e) => onRowKey(e, row)}
                      draggable
                      onDragStart={(e) => {
                        e.dataTransfer.setData(PROJECT_PATH_MIME, row.path);
                        e.dataTransfer.setData("text/plain", row.path);
                        e.dataTransfer.effectAllowed = "copy";
                      }}
                    >
                      {row.name}
                      {file && isDirty(file) && (
                        <span className="mote-files__dot" aria-hidden="true">
                          ●
                        </span>
                      )}
                    </button>
                  ) : (
                    <span className="mote-files__name mote-files__folder" title={row.path}>
                      {row.name}/
                    </span>
                  )}
                  <button
                    type="button"
                    className="mote-files__icon"
                    aria-label={`Rename ${row.path}`}
                    title={`Rename ${row.path}`}
                    onClick={() => startRename(row.path)}
                  >
                    ✎
                  </button>
                  <button
                    type="button"
                    className="mote-files__icon"
                    aria-label={`Delete ${row.path}`}
                    title={`Delete ${row.path}`}
                    onClick={() => setConfirming(row.path)}
                  >
                    ✕
                  </button>
                </>
              )}
            </li>
          );
        })}
      </ul>
      {rows.length === 0 && <p className="mote-files__empty">No files yet. Press New file to start.</p>}
    </section>
  );
}

export default ProjectFiles;
