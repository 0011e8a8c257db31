/**
 * Every app-wide keyboard shortcut, in one place. Listening on window in the capture phase means the editor and the
 * terminal cannot swallow them first, and F5 never reloads the page by accident.
 */
import type { KeyLike } from "../terminal/input";

export type ShortcutAction = "run" | "save" | "stop";

export interface ShortcutContext {
  /** Focus is in the terminal and text is selected there: Ctrl-Shift-C then means copy, not stop. */
  terminalSelection: boolean;
}

export function matchShortcut(e: KeyLike, ctx: ShortcutContext): ShortcutAction | null {
  if (e.type !== "keydown" || e.altKey) return null;
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (e.key === "F5" && !mod && !e.shiftKey) return "run";
  if (mod && !e.shiftKey && key === "s") return "save";
  if (e.ctrlKey && e.shiftKey && key === "c") return ctx.terminalSelection ? null : "stop";
  return null;
}

export function installShortcuts(
  target: Pick<Window, "addEventListener" | "removeEventListener">,
  context: () => ShortcutContext,
  actions: Record<ShortcutAction, () => void>,
): () => void {
  const onKey = (e: KeyboardEvent) => {
    const action = matchShortcut(e, context());
    if (!action) return;
    e.preventDefault();
    e.stopPropagation();
    // Holding F5 must not queue a run per auto-repeat.
    if (e.repeat) return;
    actions[action]();
  };
  target.addEventListener("keydown", onKey, true);
  return () => target.removeEventListener("keydown", onKey, true);
}
