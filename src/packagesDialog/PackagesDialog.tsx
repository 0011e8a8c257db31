// The Packages dialog: browse and search a mip index, install (with progress, Cancel and errors in words), and see and
// remove what is installed on the board. State lives in src/store/packages.ts (wired in ./appStore.ts).
import { useEffect, useId, useRef } from "react";
import { isCancel } from "../store/packages";
import { useConnection } from "../store/connection";
import { packagesStore, usePackages } from "./appStore";
import { IndexBrowser } from "./IndexBrowser";
import { InstalledList } from "./InstalledList";
import { outcomeWords, describePackageProblem, progressWords } from "./packageWords";
import { RemoveConfirm } from "./RemoveConfirm";
import { useInstallBlocker } from "./useInstallBlocker";
import "./packages.css";

export function PackagesDialog() {
  const open = usePackages((s) => s.open);
  const device = useConnection((s) => s.device);
  const busy = usePackages((s) => s.operation.kind !== "idle");
  const titleId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) closeRef.current?.focus();
  }, [open]);
  useEffect(() => {
    // A board connected (or gone) while the dialog is open: show that board's packages.
    if (packagesStore().getState().open) void packagesStore().getState().refreshBoard();
  }, [device]);
  if (!open) return null;
  const store = packagesStore().getState();
  return (
    <div className="packages-dialog__backdrop">
      <div
        className="packages-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={(e) => {
          // A removal question's own Escape (it handles it first) must not also close this dialog.
          if (e.key === "Escape" && !e.defaultPrevented && !packagesStore().getState().confirm) {
            e.preventDefault();
            store.close();
          }
        }}
      >
        <header className="packages-dialog__header">
          <h2 id={titleId} className="packages-dialog__title">
            Packages
          </h2>
          <button type="button" ref={closeRef} onClick={() => store.close()} disabled={busy}>
            Close
          </button>
        </header>
        <BoardLine />
        <IndexBrowser />
        <InstallBox />
        <Progress />
        <Messages />
        <InstalledList />
        <RemoveConfirm />
      </div>
    </div>
  );
}

function BoardLine() {
  const board = usePackages((s) => s.board);
  const source = usePackages((s) => s.source);
  const kind = useConnection((s) => s.board);
  if (board.status === "none") return <p className="packages-dialog__board">Connect a board to install packages. You can browse the index meanwhile.</p>;
  if (board.status === "loading") return <p className="packages-dialog__board">Reading the board's packages…</p>;
  if (board.status === "failed") {
    const m = describePackageProblem(board.error, kind);
    return (
      <div className="packages-dialog__error" role="alert">
        <p>{m?.text}</p>
        {m?.hint ? <p className="packages-dialog__hint">{m.hint}</p> : null}
        <button type="button" onClick={() => void packagesStore().getState().refreshBoard()}>
          Read the board again
        </button>
      </div>
    );
  }
  const { target } = board;
  return (
    <p className="packages-dialog__board">
      Installs into <code>{target.lib}</code> on the board,{" "}
      {source || target.mpy === "py" ? "as .py source" : `as compiled .mpy (bytecode version ${target.mpy})`}.
      {target.onPath ? null : <span className="packages-dialog__warn"> {target.lib} is not on this board's sys.path, so imports may not find it.</span>}
    </p>
  );
}

function InstallBox() {
  const blocker = useInstallBlocker();
  const source = usePackages((s) => s.source);
  const mpy = usePackages((s) => (s.board.status === "ready" ? s.board.target.mpy : null));
  const input = useRef<HTMLInputElement>(null);
  const store = packagesStore().getState();
  return (
    <form
      className="packages-dialog__install"
      onSubmit={(e) => {
        e.preventDefault();
        const spec = input.current?.value.trim() ?? "";
        if (spec && !blocker) void store.install(spec);
      }}
    >
      <label className="packages-dialog__field">
        <span>Install by name, name@version or github:owner/repo[/path][@ref]</span>
        <span className="packages-dialog__row">
          <input ref={input} aria-label="Package to install" spellCheck={false} autoComplete="off" placeholder="umqtt.simple" />
          <button type="submit" className="packages-dialog__primary" disabled={blocker !== null} title={blocker ?? undefined}>
            Install
          </button>
        </span>
      </label>
      <label className="packages-dialog__check">
        <input type="checkbox" checked={source} onChange={(e) => store.setSource(e.target.checked)} disabled={mpy === "py"} />
        Install source (.py) instead of compiled .mpy
      </label>
    </form>
  );
}

function Progress() {
  const operation = usePackages((s) => s.operation);
  if (operation.kind === "idle") return null;
  if (operation.kind === "removing") {
    return (
      <p className="packages-dialog__phase" role="status">
        Removing {operation.name}…
      </p>
    );
  }
  const { label, fraction } = progressWords(operation.progress, operation.spec);
  const percent = fraction === null ? undefined : Math.round(fraction * 100);
  return (
    <div className="packages-dialog__progress">
      <p className="packages-dialog__phase" aria-live="polite">
        {label}
      </p>
      <div
        className="packages-dialog__bar"
        role="progressbar"
        aria-label="Install progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={percent === undefined ? label : `${label} ${percent} %`}
      >
        <div className="packages-dialog__fill" style={{ width: `${percent ?? 0}%` }} />
      </div>
      <button type="button" onClick={() => packagesStore().getState().cancel()}>
        Cancel install
      </button>
    </div>
  );
}

function Messages() {
  const error = usePackages((s) => s.error);
  const outcome = usePackages((s) => s.outcome);
  const lib = usePackages((s) => (s.board.status === "ready" ? s.board.target.lib : "/lib"));
  const kind = useConnection((s) => s.board);
  const message = describePackageProblem(error, kind);
  if (message && isCancel(error)) {
    return (
      <div className="packages-dialog__note" role="status">
        <p>{message.text}</p>
        {message.hint ? <p className="packages-dialog__hint">{message.hint}</p> : null}
      </div>
    );
  }
  if (message) {
    return (
      <div className="packages-dialog__error" role="alert" data-code={message.code}>
        <p>{message.text}</p>
        {message.hint ? <p className="packages-dialog__hint">{message.hint}</p> : null}
        <button type="button" onClick={() => packagesStore().getState().dismissError()}>
          Dismiss
        </button>
      </div>
    );
  }
  if (!outcome) return null;
  return (
    <div className="packages-dialog__ok" role="status">
      {outcomeWords(outcome, lib).map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}
