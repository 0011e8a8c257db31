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
  /**
   * The terminal carries only UTF-8 text (WebREPL: WebSocket text frames, which a browser refuses unless they are
   * valid UTF-8). Raw bytes >= 0x80 cannot cross it either way, so the core never asks for raw-paste (its window
   * reply is a binary u16, 0x80 0x00 on most boards) and the transfer engine never streams raw binary through
   * stdin/stdout: it uses `files` when there is one, text-safe literals otherwise.
   */
  textOnly?: boolean;
  /** A binary-safe way to move whole files beside the terminal (WebREPL's put/get); see LinkFileChannel. */
  files?: LinkFileChannel;
}

export interface ChannelOptions {
  /** Payload bytes moved so far. */
  onProgress?: (done: number) => void;
  /** Stops sending as soon as the channel's protocol allows; the promise then rejects with Interrupted. */
  signal?: AbortSignal;
}

/**
 * Files moved beside the terminal, binary-safe, while the board sits at a REPL prompt (WebREPL serves them inside
 * its terminal read). Names are board paths as UTF-8 bytes. The channel does no verification: the transfer engine
 * checks what arrived with sha256 through the raw REPL, and commits atomically as on any link.
 */
export interface LinkFileChannel {
  /** Longest name in bytes the channel can carry. */
  readonly maxNameBytes: number;
  /** Why `name` cannot travel (too long, NUL, not UTF-8), or null when it can. */
  nameProblem(name: Uint8Array): string | null;
  /** Create or replace `name` with `data`. The board must be able to open it for writing. */
  put(name: Uint8Array, data: Uint8Array, options?: ChannelOptions): Promise<void>;
  /** The whole content of `name`, which must exist. */
  get(name: Uint8Array, options?: ChannelOptions): Promise<Uint8Array>;
}
