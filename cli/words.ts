/**
 * Failures as ONE line for a terminal or a CI log. The UI has its own sentences (src/ui/errorMessages.ts) that talk
 * about buttons; here the next step is a command-line one.
 */
import { isDeviceError, type DeviceErrorCode } from "../src/device/errors";
import { UsageError } from "./args";

/** What to do next, per code; appended to the error's own message. */
const NEXT: Record<DeviceErrorCode, string> = {
  Timeout: "the board did not answer in time; press its reset button and try again",
  Disconnected: "the board is not connected",
  Busy: "the board is busy with another operation",
  NotMicroPython: "no MicroPython prompt answered; check the board runs MicroPython and the --baud rate (usually 115200)",
  ProtocolError: "the board answered something mote did not expect; try again, or reset the board",
  Interrupted: "stopped before it finished",
  PortInUse: "close the other program using it (Thonny, screen, a browser tab, another mote)",
  AccessDenied: "the board refused the password",
  Unsupported: "not supported on this board",
  DeviceFull: "the board's storage is full; delete some files and try again",
  NotFound: "no such file or folder on the board",
  Conflict: "the board's copy changed meanwhile; nothing was overwritten",
  RemoteError: "the board raised an error",
};

/** Exit status: 2 for a usage mistake, 130 for an interrupt (like a shell's Ctrl-C), 1 for everything else. */
export function exitCodeFor(e: unknown): number {
  if (e instanceof UsageError) return 2;
  if (isDeviceError(e, "Interrupted")) return 130;
  return 1;
}

const oneLine = (s: string): string => s.replace(/\s+/g, " ").trim().replace(/[.:]$/, "");

/** Node's fs errors carry a code and a path: say it the way a person would. */
function nodeError(e: NodeJS.ErrnoException): string | undefined {
  const where = e.path ? `${e.path}` : "the file";
  switch (e.code) {
    case "ENOENT":
      return `no such file or folder: ${where}`;
    case "EISDIR":
      return `${where} is a folder`;
    case "ENOTDIR":
      return `not a folder: ${where}`;
    case "EACCES":
    case "EPERM":
      return `no permission to access ${where}`;
    case "ENOSPC":
      return `no space left on this computer for ${where}`;
    default:
      return undefined;
  }
}

/** The whole failure as a single line, without the "mote:" prefix. */
export function describeFailure(e: unknown): string {
  if (e instanceof UsageError) return `${oneLine(e.message)} (see mote --help)`;
  if (isDeviceError(e)) {
    const message = oneLine(e.message);
    const next = NEXT[e.code];
    // Messages that already say what happened and what to do (a missing port) need no generic tail.
    if (e.code === "Disconnected" && /^(No serial port|No permission|Could not open)/.test(message)) return message;
    if (e.code === "Interrupted") return message ? `${message} (${next})` : next;
    if (e.code === "Unsupported" && /not supported|cannot/i.test(message)) return message;
    return message ? `${message}: ${next}` : next;
  }
  if (e instanceof Error) {
    const known = nodeError(e as NodeJS.ErrnoException);
    return known ?? (oneLine(e.message) || e.name);
  }
  return oneLine(String(e));
}
