/**
 * How the terminal reads special keys. Pure, so the rules are testable without xterm. (Line endings of a paste are
 * normalised by the device core's paste(), which also knows whether paste mode applies.)
 */

export type TerminalKeyAction = "copy" | "paste" | "interrupt" | "eof" | null;

export interface KeyLike {
  type: string;
  key: string;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

/**
 * Classifies a key event in the terminal. Ctrl-C and Ctrl-D are named for clarity only: xterm already turns them into
 * 0x03 / 0x04 on its data stream, so the caller lets them through. Copy and paste must be taken away from xterm,
 * which would otherwise send ^V (0x16) for Ctrl-V and ^C for Ctrl-Shift-C.
 */
export function classifyTerminalKey(e: KeyLike, hasSelection: boolean): TerminalKeyAction {
  if (e.type !== "keydown" || e.altKey) return null;
  const mod = e.ctrlKey || e.metaKey;
  if (!mod) return null;
  const k = e.key.toLowerCase();
  if (k === "v") return "paste";
  if (k === "c" && (e.shiftKey || e.metaKey)) return hasSelection ? "copy" : null;
  if (k === "c" && e.ctrlKey) return "interrupt";
  if (k === "d" && e.ctrlKey && !e.shiftKey) return "eof";
  return null;
}

/** What Enter sends (Settings). xterm sends CR, which is what MicroPython's REPL and `input()` expect. */
export type LineEnding = "cr" | "lf" | "crlf";

const ENDING_BYTES: Record<LineEnding, string> = { cr: "\r", lf: "\n", crlf: "\r\n" };

/** Keyboard data from xterm with each Enter (a CR) turned into the chosen line ending. */
export function applyLineEnding(data: string, ending: LineEnding): string {
  return ending === "cr" || !data.includes("\r") ? data : data.replace(/\r/g, ENDING_BYTES[ending]);
}

/** The terminal's own keys, for the Keyboard shortcuts dialog. Ctrl-C/D/A/B/E are MicroPython's REPL's. */
export const TERMINAL_KEYS: ReadonlyArray<{ keys: string; what: string }> = [
  { keys: "Ctrl-C", what: "Interrupt the running program (KeyboardInterrupt)" },
  { keys: "Ctrl-D", what: "Soft reset the board, at an empty >>> prompt" },
  { keys: "Ctrl-Shift-C", what: "Copy the selected text" },
  { keys: "Ctrl-V", what: "Paste (several lines go through MicroPython's paste mode)" },
  { keys: "Enter", what: "Send the line (CR, LF or CR LF, as set in Settings)" },
  { keys: "Tab", what: "Complete a name (MicroPython's REPL)" },
  { keys: "Up / Down", what: "Earlier / later lines from the REPL's history" },
];
