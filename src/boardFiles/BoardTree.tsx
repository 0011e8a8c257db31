// The board's tree: folders expand in place, files open in the editor, and each row carries its own actions.
// Rows are drop targets (a folder takes the drop, a file passes it to its folder), so uploads can land anywhere.
import { useEffect, useRef, useState, type DragEvent, type FormEvent, type KeyboardEvent } from "react";
import type { BoardEntry } from "../device/fs/types";
import type { BoardRow } from "./tree";
import { boardBaseName, boardParent, displayName, formatBytes } from "./names";

export interface TreeActions {
  open(entry: BoardEntry): void;
  toggle(entry: BoardEntry): void;
  rename(entry: BoardEntry, newName: string): Promise<boolean>;
  askDelete(entry: BoardEntry): void;
  download(entry: BoardEntry): void;
  drop(e: DragEvent, dir: string): void;
  accepts(e: DragEvent): boolean;
}

export function BoardTree({
  rows,
  expanded,
  disabled,
  actions,
}: {
  rows: BoardRow[];
  expanded: ReadonlySet<string>;
  disabled: boolean;
  actions: TreeActions;
}) {
  const [renaming, setRenaming] = useState<string | null>(null);
  const [draft, setDraft] = useState("");
  const [dropDir, setDropDir] = useState<string | null>(null);
  // Enter and the blur that follows can both fire before React re-renders; only the first may act.
  const renamingRef = useRef<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const input = inputRef.current;
    if (!input) return;
    input.focus();
    const dot = input.value.lastIndexOf(".");
    input.setSelectionRange(0, dot > 0 ? dot : input.value.length);
  }, [renaming]);

  const startRename = (entry: BoardEntry) => {
    renamingRef.current = entry.path;
    setDraft(entry.name);
    setRenaming(entry.path);
  };
  const stopRename = () => {
    renamingRef.current = null;
    setRenaming(null);
  };
  const submit = async (entry: BoardEntry, e?: FormEvent) => {
    e?.preventDefault();
    if (renamingRef.current !== entry.path) return;
    renamingRef.current = null;
    if (draft === entry.name || draft === "") return stopRename();
    if (await actions.rename(entry, draft)) stopRename();
    else renamingRef.current = entry.path;
  };

  const dirOf = (entry: BoardEntry) => (entry.kind === "dir" ? entry.path : boardParent(entry.path));
  const onKey = (e: KeyboardEvent, entry: BoardEntry) => {
    if (e.key === "F2") {
      e.preventDefault();
      startRename(entry);
    } else if (e.key === "Delete") {
      e.preventDefault();
      actions.askDelete(entry);
    }
  };

  return (
    <ul className="board-files__tree" role="tree" aria-label="Board files">
      {rows.map(({ entry, depth }) => {
        const shown = displayName(entry.path);
        const isDir = entry.kind === "dir";
        const open = isDir && expanded.has(entry.path);
        return (
          <li
            key={entry.path}
            role="treeitem"
            aria-level={depth + 1}
            aria-expanded={isDir ? open : undefined}
            aria-label={shown}
            className="board-files__row"
            data-kind={entry.kind}
            data-drop={dropDir !== null && dropDir === dirOf(entry) ? "true" : undefined}
            style={{ paddingLeft: 6 + depth * 14 }}
            onDragOver={(e) => {
              if (disabled || !actions.accepts(e)) return;
              e.preventDefault();
              e.stopPropagation();
              setDropDir(dirOf(entry));
            }}
            onDragLeave={() => setDropDir(null)}
            onDrop={(e) => {
              setDropDir(null);
              if (disabled) return;
              e.stopPropagation();
              actions.drop(e, dirOf(entry));
            }}
          >
            {renaming === entry.path ? (
              <form className="board-files__edit" onSubmit={(e) => void submit(entry, e)}>
                <input
                  ref={inputRef}
                  aria-label={`New name for ${shown}`}
                  value={draft}
                  spellCheck={false}
                  autoComplete="off"
                  onChange={(e) => setDraft(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === "Escape") {
                      e.preventDefault();
                      stopRename();
                    }
                  }}
                  onBlur={() => void submit(entry)}
                />
              </form>
            ) : (
              <>
                <button
                  type="button"
                  className="board-files__name"
                  data-kind={entry.kind}
                  title={isDir ? shown : `Open ${shown} in the editor`}
                  aria-label={isDir ? `${open ? "Collapse" : "Expand"} ${shown}` : `Open ${shown}`}
                  disabled={disabled}
                  onClick={() => (isDir ? actions.toggle(entry) : actions.open(entry))}
                  onKeyDown={(e) => onKey(e, entry)}
                >
                  <span className="board-files__twisty" aria-hidden="true">
                    {isDir ? (open ? "▾" : "▸") : ""}
                  </span>
                  {displayName(boardBaseName(entry.path))}
                  {isDir ? "/" : ""}
                </button>
                {!isDir && <span className="board-files__size">{formatBytes(entry.size)}</span>}
                {!isDir && (
                  <button
                    type="button"
                    className="board-files__icon"
                    aria-label={`Download ${shown}`}
                    title={`Download ${shown}`}
                    disabled={disabled}
                    onClick={() => actions.download(entry)}
                  >
                    ⤓
                  </button>
                )}
                <button
                  type="button"
                  className="board-files__icon"
                  aria-label={`Rename ${shown}`}
                  title={`Rename ${shown}`}
                  disabled={disabled}
                  onClick={() => startRename(entry)}
                >
                  ✎
                </button>
                <button
                  type="button"
                  className="board-files__icon"
                  aria-label={`Delete ${shown}`}
                  title={`Delete ${shown}`}
                  disabled={disabled}
                  onClick={() => actions.askDelete(entry)}
                >
                  ✕
                </button>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}
