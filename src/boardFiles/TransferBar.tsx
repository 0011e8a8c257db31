import type { Transfer } from "../store/boardFiles";
import { formatBytes, formatEta } from "./names";

const PHASE_WORDS = { checking: "Checking", sending: "Sending", receiving: "Receiving", verifying: "Verifying", committing: "Finishing" };

/** The one transfer in progress, with its rate and time left, and the way to stop it. */
export function TransferBar({ transfer, onCancel }: { transfer: Transfer; onCancel: () => void }) {
  const p = transfer.progress;
  const percent = p && p.total > 0 ? Math.min(100, Math.round((p.done / p.total) * 100)) : undefined;
  const details = p
    ? [
        PHASE_WORDS[p.phase],
        `${formatBytes(p.done)} of ${formatBytes(p.total)}`,
        p.bytesPerSecond > 0 ? `${formatBytes(Math.round(p.bytesPerSecond))}/s` : "",
        // The first window's rate says little (probing, the receiver starting), so no guess until a little has moved.
        p.done >= p.total * 0.02 ? formatEta(p.etaMs) : "",
      ].filter(Boolean)
    : ["Starting"];
  return (
    <div className="board-transfer">
      <div className="board-transfer__top">
        <span className="board-transfer__label">{transfer.label}</span>
        <button type="button" className="board-files__action" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <div
        className="board-transfer__bar"
        role="progressbar"
        aria-label={transfer.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={details.join(", ")}
      >
        <div className="board-transfer__fill" style={{ width: `${percent ?? 0}%` }} />
      </div>
      <div className="board-transfer__details">{details.join(" · ")}</div>
    </div>
  );
}
