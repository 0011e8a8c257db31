import { useCallback, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from "react";
import { readPref, writePref } from "../store/prefs";

interface SplitPaneProps {
  /** Upper pane (grows with the window). */
  top: ReactNode;
  /** Lower pane, with a size the person drags. */
  bottom: ReactNode;
  /** Remembers the size under this key. */
  storageKey: string;
  initialBottom?: number;
  minTop?: number;
  minBottom?: number;
  label: string;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), Math.max(lo, hi));

/** Two stacked panes with a draggable, keyboard-operable divider (WAI-ARIA window splitter). */
export function SplitPane({ top, bottom, storageKey, initialBottom = 240, minTop = 120, minBottom = 80, label }: SplitPaneProps) {
  const rootRef = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState(() => Number(readPref(storageKey)) || initialBottom);
  const drag = useRef<{ startY: number; startSize: number } | null>(null);

  const apply = useCallback(
    (next: number) => {
      const height = rootRef.current?.clientHeight ?? 0;
      const v = Math.round(height > 0 ? clamp(next, minBottom, height - minTop - 6) : next);
      setSize(v);
      writePref(storageKey, String(v));
    },
    [minBottom, minTop, storageKey],
  );

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { startY: e.clientY, startSize: size };
    document.body.classList.add("is-resizing");
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    apply(drag.current.startSize - (e.clientY - drag.current.startY));
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    drag.current = null;
    e.currentTarget.releasePointerCapture(e.pointerId);
    document.body.classList.remove("is-resizing");
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 64 : 16;
    if (e.key === "ArrowUp") apply(size + step);
    else if (e.key === "ArrowDown") apply(size - step);
    else return;
    e.preventDefault();
  };

  return (
    <div className="split" ref={rootRef} style={{ gridTemplateRows: `minmax(${minTop}px, 1fr) 6px ${size}px` }}>
      <div className="split-pane">{top}</div>
      <div
        className="split-handle"
        role="separator"
        aria-orientation="horizontal"
        aria-label={label}
        aria-valuenow={size}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onKeyDown={onKeyDown}
      />
      <div className="split-pane">{bottom}</div>
    </div>
  );
}
