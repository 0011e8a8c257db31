// The board's packages: what Mote installed (name, version, dependency of what) and what it found by files alone.
import { displayName } from "../device/paths";
import { packagesStore, usePackages } from "./appStore";
import { useInstallBlocker } from "./useInstallBlocker";

export function InstalledList() {
  const board = usePackages((s) => s.board);
  const blocker = useInstallBlocker();
  if (board.status !== "ready") return null;
  const { installed, untracked, manifestProblem, lib } = board.packages;
  const store = packagesStore().getState();
  const dependents = (key: string) => installed.filter((p) => p.deps.includes(key)).map((p) => p.key);
  return (
    <section className="packages-dialog__installed" aria-label="Installed on the board">
      <h3 className="packages-dialog__subtitle">Installed in {lib}</h3>
      {manifestProblem ? (
        <p className="packages-dialog__warn">
          Mote's list of installed packages ({lib}/{manifestProblem}). Packages are shown by their files where it could not tell.
        </p>
      ) : null}
      {installed.length === 0 && untracked.length === 0 ? <p className="packages-dialog__muted">No packages on the board yet.</p> : null}
      <ul className="packages-dialog__list">
        {installed.map((p) => {
          const by = dependents(p.key);
          return (
            <li key={p.key} className="packages-dialog__item" aria-label={`${p.key} ${p.version}`}>
              <div className="packages-dialog__result-text">
                <span className="packages-dialog__name">{p.key}</span> <span className="packages-dialog__version">{p.version}</span>
                <p className="packages-dialog__muted">
                  {p.explicit ? "Installed by you" : `Dependency${by.length ? ` of ${by.join(", ")}` : ""}`}
                  {p.mpy ? ` · ${p.mpy === "py" ? "source" : `bytecode ${p.mpy}`}` : ""} · {p.files.length} file{p.files.length === 1 ? "" : "s"}
                </p>
                {p.missing.length > 0 ? (
                  <p className="packages-dialog__warn">
                    Missing from the board: {p.missing.join(", ")}. Install it again to put them back.
                  </p>
                ) : null}
              </div>
              <button type="button" aria-label={`Remove ${p.key}`} disabled={blocker !== null} onClick={() => store.askRemove(p.key)}>
                Remove
              </button>
            </li>
          );
        })}
        {untracked.map((u) => (
          <li key={`untracked:${u.name}`} className="packages-dialog__item" aria-label={`${u.name} (found on the board)`}>
            <div className="packages-dialog__result-text">
              <span className="packages-dialog__name">{displayName(u.name)}</span>{" "}
              <span className="packages-dialog__version">version unknown</span>
              <p className="packages-dialog__muted">
                Found on the board, not installed by Mote{u.inIndex ? " (a package of this index)" : ""}: {u.files.map(displayName).join(", ")}
              </p>
            </div>
            <button type="button" aria-label={`Remove ${u.name}`} disabled={blocker !== null} onClick={() => store.askRemoveUntracked(u.name)}>
              Remove
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
