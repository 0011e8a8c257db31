/**
 * WebREPL's wire format as pure functions (facts in README.md beside this file): the login texts, the 82-byte file
 * request, the 4-byte response, and the checks on names and passwords a board would otherwise fail on silently or
 * by dropping the connection. No I/O here; the transport and the test double both build on it.
 */

/** What the board sends first, once the WebSocket is open. */
export const PASSWORD_PROMPT = "Password: ";
/** After a correct password; the `>>> ` is printed by WebREPL itself, whatever the REPL was doing. */
export const CONNECTED_TEXT = "\r\nWebREPL connected\r\n>>> ";
/** After a wrong one; then the board closes the connection. */
export const DENIED_TEXT = "\r\nAccess denied\r\n";

export const Op = { Put: 1, Get: 2, GetVersion: 3 } as const;
export type OpCode = (typeof Op)[keyof typeof Op];

/** `<2sBBQLH64s`: "WA", op, flags, u64 offset (unused), u32 size, u16 name length, 64-byte NUL-padded name. */
export const REQUEST_BYTES = 82;
const NAME_OFFSET = 18;
const NAME_FIELD = 64;
/** The board reads the name as a C string from the 64-byte field, so one byte must stay NUL. */
export const MAX_NAME_BYTES = NAME_FIELD - 1;
/** webrepl_setup accepts 4..9 characters; the board keeps at most 9 bytes and compares the first 10 typed. */
export const MAX_PASSWORD_BYTES = 9;
/** A get chunk carries at most this many bytes after its u16 length. */
export const GET_CHUNK_MAX = 256;
/** The board's WebSocket reads frame lengths up to 16 bits; a 64-bit length makes it drop the connection. */
export const MAX_FRAME_BYTES = 0xffff;

const encoder = new TextEncoder();

/** Why a name cannot travel in a request, or null when it can. */
export function nameProblem(name: Uint8Array): string | null {
  if (name.length === 0) return "the name is empty";
  if (name.length > MAX_NAME_BYTES) {
    return `the name is ${name.length} bytes long; WebREPL carries at most ${MAX_NAME_BYTES}`;
  }
  if (name.includes(0)) return "the name contains a NUL byte";
  try {
    // The board turns the name into a str: bytes that are not UTF-8 raise there, which ends the connection.
    new TextDecoder("utf-8", { fatal: true }).decode(name);
  } catch {
    return "the name is not UTF-8";
  }
  return null;
}

/** Why a password cannot work, or null when it can. */
export function passwordProblem(password: string): string | null {
  const bytes = encoder.encode(password);
  if (bytes.length === 0) return "Type the board's WebREPL password.";
  if (/[\r\n]/.test(password)) return "A WebREPL password cannot contain a line break.";
  if (bytes.length > MAX_PASSWORD_BYTES) {
    return `WebREPL passwords are 4 to 9 characters; this one is ${bytes.length} bytes, so the board would refuse it.`;
  }
  return null;
}

export class RequestError extends Error {
  override readonly name = "RequestError";
}

/** The 82-byte request; throws RequestError when the name cannot travel. */
export function encodeRequest(op: OpCode, size: number, name: Uint8Array = new Uint8Array(0)): Uint8Array {
  if (op !== Op.GetVersion) {
    const problem = nameProblem(name);
    if (problem) throw new RequestError(problem);
  }
  if (!Number.isInteger(size) || size < 0 || size > 0xffffffff) throw new RequestError(`size ${size} does not fit 32 bits`);
  const out = new Uint8Array(REQUEST_BYTES);
  const view = new DataView(out.buffer);
  out[0] = 0x57; // W
  out[1] = 0x41; // A
  out[2] = op;
  out[3] = 0;
  // Bytes 4..11: the offset, which the board ignores; zero.
  view.setUint32(12, size, true);
  view.setUint16(16, name.length, true);
  out.set(name, NAME_OFFSET);
  return out;
}

export interface Request {
  /** The signature as sent; a board does not check it. */
  signature: string;
  op: number;
  size: number;
  /** The name up to its first NUL, as the board reads it. */
  name: Uint8Array;
  /** The length field as sent (a board ignores it). */
  nameLength: number;
}

/** Parse a request as a board does (for the test double). */
export function decodeRequest(bytes: Uint8Array): Request {
  if (bytes.length !== REQUEST_BYTES) throw new RequestError(`a request is ${REQUEST_BYTES} bytes, not ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const field = bytes.subarray(NAME_OFFSET, NAME_OFFSET + NAME_FIELD);
  const nul = field.indexOf(0);
  return {
    signature: String.fromCharCode(bytes[0], bytes[1]),
    op: bytes[2],
    size: view.getUint32(12, true),
    nameLength: view.getUint16(16, true),
    name: field.slice(0, nul < 0 ? NAME_FIELD : nul),
  };
}

/** "WB" + u16 status (the board only ever sends 0). */
export function encodeResponse(status: number): Uint8Array {
  return Uint8Array.of(0x57, 0x42, status & 0xff, (status >> 8) & 0xff);
}

/** The status of a 4-byte response, or null when it is not one. */
export function decodeResponse(bytes: Uint8Array): number | null {
  if (bytes.length !== 4 || bytes[0] !== 0x57 || bytes[1] !== 0x42) return null;
  return bytes[2] | (bytes[3] << 8);
}

/** A get chunk: u16 little-endian length, then that many bytes (length 0 = end of file). */
export function encodeChunk(data: Uint8Array): Uint8Array {
  if (data.length > GET_CHUNK_MAX) throw new RequestError(`a chunk carries at most ${GET_CHUNK_MAX} bytes`);
  const out = new Uint8Array(2 + data.length);
  out[0] = data.length & 0xff;
  out[1] = data.length >> 8;
  out.set(data, 2);
  return out;
}

export type LoginEvent = { kind: "prompt" } | { kind: "accepted"; rest: string } | { kind: "denied" };

/**
 * Watches the board's text during login, whatever way it is split across frames: first the password prompt, then
 * either the "connected" text (with whatever follows it, for the terminal) or "Access denied".
 */
export class LoginWatch {
  private text = "";
  private prompted = false;
  private done = false;

  feed(chunk: string): LoginEvent[] {
    if (this.done) return [];
    this.text += chunk;
    const events: LoginEvent[] = [];
    if (!this.prompted) {
      const at = this.text.indexOf(PASSWORD_PROMPT);
      if (at < 0) return events;
      this.prompted = true;
      this.text = this.text.slice(at + PASSWORD_PROMPT.length);
      events.push({ kind: "prompt" });
    }
    const ok = this.text.indexOf(CONNECTED_TEXT);
    if (ok >= 0) {
      this.done = true;
      events.push({ kind: "accepted", rest: this.text.slice(ok + CONNECTED_TEXT.length) });
    } else if (this.text.includes(DENIED_TEXT)) {
      this.done = true;
      events.push({ kind: "denied" });
    }
    return events;
  }

  get sawPrompt(): boolean {
    return this.prompted;
  }
}
