/**
 * The short status lines the terminal writes into its own transcript when the link or the program changes, so the
 * record of a session says what happened where the person is looking. Pure: tested without a terminal.
 */
import { ConnectionState, RuntimeState } from "../device/states";

export interface TerminalStatus {
  connection: ConnectionState;
  runtime: RuntimeState;
  board: "virtual" | "serial" | "webrepl";
  /** Project path of the file last run, if any. */
  lastRunPath: string | null;
}

export function transitionNote(prev: TerminalStatus, next: TerminalStatus): string | null {
  // A program's output starts on its own line, not after the `>>> ` it was launched from; naming the file also
  // tells which one `<stdin>` in a traceback refers to.
  if (next.runtime === RuntimeState.Running && prev.runtime !== RuntimeState.Running) {
    return next.lastRunPath ? `run ${next.lastRunPath}` : "run";
  }
  if (next.connection === prev.connection) return null;
  switch (next.connection) {
    case ConnectionState.Connecting:
      return `connecting to ${{ virtual: "the virtual board", serial: "the serial port", webrepl: "the board over WebREPL" }[next.board]}…`;
    case ConnectionState.Lost:
      return "the board was disconnected";
    case ConnectionState.Disconnected:
      return prev.connection === ConnectionState.Disconnecting ? "disconnected" : null;
    default:
      return null;
  }
}
