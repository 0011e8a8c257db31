/**
 * The network block of the virtual board's SharedArrayBuffer (BoardBuffers.net), shared by the worker's `socket`
 * module (workerNet.ts) and the page's WebSockets (hostNet.ts), plus the messages the worker posts about sockets.
 *
 * The worker never receives postMessage while Python runs, so everything the page learns for a socket (connected,
 * bytes received, closed, failed and why, how much of what the board sent has gone out) is written here; the worker
 * posts its own requests (connect, send, close) as messages, which it can do at any time.
 *
 * Per slot: a header of Int32 words, a reason text (why a connection failed, UTF-8), and a 64 KiB receive ring.
 */

export const SLOTS = 8;
export const HEADER_BYTES = 256;
export const RX_CAP = 1 << 16;
const SLOT_BYTES = HEADER_BYTES + RX_CAP;
export const NET_BYTES = SLOTS * SLOT_BYTES;
/** What the board may have sent and the page not yet handed to its WebSocket (a board's TCP send buffer). */
export const TX_WINDOW = 1 << 16;

const REASON_OFFSET = 32;
export const REASON_MAX = HEADER_BYTES - REASON_OFFSET;

/** Header words. */
export const W = {
  /** (generation << 8) | SlotState: the generation tells a new connection in a reused slot from the last one. */
  State: 0,
  /** The board errno (Linux/lwIP numbering, as the port's `errno` module) once Failed; 0 otherwise. */
  Errno: 1,
  /** Receive ring counters: the page writes, the worker reads. */
  RxWrite: 2,
  RxRead: 3,
  /** Bytes the board sent (worker) and bytes the page has passed on (page). */
  TxSent: 4,
  TxAcked: 5,
  /** 1 when the page holds received bytes the ring had no room for; the worker posts "drained" after reading. */
  RxWanted: 6,
  ReasonLen: 7,
} as const;

export const SlotState = {
  Free: 0,
  /** socket() made, not connected. */
  Allocated: 1,
  Connecting: 2,
  Open: 3,
  /** The peer closed after its last byte; what is in the ring can still be read. */
  Eof: 4,
  Failed: 5,
} as const;

export interface NetSlot {
  header: Int32Array;
  reason: Uint8Array;
  rx: Uint8Array;
}

export function viewSlots(sab: SharedArrayBuffer, byteOffset: number): NetSlot[] {
  return Array.from({ length: SLOTS }, (_, i) => {
    const base = byteOffset + i * SLOT_BYTES;
    return {
      header: new Int32Array(sab, base, HEADER_BYTES / 4),
      reason: new Uint8Array(sab, base + REASON_OFFSET, REASON_MAX),
      rx: new Uint8Array(sab, base + HEADER_BYTES, RX_CAP),
    };
  });
}

export const stateOf = (word: number): number => word & 0xff;
export const genOf = (word: number): number => word >>> 8;
export const stateWord = (gen: number, state: number): number => ((gen & 0xffffff) << 8) | state;

/** Worker -> page, about sockets. `gen` is the slot's generation at the time (see W.State). */
export type NetMessage =
  | { type: "net"; op: "connect"; slot: number; gen: number; host: string; port: number }
  | { type: "net"; op: "send"; slot: number; gen: number; data: Uint8Array }
  | { type: "net"; op: "close"; slot: number; gen: number }
  | { type: "net"; op: "drained"; slot: number; gen: number }
  /** A fresh interpreter: every socket of the last one is gone. */
  | { type: "net"; op: "reset" };

/** Board errno values (MicroPython's own numbering, as its `errno` module on this port and on boards). */
export const Errno = {
  EIO: 5,
  EINVAL: 22,
  ECONNABORTED: 103,
  ECONNRESET: 104,
  ENOBUFS: 105,
  ENOTCONN: 107,
  ETIMEDOUT: 110,
  ECONNREFUSED: 111,
  EHOSTUNREACH: 113,
  EINPROGRESS: 115,
} as const;
