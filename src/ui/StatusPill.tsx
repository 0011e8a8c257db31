import { ConnectionState } from "../device/states";
import { useConnection } from "../store/connection";
import { statusWords } from "./statusWords";

/** Connection and runtime state at a glance; the words are the state, the colour only repeats them. */
export function StatusPill() {
  const connection = useConnection((s) => s.connection);
  const runtime = useConnection((s) => s.runtime);
  const label = useConnection((s) => s.linkLabel);
  const { text, tone } = statusWords(connection, runtime);
  return (
    <div className={`status-pill tone-${tone}`} role="status" aria-label="Board status" title={label && connection === ConnectionState.Connected ? label : undefined}>
      <span className="status-dot" aria-hidden="true" />
      <span className="status-text">{text}</span>
      {label && connection === ConnectionState.Connected ? <span className="status-link">{label}</span> : null}
    </div>
  );
}
