import { NET_BYTES, viewSlots, type NetMessage, type NetSlot } from "./net/layout";

/**
 * What the page side (host.ts) and the worker side (runtime.ts) of the virtual board share: the layout of the
 * SharedArrayBuffer that carries bytes both ways, the messages they post, and the filesystem snapshot format.
 *
 * Bytes travel through SharedArrayBuffer rings rather than postMessage because the worker spends its life blocked in
 * Atomics.wait (MicroPython's stdin pull callback must block), so it never runs an event loop to receive messages,
 * and because the page must still be able to read the output of a worker that is stuck in `while True: pass`.
 */

/** One file or directory of the board's filesystem, as persisted and restored. */
export interface FsEntry {
  /** Absolute path inside the board, e.g. "/lib/foo.py". */
  path: string;
  kind: "file" | "dir";
  /** File contents; absent for directories. */
  data?: Uint8Array;
}

/**
 * A change as the worker reports it: a whole entry, or (with `appendAt`) only the bytes a file gained past that offset,
 * so a file written in many small commands is not re-sent whole after each one.
 */
export interface FsChange extends FsEntry {
  appendAt?: number;
}

export type ReplMode = "friendly" | "raw";

/** Indices into the Int32 control block at the start of the buffer. */
export const Ctl = {
  /** Page -> worker ring: total bytes written / read (wrapping int32 counters). */
  InWrite: 0,
  InRead: 1,
  /** Worker -> page ring. */
  OutWrite: 2,
  OutRead: 3,
  /**
   * Set by the page when a Ctrl-C byte arrives, or when a socket has news (net/hostNet.ts); the worker checks it
   * whenever Python calls into JS, and sleeps and socket waits wait on it.
   */
  Irq: 4,
  /** 1 while a "please drain the output ring" message is in flight, so the worker posts at most one at a time. */
  OutKick: 5,
  /** 1 when the page waits for room in the input ring; the worker posts "space" once it has read. */
  InSpaceWanted: 6,
  /** The worker's REPL mode (0 friendly, 1 raw) and phase, read by the page when it must kill the worker. */
  Mode: 7,
  Phase: 8,
  /** Bumped by the page to ask an idle worker for a filesystem snapshot now (before close or a restart). */
  SyncRequest: 9,
  /** 1 while a "hardware state changed" message is in flight (pins the worker drives), like OutKick. */
  HwKick: 10,
  /** Bumped by the page whenever it changes an input (button, knob); the worker compares it to its last look. */
  HwSeq: 11,
  /** Bumped by the page when it has put a request in the file block (file-access.ts); answered by a "file" message. */
  FileSeq: 12,
} as const;

/** What the worker is doing, as far as a hard stop must know to emulate the board's answer. */
export const Phase = {
  Starting: 0,
  /** Waiting for bytes at a prompt (or inside raw-paste collection). */
  Idle: 1,
  /** Running code; in raw REPL, before the end-of-stdout 0x04. */
  Exec: 2,
  /** Raw REPL exec after the end-of-stdout 0x04 (the traceback is being written). */
  ExecStderr: 3,
} as const;

const CONTROL_BYTES = 64;
export const IN_CAPACITY = 1 << 18;
export const OUT_CAPACITY = 1 << 18;
/** The hardware block (see hardware-layout.ts), after the two rings. */
export const HW_BYTES = 4096;
/** The file block, after the hardware block: three int32 (op, argument, length), then up to FILE_DATA_MAX bytes. */
export const FILE_HEAD_BYTES = 16;
export const FILE_DATA_MAX = 16384;
const FILE_BYTES = FILE_HEAD_BYTES + FILE_DATA_MAX;
/** File requests: open (argument 0 = read, 1 = write; bytes = UTF-8 path), write (bytes), read (argument = max), close. */
export const FileOp = { Open: 1, Write: 2, Read: 3, Close: 4 } as const;

export interface BoardBuffers {
  sab: SharedArrayBuffer;
  ctl: Int32Array;
  inData: Uint8Array;
  outData: Uint8Array;
  /** Pin state the worker drives and inputs the page sets; layout in hardware-layout.ts. */
  hw: Int32Array;
  /** One file request at a time from the page (file-access.ts): head = [op, argument, length], then its bytes. */
  fileHead: Int32Array;
  fileData: Uint8Array;
  /** Socket slots (net/layout.ts), after the file block. */
  net: NetSlot[];
}

export function createBuffers(): BoardBuffers {
  return viewBuffers(new SharedArrayBuffer(CONTROL_BYTES + IN_CAPACITY + OUT_CAPACITY + HW_BYTES + FILE_BYTES + NET_BYTES));
}

export function viewBuffers(sab: SharedArrayBuffer): BoardBuffers {
  return {
    sab,
    ctl: new Int32Array(sab, 0, CONTROL_BYTES / 4),
    inData: new Uint8Array(sab, CONTROL_BYTES, IN_CAPACITY),
    outData: new Uint8Array(sab, CONTROL_BYTES + IN_CAPACITY, OUT_CAPACITY),
    hw: new Int32Array(sab, CONTROL_BYTES + IN_CAPACITY + OUT_CAPACITY, HW_BYTES / 4),
    fileHead: new Int32Array(sab, CONTROL_BYTES + IN_CAPACITY + OUT_CAPACITY + HW_BYTES, FILE_HEAD_BYTES / 4),
    fileData: new Uint8Array(sab, CONTROL_BYTES + IN_CAPACITY + OUT_CAPACITY + HW_BYTES + FILE_HEAD_BYTES, FILE_DATA_MAX),
    net: viewSlots(sab, CONTROL_BYTES + IN_CAPACITY + OUT_CAPACITY + HW_BYTES + FILE_BYTES),
  };
}

/** Bytes waiting between a write counter and a read counter; counters wrap, so subtract in int32. */
export function used(ctl: Int32Array, writeIdx: number, readIdx: number): number {
  return (Atomics.load(ctl, writeIdx) - Atomics.load(ctl, readIdx)) | 0;
}

/** Copy as much of `src` as fits into the ring; returns how many bytes went in. Single producer only. */
export function ringPut(
  ctl: Int32Array,
  data: Uint8Array,
  writeIdx: number,
  readIdx: number,
  src: Uint8Array,
): number {
  const cap = data.length;
  const w = Atomics.load(ctl, writeIdx);
  const free = cap - ((w - Atomics.load(ctl, readIdx)) | 0);
  const n = Math.min(free, src.length);
  for (let i = 0; i < n; i++) data[(w + i) & (cap - 1)] = src[i];
  if (n > 0) {
    Atomics.store(ctl, writeIdx, (w + n) | 0);
    Atomics.notify(ctl, writeIdx);
  }
  return n;
}

/** Take up to `max` bytes out of the ring. Single consumer only. */
export function ringTake(
  ctl: Int32Array,
  data: Uint8Array,
  writeIdx: number,
  readIdx: number,
  max = Infinity,
): Uint8Array {
  const cap = data.length;
  const r = Atomics.load(ctl, readIdx);
  const n = Math.min(max, (Atomics.load(ctl, writeIdx) - r) | 0);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = data[(r + i) & (cap - 1)];
  if (n > 0) {
    Atomics.store(ctl, readIdx, (r + n) | 0);
    Atomics.notify(ctl, readIdx);
  }
  return out;
}

/** Page -> worker, once, right after the worker is created. */
export interface InitMessage {
  type: "init";
  sab: SharedArrayBuffer;
  files: FsEntry[];
  mode: ReplMode;
  /** Print the banner (first start) or stay silent (restart after a kill: the page already printed the answer). */
  quiet: boolean;
  /** After machine.soft_reset(): greet as Ctrl-D does (the page has printed "MPY: soft reboot" already). */
  soft?: boolean;
  /** What machine.reset_cause() answers in this interpreter (hardware-layout.ts ResetCause). */
  resetCause: number;
  heapBytes: number;
  rawPasteWindow: number;
}

/** Page -> worker: "preload" (optional, first) then "init". */
export type HostMessage = InitMessage | { type: "preload"; heapBytes: number };

/** Worker -> page. */
export type WorkerMessage =
  | { type: "out" } // the output ring has bytes
  | { type: "space" } // the input ring has room again
  | { type: "ready" } // at a prompt, reading input
  | { type: "fs"; changed: FsChange[]; removed: string[] }
  | { type: "synced"; seq: number } // answer to SyncRequest, posted after the matching "fs"
  | { type: "hw" } // pin state in the hardware block changed
  | { type: "file"; seq: number; error?: string; data?: Uint8Array } // answer to the file request numbered seq
  | { type: "reset"; soft: boolean } // machine.reset() / soft_reset(): files were posted first; restart me
  | NetMessage // a socket's connect / send / close (net/layout.ts)
  | { type: "fatal"; message: string };

/** The two lines a board prints after KeyboardInterrupt when we cannot know the line number. */
export const KBD_INTERRUPT_TRACEBACK = "Traceback (most recent call last):\r\nKeyboardInterrupt: \r\n";
export const RAW_BANNER = "raw REPL; CTRL-B to exit\r\n>";

/** What a board prints when KeyboardInterrupt ends code running in this mode and phase. */
export function interruptAnswer(mode: ReplMode, phase: number): string {
  if (phase === Phase.Exec) {
    return mode === "raw" ? `\x04${KBD_INTERRUPT_TRACEBACK}\x04>` : `${KBD_INTERRUPT_TRACEBACK}>>> `;
  }
  if (phase === Phase.ExecStderr) return `${KBD_INTERRUPT_TRACEBACK}\x04>`;
  return "";
}
