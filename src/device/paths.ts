import { DeviceError } from "./errors";
import { pyBytes } from "./pyLiteral";

/**
 * Absolute board paths as JS strings. A board's names are bytes; names that are not UTF-8 are carried losslessly with
 * Python's surrogateescape convention (undecodable byte 0xNN <-> lone surrogate U+DCNN), so every name the board
 * reports can be shown, renamed and deleted. Paths only ever cross to the board as bytes literals (pyPath).
 */

/** Longest name (one path component) in UTF-8 bytes: the limit of LittleFS, FAT long names and most POSIX systems. */
export const MAX_NAME_BYTES = 255;

/**
 * `path` made absolute against `cwd` ("/flash"), with `.` and empty components dropped and `..` applied. A `..` that
 * would climb above `/` is refused rather than clamped: silently turning "../x" into "/x" would write somewhere the
 * user did not choose. It is refused as Unsupported (the request names a place that cannot exist), not
 * ProtocolError, which means the board broke the protocol.
 */
export function normalize(path: string, cwd = "/", options: { existing?: boolean } = {}): string {
  const full = path.startsWith("/") ? path : `${cwd.startsWith("/") ? cwd : `/${cwd}`}/${path}`;
  const out: string[] = [];
  for (const part of full.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (!out.length) {
        throw new DeviceError("Unsupported", `The path "${displayName(path)}" climbs above the board's root folder "/"`);
      }
      out.pop();
      continue;
    }
    checkName(part, options.existing);
    out.push(part);
  }
  return `/${out.join("/")}`;
}

/**
 * Refuses a name the board cannot hold or that would mean something else once joined into a path. With `existing`
 * (a name the board already reported, e.g. a 256-byte name on a port without the limit) only the length is let
 * through, so such a file can still be listed, renamed and deleted.
 */
export function checkName(name: string, existing = false): void {
  if (name.includes("\0")) throw new DeviceError("Unsupported", `The name "${displayName(name)}" contains a NUL byte`);
  if (name.includes("/")) throw new DeviceError("Unsupported", `The name "${displayName(name)}" contains "/"`);
  const n = toBytes(name).length;
  if (n > MAX_NAME_BYTES && !existing) {
    throw new DeviceError(
      "Unsupported",
      `The name "${displayName(name.slice(0, 40))}..." is ${n} bytes long in UTF-8; boards allow at most ${MAX_NAME_BYTES}`,
    );
  }
}

/** `base` joined with relative `parts`, normalized; an absolute part starts over, as in os.path.join. */
export function join(base: string, ...parts: string[]): string {
  let p = base;
  for (const part of parts) p = part.startsWith("/") ? part : `${p}/${part}`;
  return normalize(p, "/");
}

/** The folder holding `path` ("/" for "/" itself). */
export function parent(path: string): string {
  const p = normalize(path);
  const i = p.lastIndexOf("/");
  return i <= 0 ? "/" : p.slice(0, i);
}

/** The last component ("" for "/"). */
export function basename(path: string): string {
  const p = normalize(path);
  return p.slice(p.lastIndexOf("/") + 1);
}

/** True when `path` is `dir` or lies below it (both absolute and normalized). */
export function isWithin(path: string, dir: string): boolean {
  return dir === "/" || path === dir || path.startsWith(`${dir}/`);
}

/** The board's bytes for a surrogate-escaped string. A lone surrogate that is not an escape cannot be a name. */
export function toBytes(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && isLow(s.charCodeAt(i + 1))) {
      const cp = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
      out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    } else if (c >= 0xdc80 && c <= 0xdcff) out.push(c - 0xdc00);
    else if (c >= 0xd800 && c <= 0xdfff) {
      throw new DeviceError("Unsupported", `The name "${displayName(s)}" contains a lone surrogate U+${c.toString(16).toUpperCase()}`);
    } else out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return Uint8Array.from(out);
}

const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
const isCont = (b: number | undefined) => b !== undefined && (b & 0xc0) === 0x80;

/**
 * Bytes to a string as Python's `bytes.decode('utf-8', 'surrogateescape')` does: strict UTF-8 (no overlongs, no
 * encoded surrogates, nothing above U+10FFFF), every byte outside a valid sequence becomes U+DC00 + byte.
 */
export function fromBytes(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; ) {
    const x = b[i];
    const len = seqLength(b, i);
    if (len === 0) {
      s += String.fromCharCode(0xdc00 + x);
      i++;
      continue;
    }
    let cp = len === 1 ? x : x & (0xff >> (len + 1));
    for (let k = 1; k < len; k++) cp = (cp << 6) | (b[i + k] & 0x3f);
    s += String.fromCodePoint(cp);
    i += len;
  }
  return s;
}

/** Length of the valid UTF-8 sequence at `i`, or 0 when the byte there starts none. */
function seqLength(b: Uint8Array, i: number): number {
  const x = b[i];
  if (x < 0x80) return 1;
  if (x >= 0xc2 && x <= 0xdf) return isCont(b[i + 1]) ? 2 : 0;
  if (x >= 0xe0 && x <= 0xef) {
    const y = b[i + 1];
    if (!isCont(y) || !isCont(b[i + 2])) return 0;
    if (x === 0xe0 && y < 0xa0) return 0; // overlong
    if (x === 0xed && y >= 0xa0) return 0; // an encoded surrogate
    return 3;
  }
  if (x >= 0xf0 && x <= 0xf4) {
    const y = b[i + 1];
    if (!isCont(y) || !isCont(b[i + 2]) || !isCont(b[i + 3])) return 0;
    if (x === 0xf0 && y < 0x90) return 0; // overlong
    if (x === 0xf4 && y >= 0x90) return 0; // above U+10FFFF
    return 4;
  }
  return 0;
}

const NAMED: Record<number, string> = { 0x09: "\\t", 0x0a: "\\n", 0x0d: "\\r", 0x5c: "\\\\" };

/**
 * A name as a person should see it: undecodable bytes as `\xNN`, control characters as `\n`, `\t`, `\xNN`, and
 * characters that reorder or hide text (bidi controls, zero-width) as `\uNNNN`, so a name can never pretend to be
 * another. A real backslash is doubled so that two different names never display the same.
 */
export function displayName(name: string): string {
  let out = "";
  for (const ch of name) {
    const c = ch.codePointAt(0) ?? 0;
    if (NAMED[c]) out += NAMED[c];
    else if (c >= 0xdc80 && c <= 0xdcff) out += `\\x${(c - 0xdc00).toString(16)}`;
    else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else if (invisible(c)) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return out;
}

function invisible(c: number): boolean {
  return (
    (c >= 0xd800 && c <= 0xdfff) || // a lone surrogate that is not an escape
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0xfeff
  );
}

/** The path as a Python bytes literal: what every fs helper passes to open/os.* on the board. */
export function pyPath(path: string): string {
  return pyBytes(toBytes(path));
}
