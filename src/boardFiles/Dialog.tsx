// A small modal question (delete? overwrite?) that keyboard and screen-reader users can answer like anyone else:
// focus moves to the safe choice, Escape cancels, and the question is the dialog's accessible name.
import { useEffect, useId, useRef, type ReactNode } from "react";

export interface DialogChoice {
  label: string;
  onChoose: () => void;
  danger?: boolean;
  /** Gets focus when the dialog opens (the choice that loses nothing). */
  safe?: boolean;
}

export function Dialog({ title, children, choices, onCancel }: { title: string; children?: ReactNode; choices: DialogChoice[]; onCancel: () => void }) {
  const titleId = useId();
  const safeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    safeRef.current?.focus();
  }, []);
  return (
    <div className="board-dialog__backdrop">
      <div
        className="board-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            e.preventDefault();
            onCancel();
          }
        }}
      >
        <h2 id={titleId} className="board-dialog__title">
          {title}
        </h2>
        {children ? <div className="board-dialog__body">{children}</div> : null}
        <div className="board-dialog__choices">
          {choices.map((c) => (
            <button
              key={c.label}
              type="button"
              ref={c.safe ? safeRef : undefined}
              className={c.danger ? "board-dialog__danger" : undefined}
              onClick={c.onChoose}
            >
              {c.label}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
