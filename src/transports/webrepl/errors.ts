import { DeviceError, type DeviceErrorCode } from "../../device/errors";

/** Every way a WebREPL link can fail that a person must hear about in its own words (ui/errorMessages.ts). */
export type WebReplFailure =
  | "BadAddress" // not a ws:// or wss:// address
  | "MixedContent" // an https page may not open ws:// (the browser refuses)
  | "BadPassword" // a password the board could never accept (length, line breaks)
  | "Unreachable" // the connection failed before it opened: wrong address, board off, another network
  | "Timeout" // no answer in time
  | "NotWebRepl" // something answered, but never asked for a password
  | "Refused" // opened and closed at once: the board serves one WebREPL client at a time
  | "WrongPassword" // "Access denied"
  | "Closed"; // the connection ended after login

const CODES: Record<WebReplFailure, DeviceErrorCode> = {
  BadAddress: "Unsupported",
  MixedContent: "Unsupported",
  BadPassword: "AccessDenied",
  Unreachable: "Disconnected",
  Timeout: "Timeout",
  NotWebRepl: "NotMicroPython",
  Refused: "PortInUse",
  WrongPassword: "AccessDenied",
  Closed: "Disconnected",
};

/** A DeviceError (so the core and the store treat it like any link failure) that also says which WebREPL failure. */
export class WebReplError extends DeviceError {
  constructor(
    readonly failure: WebReplFailure,
    message: string,
    detail?: string,
  ) {
    super(CODES[failure], message, detail);
  }
}

export function isWebReplError(e: unknown, failure?: WebReplFailure): e is WebReplError {
  return e instanceof WebReplError && (failure === undefined || e.failure === failure);
}
