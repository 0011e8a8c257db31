// The index part of the Packages dialog: which index (remembered), search, and the matching packages with Install.
import { useMemo, useState, type FormEvent } from "react";
import { searchIndex } from "../packages/indexClient";
import { DEFAULT_INDEX } from "../packages/spec";
import { useConnection } from "../store/connection";
import { packagesStore, usePackages } from "./appStore";
import { useInstallBlocker } from "./useInstallBlocker";
import { describePackageProblem } from "./packageWords";

/** Enough to scroll through; more than this and the person should type a little more. */
const SHOWN = 60;

export function IndexBrowser() {
  const indexUrl = usePackages((s) => s.indexUrl);
  const index = usePackages((s) => s.index);
  const query = usePackages((s) => s.query);
  const kind = useConnection((s) => s.board);
  const blocker = useInstallBlocker();
  const [draft, setDraft] = useState<string | null>(null);
  const store = packagesStore().getState();
  const matches = useMemo(() => (index.status === "ready" ? searchIndex(index.packages, query) : []), [index, query]);

  const submitIndex = (e: FormEvent) => {
    e.preventDefault();
    if (draft !== null) void store.setIndexUrl(draft).then((ok) => ok && setDraft(null));
  };
  const problem = index.status === "failed" ? describePackageProblem(index.error, kind) : null;

  return (
    <section className="packages-dialog__index" aria-label="Package index">
      <form className="packages-dialog__field" onSubmit={submitIndex}>
        <label htmlFor="packages-index-url">Package index URL</label>
        <span className="packages-dialog__row">
          <input
            id="packages-index-url"
            value={draft ?? indexUrl}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit" disabled={draft === null || draft.trim() === indexUrl}>
            Use index
          </button>
          <button
            type="button"
            disabled={indexUrl === DEFAULT_INDEX && draft === null}
            title={`Back to ${DEFAULT_INDEX}`}
            onClick={() => void store.setIndexUrl(DEFAULT_INDEX).then(() => setDraft(null))}
          >
            Default index
          </button>
        </span>
      </form>

      {problem ? (
        <div className="packages-dialog__error" role="alert" data-code={problem.code}>
          <p>{problem.text}</p>
          {problem.hint ? <p className="packages-dialog__hint">{problem.hint}</p> : null}
          <button type="button" onClick={() => void store.loadIndex()}>
            Try again
          </button>
        </div>
      ) : null}

      <label className="packages-dialog__field">
        <span>Search packages</span>
        <input
          type="search"
          aria-label="Search packages"
          value={query}
          placeholder="mqtt, sensor, ssd1306…"
          spellCheck={false}
          onChange={(e) => store.setQuery(e.target.value)}
          disabled={index.status !== "ready"}
        />
      </label>

      {index.status === "loading" ? <p className="packages-dialog__muted">Loading the package list of {index.url}…</p> : null}
      {index.status === "ready" ? (
        <>
          <p className="packages-dialog__muted" aria-live="polite">
            {matches.length === index.packages.length
              ? `${index.packages.length} packages in the index.`
              : `${matches.length} of ${index.packages.length} packages match.`}
            {matches.length > SHOWN ? ` Showing the first ${SHOWN}; type more to narrow the list.` : ""}
          </p>
          <ul className="packages-dialog__results" aria-label="Packages in the index">
            {matches.slice(0, SHOWN).map((p) => (
              <li key={p.name} className="packages-dialog__result">
                <div className="packages-dialog__result-text">
                  <span className="packages-dialog__name">{p.name}</span>
                  {p.version ? <span className="packages-dialog__version">{p.version}</span> : null}
                  {p.description ? <p className="packages-dialog__description">{p.description}</p> : null}
                  {p.license || p.author ? (
                    <p className="packages-dialog__muted">{[p.license, p.author].filter(Boolean).join(" · ")}</p>
                  ) : null}
                </div>
                <button
                  type="button"
                  aria-label={`Install ${p.name}`}
                  disabled={blocker !== null}
                  title={blocker ?? undefined}
                  onClick={() => void store.install(p.name)}
                >
                  Install
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
