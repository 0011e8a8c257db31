/** Every failure the device core reports has one of these codes; the UI maps a code to words in one place. */
export type DeviceErrorCode =
  | "Timeout" // a wait ran out; the core tried to recover to a known prompt
  | "Disconnected" // the link ended (cable pulled, worker died, port closed)
  | "Busy" // another operation holds the board
  | "NotMicroPython" // no MicroPython prompt after a bounded wait
  | "ProtocolError" // the board answered something the protocol does not allow
  | "Interrupted" // the user (or a reset) stopped the operation
  | "PortInUse" // the OS or another tab holds the port
  | "AccessDenied" // the board refused the password (WebREPL)
  | "Unsupported" // the board or browser cannot do this
  | "DeviceFull" // no space left on the board's filesystem
  | "NotFound" // the file or folder is not on the board
  | "Conflict" // the board's copy changed since Mote last read it; nothing was overwritten
  | "RemoteError"; // the board raised an exception running our helper code

export class DeviceError extends Error {
  override readonly name = "DeviceError";
  constructor(
    readonly code: DeviceErrorCode,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

export function isDeviceError(e: unknown, code?: DeviceErrorCode): e is DeviceError {
  return e instanceof DeviceError && (code === undefined || e.code === code);
}

/** A board's traceback as a typed error: the last line (e.g. "OSError: [Errno 2] ENOENT") is the message. */
export function remoteError(traceback: string): DeviceError {
  const lines = traceback.trim().split(/\r?\n/);
  const last = lines[lines.length - 1] ?? "error";
  const code = /ENOSPC|\bErrno 28\b|^OSError: 28$/.test(last) ? "DeviceFull" : "RemoteError";
  return new DeviceError(code, last, traceback);
}
