// The examples gallery: every example with what it needs and what it does on the virtual board, opened as a project
// of its own (the person's copy comes back each time; My project is never touched). Loaded on first use with the
// example sources, so neither reaches the app shell.
import { useState } from "react";
import { useWorkspace } from "../store/workspace";
import { Modal } from "../ui/Modal";
import { EXAMPLES, NEED_WORDS, type Example } from "./catalog";
import "./examples.css";

export default function ExamplesDialog({ onClose }: { onClose: () => void }) {
  const projects = useWorkspace((s) => s.projects);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const open = async (example: Example) => {
    setBusy(true);
    setError(null);
    try {
      await useWorkspace.getState().openExample(example);
      onClose();
    } catch (err) {
      setError(`Couldn't open ${example.title}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title="Examples" onClose={onClose} className="examples">
      <div className="examples__body">
        <p className="examples__intro">
          Each example opens as a project of its own, so your project stays as it is. Wi-Fi names, passwords and keys go in
          the example's <code>secrets.py</code>, which Mote copies only to your board.
        </p>
        {error ? (
          <p className="examples__error" role="alert">
            {error}
          </p>
        ) : null}
        <ul className="examples__list" aria-label="Examples">
          {EXAMPLES.map((example, i) => {
            const opened = projects.some((p) => p.exampleId === example.id);
            return (
              <li key={example.id} className="examples__item">
                <div className="examples__text">
                  <h3 className="examples__name">{example.title}</h3>
                  <p>{example.summary}</p>
                  {example.needs.length ? <p className="examples__needs">Needs {example.needs.map((n) => NEED_WORDS[n]).join(", ")}.</p> : null}
                  <p className="examples__virtual">Virtual board: {example.virtualBoard}</p>
                </div>
                <button
                  type="button"
                  data-autofocus={i === 0 ? "" : undefined}
                  disabled={busy}
                  aria-label={`Open ${example.title}`}
                  onClick={() => void open(example)}
                >
                  {opened ? "Open your copy" : "Open"}
                </button>
              </li>
            );
          })}
        </ul>
      </div>
    </Modal>
  );
}
