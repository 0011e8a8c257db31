import { toHex } from "../bytes";
import { DeviceError } from "../errors";
import type { FsCaps, TransferOptions, TransferProgress } from "../fs/types";
import { pyStr } from "../pyLiteral";
import { pyPath as pyBytesPath, toBytes } from "../paths";

/** Every temporary the engine leaves on a board starts with this, so cleanup can find them all. */
export const TEMP_PREFIX = ".mote-";

/** The resident upload receiver of flat boards (uartUpload.ts): kept between uploads, so not a `.mote-` temp. */
export const RECEIVER_PREFIX = "_mote_rx_";

/**
 * A board path as a Python literal. Modern ports take bytes paths (any name, even non-UTF-8); micro:bit 1.9.2's flat
 * filesystem takes a plain str name without a leading slash.
 */
export function pyPath(caps: FsCaps, path: string): string {
  if (caps.dirs) return pyBytesPath(path);
  return pyStr(flatName(path));
}

export function flatName(path: string): string {
  const name = path.replace(/^\/+/, "");
  if (!name || name.includes("/")) {
    throw new DeviceError("Unsupported", `"${path}" is in a folder, and this board's filesystem has no folders`);
  }
  return name;
}

/** The folder of an absolute path, without a trailing slash except for the root. */
export function dirOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}

export function baseOf(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

export function nameBytes(path: string): Uint8Array {
  return toBytes(baseOf(path));
}

/** Temporaries of one transfer: `<dir>/.mote-<id>.<kind>`, beside the target so a rename stays on one filesystem. */
export function tempPaths(path: string) {
  const id = toHex(globalThis.crypto.getRandomValues(new Uint8Array(4)));
  const dir = dirOf(path);
  const at = (kind: string) => `${dir === "/" ? "" : dir}/${TEMP_PREFIX}${id}.${kind}`;
  return { id, tmp: at("tmp"), zip: at("z"), old: at("old"), journal: at("j"), journalTmp: at("jt"), created: at("n") };
}

export function cancelled(): DeviceError {
  return new DeviceError("Interrupted", "The transfer was cancelled; the board's file is unchanged");
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw cancelled();
}

/** Progress events: at most one per ~100 ms while moving data, always one at each phase change and at the end. */
export class Progress {
  private readonly t0 = Date.now();
  private last = 0;
  private phase?: TransferProgress["phase"];

  constructor(
    private readonly total: number,
    private readonly options: TransferOptions = {},
  ) {}

  report(phase: TransferProgress["phase"], done: number, force = false): void {
    const cb = this.options.onProgress;
    if (!cb) return;
    const now = Date.now();
    if (!force && phase === this.phase && now - this.last < 100 && done < this.total) return;
    this.phase = phase;
    this.last = now;
    const secs = Math.max(now - this.t0, 1) / 1000;
    const bytesPerSecond = done / secs;
    const etaMs = bytesPerSecond > 0 ? ((this.total - done) / bytesPerSecond) * 1000 : undefined;
    cb({ done, total: this.total, bytesPerSecond, etaMs, phase });
  }
}
