/**
 * A handle on the one REPL terminal, for the app-wide shortcut handler (which must know whether Ctrl-Shift-C means
 * "copy the terminal selection" or "stop the program") without reaching into xterm.
 */
export interface TerminalHandle {
  /** True when keyboard focus is inside the terminal and some text is selected there. */
  hasFocusedSelection(): boolean;
  focus(): void;
  clear(): void;
}

let current: TerminalHandle | null = null;

export function setActiveTerminal(handle: TerminalHandle | null): void {
  current = handle;
}

export function activeTerminal(): TerminalHandle | null {
  return current;
}
