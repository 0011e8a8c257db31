/**
 * The one place where a failure becomes words. Every DeviceError code has a sentence saying what happened and what
 * to do next; components show these and never build their own error text.
 */
import { DeviceError, type DeviceErrorCode } from "../device/errors";
import type { BoardKind, Problem } from "../store/connection";
import { isWebReplError, type WebReplError } from "../transports/webrepl";
import { WEBREPL_MESSAGES, WEBREPL_NOT_TEXT_MESSAGE } from "./webreplMessages";

export interface UserMessage {
  /** What happened and what to do next, in plain words. */
  text: string;
  /** The DeviceError code, for tests and for people reporting a bug. */
  code?: DeviceErrorCode;
  /** Extra text from the board (a traceback), shown smaller. */
  detail?: string;
}

export const DISCONNECTED_MESSAGE =
  "The board was disconnected (cable pulled or board reset). Plug it in and press Connect.";

export const MESSAGES: Record<DeviceErrorCode, string> = {
  Timeout:
    "The board did not answer in time. Press Stop and try again; if it keeps happening, press the reset button on the board and Connect again.",
  Disconnected: DISCONNECTED_MESSAGE,
  Busy: "The board is still busy with another task. Wait for it to finish or press Stop, then try again.",
  NotMicroPython:
    "No MicroPython prompt answered on this port. Check that the board runs MicroPython and that the baud rate is right (usually 115200), then press Connect.",
  ProtocolError:
    "The board answered something Mote did not expect. Press Stop and try again; if it persists, press Soft reset or Disconnect and Connect.",
  Interrupted: "The operation was stopped before it finished. Nothing else needs doing.",
  PortInUse:
    "The serial port is in use by another program or browser tab. Close it there (Thonny, a serial monitor, another Mote tab) and press Connect.",
  AccessDenied:
    "The board refused the WebREPL password. Check it (set on the board with import webrepl_setup) and press Connect again.",
  Unsupported: "This board or browser cannot do that.",
  DeviceFull: "The board's storage is full. Delete some files from the board, then try again.",
  NotFound: "That file or folder is not on the board (any more). Press Refresh to see the board's files as they are now.",
  Conflict:
    "The file on the board changed since you opened it, so Mote did not overwrite it. Open the board's version to compare, or save again to replace it.",
  RemoteError: "The board raised an error while Mote was working with its files. The details are below.",
};

export const VIRTUAL_LOST_MESSAGE = "The virtual board stopped unexpectedly. Press Connect to start it again.";

/** Where the serial words (cable, baud rate, port) make no sense for the in-browser board. */
const VIRTUAL_MESSAGES: Partial<Record<DeviceErrorCode, string>> = {
  NotMicroPython: "The virtual board did not start in time (the computer may be busy). Press Connect to try again.",
  Disconnected: VIRTUAL_LOST_MESSAGE,
  PortInUse: "The virtual board could not start. Reload the page and press Connect.",
};

export const NO_WEB_SERIAL_MESSAGE =
  "This browser cannot open serial ports (Web Serial is missing). Use Chrome, Edge or Opera on a desktop computer, or pick Virtual board.";

/** True for the browser's "you closed the port chooser" rejection, which is a choice, not a failure. */
export function isUserCancel(e: unknown): boolean {
  return (
    typeof e === "object" &&
    e !== null &&
    (e as { name?: unknown }).name === "NotFoundError" &&
    !(e instanceof DeviceError)
  );
}

/**
 * Turns anything thrown into a message, or null when there is nothing to tell (the person cancelled).
 * `board` picks wording that fits the kind of board in use.
 */
export function describeError(e: unknown, board: BoardKind = "serial"): UserMessage | null {
  if (isUserCancel(e)) return null;
  if (isWebReplError(e)) return describeWebRepl(e);
  if (e instanceof DeviceError) {
    // A file or folder that vanished (deleted by a program or another tool) is no traceback: say which and what to do.
    if (e.code === "NotFound" && e.message) {
      return { text: `${e.message}. Press Refresh to see the board's files as they are now.`, code: e.code };
    }
    const base = (board === "virtual" ? VIRTUAL_MESSAGES[e.code] : undefined) ?? MESSAGES[e.code] ?? e.message;
    // Unsupported carries the specific reason from whoever refused, worded for people; the table's sentence alone
    // says too little and in front of it only repeats itself.
    const text = e.code === "Unsupported" && e.message ? sentence(e.message) : base;
    return { text, code: e.code, detail: e.detail };
  }
  // A refusal worded for people where it was made (a name the board cannot take, a file that is not text).
  if (e instanceof Error && (e as { shownAsIs?: unknown }).shownAsIs === true) return { text: e.message };
  const raw = e instanceof Error ? e.message : String(e);
  return { text: `Something went wrong: ${raw || "unknown error"}. Try again; if it persists, reload the page.` };
}

/** The message for a link that ended on its own. */
export function describeLost(board: BoardKind, e?: unknown): UserMessage {
  if (isWebReplError(e)) return describeWebRepl(e);
  if (board === "webrepl") return { text: WEBREPL_MESSAGES.Closed, code: "Disconnected" };
  const code = e instanceof DeviceError ? e.code : "Disconnected";
  return { text: board === "virtual" ? VIRTUAL_LOST_MESSAGE : DISCONNECTED_MESSAGE, code };
}

/** The words for whatever the connection store recorded; null when there is nothing to say. */
export function describeProblem(problem: Problem | null): UserMessage | null {
  if (!problem) return null;
  switch (problem.kind) {
    case "failed":
      return describeError(problem.error, problem.board);
    case "lost":
      return describeLost(problem.board, problem.error);
    case "explained":
      return { text: problem.text, code: problem.code };
  }
}

function describeWebRepl(e: WebReplError): UserMessage {
  const notText = e.failure === "Closed" && /not text/.test(e.message);
  const text = notText ? WEBREPL_NOT_TEXT_MESSAGE : WEBREPL_MESSAGES[e.failure] || sentence(e.message);
  return { text, code: e.code, detail: e.detail };
}

/** Starts with a capital and ends with a full stop, as the table's sentences do. */
function sentence(text: string): string {
  const t = text.trim();
  const capital = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?)]$/.test(capital) ? capital : `${capital}.`;
}
