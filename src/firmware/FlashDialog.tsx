// The "Flash firmware" dialog: choose, watch, land in the REPL. State lives in src/store/flash.ts.
import { useEffect, useId, useRef } from "react";
import { FlashStep, useFlash } from "../store/flash";
import { ChooseStep } from "./ChooseStep";
import { describeFlashError, formatSize } from "./flashWords";
import { ProgressStep } from "./ProgressStep";
import "./flash.css";

export function FlashDialog() {
  const open = useFlash((s) => s.open);
  const step = useFlash((s) => s.step);
  const titleId = useId();
  if (!open) return null;
  const busy = step === FlashStep.Preparing || step === FlashStep.Flashing || step === FlashStep.Reconnecting;
  return (
    <div className="flash-dialog__backdrop">
      <div
        className="flash-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={(e) => {
          if (e.key === "Escape" && !busy) {
            e.preventDefault();
            useFlash.getState().close();
          }
        }}
      >
        <h2 id={titleId} className="flash-dialog__title">
          Flash MicroPython firmware
        </h2>
        {step === FlashStep.Choose ? <ChooseStep /> : null}
        {busy ? <ProgressStep /> : null}
        {step === FlashStep.Done ? <DoneStep /> : null}
        {step === FlashStep.Failed ? <FailedStep /> : null}
      </div>
    </div>
  );
}

function DoneStep() {
  const outcome = useFlash((s) => s.outcome);
  const image = useFlash((s) => s.image);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  const actions = useFlash.getState();
  const what = image ? `${image.name} is on the board.` : "The firmware is on the board.";
  return (
    <div className="flash-dialog__body">
      <p role="status" className="flash-dialog__ok">
        {outcome?.kind === "connected" ? `${what} Its REPL is open in the terminal.` : what}
      </p>
      {image ? (
        <p className="flash-dialog__meta">
          {formatSize(image.size)}, sha256 <code>{image.sha256}</code>
        </p>
      ) : null}
      {outcome?.kind === "choosePort" ? (
        <p>
          {outcome.reason === "reenumerated"
            ? "The board restarted as a new USB device, so the browser needs its port again: press Choose port and pick it."
            : "The board restarts into MicroPython as a serial device: press Choose port and pick it."}
        </p>
      ) : null}
      {outcome?.kind === "connectFailed" ? (
        <p>The REPL did not answer on the same port yet. Press the board's RESET button, then Connect.</p>
      ) : null}
      <div className="flash-dialog__choices">
        {outcome?.kind === "choosePort" ? (
          <button type="button" className="flash-dialog__primary" onClick={() => void actions.choosePort()}>
            Choose port
          </button>
        ) : null}
        <button type="button" ref={closeRef} onClick={() => actions.close()}>
          Close
        </button>
      </div>
    </div>
  );
}

function FailedStep() {
  const error = useFlash((s) => s.error);
  const message = describeFlashError(error);
  const actions = useFlash.getState();
  return (
    <div className="flash-dialog__body">
      <div role="alert" className="flash-dialog__error" data-code={message.code}>
        <p>{message.text}</p>
        {message.hint ? <p className="flash-dialog__hint">{message.hint}</p> : null}
      </div>
      <div className="flash-dialog__choices">
        <button type="button" className="flash-dialog__primary" onClick={() => actions.retry()}>
          Try again
        </button>
        <button type="button" onClick={() => actions.close()}>
          Close
        </button>
      </div>
    </div>
  );
}
