import type { DeviceError } from "./errors";

/**
 * A raw, ordered, bidirectional byte link to a board: Web Serial, the virtual board's worker, a TCP socket to QEMU,
 * a scripted fault stream. Everything the device core knows about a board passes through this interface, so the same
 * protocol code runs in Node and in the browser.
 */
export interface ByteTransport {
  /** Short human label, e.g. "Virtual board" or "USB serial (2e8a:0005)". */
  readonly label: string;
  /**
   * Hand bytes to the link. Resolves once the link has accepted them (not when the board has read them).
   * Rejects with DeviceError("Disconnected") when the link is gone.
   */
  write(data: Uint8Array): Promise<void>;
  /** Subscribe to bytes from the board, in arrival order. Returns an unsubscribe function. */
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /**
   * Subscribe to the link ending. `error` is set when it ended on its own (cable pulled, worker died, socket reset);
   * undefined when close() was called. Fires at most once.
   */
  onClose(listener: (error?: DeviceError) => void): () => void;
  /** Close the link and release the port. Safe to call more than once. */
  close(): Promise<void>;
  /** What this link needs from the protocol layer; see LinkTraits. */
  readonly traits?: LinkTraits;
}

export interface LinkTraits {
  /**
   * Boards with a tiny UART buffer drop bytes sent too fast (micro:bit 1.9.2: ~32 B per 2 ms is safe).
   * When set, the core writes long inputs in chunks of `chunkBytes` with `delayMs` between them unless raw-paste
   * flow control is in use.
   */
  pacing?: { chunkBytes: number; delayMs: number };
  /**
   * How many bytes the board can hold from the host while its program is busy (its UART or USB receive buffer).
   * The transfer engine keeps at most this much unacknowledged; unknown links get a small, safe default.
   */
  rxBuffer?: number;
  /**
   * Absolute paths on the board that are not the user's storage (the virtual board's /dev, /proc, /tmp, which do not
   * persist): the file tree leaves them out.
   */
  hiddenPaths?: string[];
  /** The board's os.statvfs reports invented numbers (Emscripten's in-memory filesystem): show no usage bar. */
  inventedStatvfs?: boolean;
  /**
   * A link that can stop its board by force when Ctrl-C is not enough (the virtual board restarts its worker,
   * keeping the filesystem). The core calls it as the last step of interrupt escalation.
   */
  hardStop?: () => Promise<void>;
}
