// Flashing under way: what is happening, how far, how fast, and a way to stop it.
import { FlashStep, useFlash } from "../store/flash";
import { formatRate, formatSize, phaseWords } from "./flashWords";

export function ProgressStep() {
  const step = useFlash((s) => s.step);
  const progress = useFlash((s) => s.progress);
  const download = useFlash((s) => s.download);
  const image = useFlash((s) => s.image);
  const log = useFlash((s) => s.log);

  let label: string;
  let done = 0;
  let total = 0;
  if (step === FlashStep.Reconnecting) label = "Connecting to the new firmware's REPL";
  else if (step === FlashStep.Preparing && download) {
    label = "Downloading the firmware";
    done = download.done;
    total = download.total;
  } else if (step === FlashStep.Preparing) label = "Waiting for you to choose the board";
  else {
    label = progress ? phaseWords(progress.phase) : "Starting";
    done = progress?.done ?? 0;
    total = progress?.total ?? 0;
  }
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : undefined;
  const rate = step === FlashStep.Flashing ? formatRate(progress?.bytesPerSecond) : "";

  return (
    <div className="flash-dialog__body">
      <p className="flash-dialog__phase" aria-live="polite">
        {label}
        {percent !== undefined ? ` ${percent} %` : "…"}
        {rate ? ` · ${rate}` : ""}
      </p>
      <div
        className="flash-dialog__bar"
        role="progressbar"
        aria-label="Flashing progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={percent !== undefined ? `${label} ${percent} %` : label}
      >
        <div className="flash-dialog__fill" style={{ width: `${percent ?? 0}%` }} />
      </div>
      {image ? (
        <p className="flash-dialog__meta">
          {image.name}, {formatSize(image.size)}, sha256 <code>{image.sha256}</code>
        </p>
      ) : null}
      {log.length ? (
        <details className="flash-dialog__log">
          <summary>Details</summary>
          <pre>{log.join("\n")}</pre>
        </details>
      ) : null}
      <div className="flash-dialog__choices">
        <button type="button" onClick={() => useFlash.getState().cancel()} disabled={step === FlashStep.Reconnecting}>
          Cancel
        </button>
      </div>
    </div>
  );
}
