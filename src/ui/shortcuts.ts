/**
 * Every app-wide keyboard shortcut, in one table: installShortcuts() matches keys against it, and the Keyboard
 * shortcuts dialog lists it, so the list cannot drift from what the keys do. Listening on window in the capture phase
 * means the editor and the terminal cannot swallow them first, and F5 never reloads the page by accident.
 *
 * F1 opens the list: Monaco binds F1 to its command palette, which Mote does not load, and xterm only forwards it to
 * the board as an escape sequence MicroPython ignores. Ctrl-/ was not free (Monaco's toggle comment).
 */
import type { KeyLike } from "../terminal/input";

export type ShortcutAction = "run" | "save" | "stop" | "settings" | "help";

export interface ShortcutContext {
  /** Focus is in the terminal and text is selected there: Ctrl-Shift-C then means copy, not stop. */
  terminalSelection: boolean;
}

export interface Shortcut {
  action: ShortcutAction;
  /** As the person reads it ("Ctrl-S"); on a Mac, Cmd works wherever Ctrl-S / Ctrl-, are listed. */
  keys: string;
  what: string;
  matches(e: KeyLike, ctx: ShortcutContext): boolean;
}

const plain = (e: KeyLike) => !e.ctrlKey && !e.metaKey && !e.shiftKey;
const ctrlOrCmd = (e: KeyLike) => (e.ctrlKey || e.metaKey) && !e.shiftKey;

export const SHORTCUTS: readonly Shortcut[] = [
  { action: "run", keys: "F5", what: "Run the open file on the board", matches: (e) => e.key === "F5" && plain(e) },
  {
    action: "stop",
    keys: "Ctrl-Shift-C",
    what: "Stop the running program (copies instead when text is selected in the REPL)",
    matches: (e, ctx) => e.ctrlKey && e.shiftKey && e.key.toLowerCase() === "c" && !ctx.terminalSelection,
  },
  {
    action: "save",
    keys: "Ctrl-S",
    what: "Save the open file (formatted first when Format on save is on)",
    matches: (e) => ctrlOrCmd(e) && e.key.toLowerCase() === "s",
  },
  { action: "settings", keys: "Ctrl-,", what: "Open Settings", matches: (e) => ctrlOrCmd(e) && e.key === "," },
  { action: "help", keys: "F1", what: "Show this list of keyboard shortcuts", matches: (e) => e.key === "F1" && plain(e) },
];

export function matchShortcut(e: KeyLike, ctx: ShortcutContext): ShortcutAction | null {
  if (e.type !== "keydown" || e.altKey) return null;
  return SHORTCUTS.find((s) => s.matches(e, ctx))?.action ?? null;
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
