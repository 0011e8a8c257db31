import { DeviceError } from "../errors";
import { displayName, isWithin, normalize, toBytes } from "../paths";
import { pyBytes } from "../pyLiteral";
import type { RawSession } from "../session";
import { PY_OUT } from "./reply";
import type { FsCaps } from "./types";

/** Shared by the fs operations: path resolution, the guards every change passes, and the typed errors. */

export const FLAT_WHY = "this board has a flat filesystem with no folders (as MicroPython 1.9.2 on the micro:bit)";

export function unsupported(what: string, why = FLAT_WHY): DeviceError {
  return new DeviceError("Unsupported", `${what} is not supported on this board: ${why}`);
}

/** A missing file or folder, decided from the parent's listing (never from errno numbers, which differ by port). */
export function notFound(path: string, what = "file or folder"): DeviceError {
  return new DeviceError("NotFound", `There is no ${what} "${displayName(path)}" on the board`);
}

/**
 * The absolute, normalized form of a user's path (relative paths start at the board's cwd). `existing` for a path
 * that names something already on the board; new names (mkdir, a rename's destination) get every check.
 */
export function resolve(caps: FsCaps, path: string, existing = false): string {
  return normalize(path, caps.cwd, { existing });
}

/** Paths the user never sees or changes through Mote (the virtual board's /dev, /proc, /tmp). */
export function hidden(session: RawSession): string[] {
  return (session.hiddenPaths ?? []).map((p) => normalize(p));
}

export const isHidden = (path: string, hiddenPaths: readonly string[]) => hiddenPaths.some((h) => h !== "/" && isWithin(path, h));

/**
 * Refuses changing "/", the folder the board runs from or any folder above it (that would delete or move the user's
 * whole storage), and paths that are not the user's storage.
 */
export function guardChange(session: RawSession, caps: FsCaps, path: string, verb: string): void {
  if (path === "/") throw new DeviceError("Unsupported", `Mote will not ${verb} the board's root folder "/"`);
  if (isWithin(caps.cwd, path)) {
    throw new DeviceError("Unsupported", `Mote will not ${verb} "${displayName(path)}": the board runs from it (its working folder is "${displayName(caps.cwd)}")`);
  }
  if (isHidden(path, hidden(session))) {
    throw new DeviceError("Unsupported", `Mote will not ${verb} "${displayName(path)}": it is a system folder, not the board's storage`);
  }
}

/** On a flat filesystem a file's board name is the whole path after the leading "/". */
export function flatName(path: string): string {
  return path.slice(1);
}

/** A bytes literal of a flat name. */
export const pyName = (name: string): string => pyBytes(toBytes(name));

/**
 * V(b, n, s) gives back the bytes literal b once its length and byte sum match what the host sent, and raises
 * SyntaxError otherwise. A changing helper names each path through V before it touches anything: on micro:bit a UART
 * byte dropped inside a literal would otherwise delete or rename another name. A SyntaxError means nothing changed,
 * so the Device sends the helper again (device.ts execInRaw).
 */
export const PY_CHECKED = `def V(b,n,s):
 if len(b)!=n or sum(b)!=s:raise SyntaxError('damaged')
 return b
`;

/** A path's bytes literal wrapped in PY_CHECKED's V(), with the length and sum the board checks. */
export function checkedPath(path: string): string {
  const bytes = toBytes(path);
  return `V(${pyBytes(bytes)},${bytes.length},${bytes.reduce((n, b) => n + b, 0)})`;
}

/**
 * Python (1.9.2-safe) for modern ports: B(x) gives a listed name as bytes (the WASM port lists "/" as str),
 * L(p) lists as (name, type, ...) tuples even without os.ilistdir, K(q) is 0 missing / 1 file / 2 folder.
 */
export const PY_FS = `import os
${PY_OUT}def B(x):return x if type(x) is bytes else bytes(x,'utf-8')
L=os.ilistdir if hasattr(os,'ilistdir') else lambda p:[(x,0) for x in os.listdir(p)]
def K(q):
 try:return 2 if os.stat(q)[0]&0x4000 else 1
 except OSError:return 0
def J(p,n):return (p if p!=b'/' else b'')+b'/'+B(n)
`;

/**
 * A helper's source run inside a function, so the names it makes (O, E, H, loop variables, file objects) are locals
 * that go when it returns: left as globals they stayed live on micro:bit's ~10 KB heap and split its free space until
 * a later ~800-byte helper failed with MemoryError (measured over a long CLI session under QEMU).
 */
export function scoped(source: string): string {
  const body = source.replace(/\n+$/, "").split("\n").map((line) => ` ${line}`).join("\n");
  return `def _h():\n${body}\ntry:_h()\nfinally:del _h`;
}
