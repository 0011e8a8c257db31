// The Board files panel: the connected board's tree, its storage, the transfer in progress, and the ways to add
// files (Upload, a drop from the desktop or from Project files). It follows the connection store: a new board is
// listed at once, and the tree is listed again when a program ends, since programs write files too.
import { useEffect, useMemo, useRef, useState, type DragEvent, type FormEvent } from "react";
import { useShallow } from "zustand/react/shallow";
import type { BoardEntry } from "../device/fs/types";
import { ConnectionState, RuntimeState } from "../device/states";
import { useBoardFiles } from "../store/boardFiles";
import { useConnection } from "../store/connection";
import { AlertBanner } from "../ui/Alerts";
import { describeError } from "../ui/errorMessages";
import { BoardTree, type TreeActions } from "./BoardTree";
import { Dialog } from "./Dialog";
import { PROJECT_PATH_MIME } from "../workspace/dragTypes";
import { filesFromDrop, saveBytesAs } from "./download";
import { boardBaseName, displayName, formatBytes } from "./names";
import { TransferBar } from "./TransferBar";
import { openPackages } from "../packagesDialog/gate";
import { visibleRows } from "./tree";
import "./boardFiles.css";

/**
 * Keeps the board-files store on the connected device and marks the tree stale after a connect or a Run. The first
 * listing of a connection runs at once; a tree made stale by a Run is listed when the person points at or focuses
 * the panel, so a program run again and again does not pay for listings nobody looks at.
 */
function useFollowConnection(): { onAttention: () => void; onLeave: () => void } {
  const device = useConnection((s) => s.device);
  const runtime = useConnection((s) => s.runtime);
  const previous = useRef(runtime);
  const looking = useRef(false);
  useEffect(() => {
    // Not through the device's output events: the first listener there receives the held boot banner, which is
    // the terminal's.
    useBoardFiles.getState().setDevice(device);
  }, [device]);
  useEffect(() => {
    const was = previous.current;
    previous.current = runtime;
    if (was === RuntimeState.Running && runtime === RuntimeState.Idle) useBoardFiles.getState().markStale();
  }, [runtime]);
  useEffect(() => {
    const timer = setInterval(() => {
      const bf = useBoardFiles.getState();
      const idle = useConnection.getState().runtime === RuntimeState.Idle;
      // The first listing of a connection happens at once (it also cleans up what a cut transfer left); later ones
      // (after a Run) when the person looks. Keystrokes typed meanwhile are held by the device, and Run waits.
      const wanted = looking.current || !bf.listed;
      if (wanted && bf.stale && idle && !bf.busy && !bf.loading) void bf.refresh({ background: true });
    }, 250);
    return () => clearInterval(timer);
  }, []);
  return {
    onAttention: () => {
      looking.current = true;
    },
    onLeave: () => {
      looking.current = false;
    },
  };
}

function accepts(e: DragEvent): boolean {
  const types = Array.from(e.dataTransfer.types);
  return types.includes("Files") || types.includes(PROJECT_PATH_MIME);
}

export function BoardFilesPanel() {
  const attention = useFollowConnection();
  const connection = useConnection((s) => s.connection);
  const runtime = useConnection((s) => s.runtime);
  const board = useConnection((s) => s.board);
  const s = useBoardFiles(
    useShallow((st) => ({
      device: st.device,
      caps: st.caps,
      entries: st.entries,
      usage: st.usage,
      expanded: st.expanded,
      loading: st.loading,
      listed: st.listed,
      busy: st.busy,
      transfer: st.transfer,
      problem: st.problem,
      remark: st.remark,
    })),
  );
  const store = useBoardFiles.getState();
  const [confirming, setConfirming] = useState<BoardEntry | null>(null);
  const [newFolder, setNewFolder] = useState<string | null>(null);
  const [dropping, setDropping] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const expanded = useMemo(() => new Set(s.expanded), [s.expanded]);
  const root = s.caps?.cwd ?? "/";
  const rows = useMemo(() => visibleRows(s.entries, root, expanded), [s.entries, root, expanded]);

  const connected = connection === ConnectionState.Connected && s.device !== null;
  const running = runtime === RuntimeState.Running;
  const hint = !connected
    ? "Connect a board to see its files."
    : running
      ? "The board is running a program. Stop it to work with its files."
      : null;
  const disabled = hint !== null || s.busy !== null;

  const uploadDropped = async (e: DragEvent, dir: string | undefined) => {
    e.preventDefault();
    const projectPath = e.dataTransfer.getData(PROJECT_PATH_MIME);
    if (projectPath) return store.uploadProjectFile(projectPath, dir);
    if (e.dataTransfer.files.length > 0) return store.upload(await filesFromDrop(e.dataTransfer.files), dir);
  };

  const actions: TreeActions = {
    open: (entry) => void store.open(entry.path),
    toggle: (entry) => store.toggle(entry.path),
    rename: (entry, name) => store.rename(entry.path, name),
    askDelete: (entry) => setConfirming(entry),
    download: (entry) =>
      void store.download(entry.path).then((bytes) => {
        if (bytes) saveBytesAs(displayName(entry.name), bytes);
      }),
    drop: (e, dir) => void uploadDropped(e, dir),
    accepts,
  };

  const submitFolder = async (e?: FormEvent) => {
    e?.preventDefault();
    if (newFolder === null) return;
    const name = newFolder;
    setNewFolder(null);
    if (name.trim() !== "" && !(await store.mkdir(name))) setNewFolder(name);
  };

  const message = s.problem == null ? null : describeError(s.problem, board);
  const usedBytes = s.usage ? s.usage.totalBytes - s.usage.freeBytes : 0;

  return (
    <section
      className="board-files"
      aria-busy={s.loading || s.busy !== null}
      data-listed={s.listed ? "true" : "false"}
      data-drop={dropping ? "true" : undefined}
      onPointerEnter={attention.onAttention}
      onPointerLeave={attention.onLeave}
      onFocus={attention.onAttention}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) attention.onLeave();
      }}
      onDragOver={(e) => {
        if (disabled || !accepts(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = "copy";
        setDropping(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDropping(false);
      }}
      onDrop={(e) => {
        setDropping(false);
        if (!disabled) void uploadDropped(e, undefined);
      }}
    >
      <header className="board-files__header">
        <h2 className="board-files__title">
          Board
        </h2>
        <button
          type="button"
          className="board-files__action"
          disabled={disabled || s.caps?.dirs === false}
          title={s.caps?.dirs === false ? "Folders are not supported on this board (its filesystem is flat)" : undefined}
          onClick={() => setNewFolder("")}
        >
          New folder
        </button>
        <button type="button" className="board-files__action" disabled={disabled} onClick={() => fileInput.current?.click()}>
          Upload
        </button>
        <button
          type="button"
          className="board-files__action"
          title="Install and remove MicroPython packages (mip)"
          onClick={openPackages}
        >
          Packages
        </button>
        <button
          type="button"
          className="board-files__action"
          aria-label="Refresh board files"
          title="Refresh"
          disabled={disabled}
          onClick={() => void store.refresh()}
        >
          ⟳
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          aria-label="Files to upload to the board"
          onChange={(e) => {
            const list = e.target.files;
            if (list && list.length > 0) void filesFromDrop(list).then((files) => store.upload(files));
            e.target.value = "";
          }}
        />
      </header>

      {hint ? <p className="board-files__hint">{hint}</p> : null}

      {s.usage && connected ? (
        <div className="board-files__usage">
          <div
            className="board-files__meter"
            role="meter"
            aria-label="Board storage"
            aria-valuemin={0}
            aria-valuemax={s.usage.totalBytes}
            aria-valuenow={usedBytes}
            aria-valuetext={`${formatBytes(usedBytes)} of ${formatBytes(s.usage.totalBytes)} used`}
          >
            <div className="board-files__meter-fill" style={{ width: `${s.usage.totalBytes ? (usedBytes / s.usage.totalBytes) * 100 : 0}%` }} />
          </div>
          <span className="board-files__usage-text">
            {formatBytes(usedBytes)} of {formatBytes(s.usage.totalBytes)} used
          </span>
        </div>
      ) : null}

      {s.transfer ? <TransferBar transfer={s.transfer} onCancel={() => store.cancelTransfer()} /> : null}

      <div className="board-files__alert">
        <AlertBanner message={message} onDismiss={() => store.dismissProblem()} />
      </div>
      {s.remark && !message ? (
        <p className="board-files__remark" role="status">
          {s.remark}
        </p>
      ) : null}

      {newFolder !== null ? (
        <form className="board-files__edit" onSubmit={(e) => void submitFolder(e)}>
          <input
            autoFocus
            aria-label="New board folder name"
            value={newFolder}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => setNewFolder(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Escape") {
                e.preventDefault();
                setNewFolder(null);
              }
            }}
            onBlur={() => void submitFolder()}
          />
        </form>
      ) : null}

      <BoardTree rows={rows} expanded={expanded} disabled={disabled} actions={actions} />
      {connected && s.listed && !s.loading && rows.length === 0 ? (
        <p className="board-files__empty">No files on the board. Drop files here or press Upload.</p>
      ) : null}
      {connected && !s.listed && !hint ? (
        <p className="board-files__empty">
          {s.loading ? "Reading the board's files…" : "Point here or press Refresh (⟳) to see the board's files."}
        </p>
      ) : null}

      {confirming ? (
        <Dialog
          title={`Delete ${displayName(boardBaseName(confirming.path))} from the board?`}
          onCancel={() => setConfirming(null)}
          choices={[
            {
              label: "Delete",
              danger: true,
              onChoose: () => {
                const entry = confirming;
                setConfirming(null);
                void store.remove(entry);
              },
            },
            { label: "Cancel", safe: true, onChoose: () => setConfirming(null) },
          ]}
        >
          <p>
            {confirming.kind === "dir"
              ? `The folder ${displayName(confirming.path)} and everything in it will be deleted. This can't be undone.`
              : `${displayName(confirming.path)} will be deleted from the board. This can't be undone.`}
          </p>
        </Dialog>
      ) : null}
    </section>
  );
}

export default BoardFilesPanel;
