import type { BoardInfo, ExecOptions } from "./api";
import type { LinkFileChannel } from "./transport";

/**
 * The board held in the raw REPL for a sequence of helper execs (a file listing, a transfer, a sync). Everything in
 * src/device/fs and src/device/transfer is written against this interface, so the same code runs over Web Serial,
 * the virtual board, QEMU and scripted fault streams. Obtain one with Device.session(); it is valid only inside the
 * callback.
 */
export interface RawSession {
  /** Run helper code; resolves with its stdout. A traceback becomes DeviceError RemoteError (DeviceFull for ENOSPC). */
  exec(source: string, options?: ExecOptions): Promise<Uint8Array>;
  /**
   * Run code that talks to the host while it runs (a binary receiver or sender): the code is sent, then `body` gets
   * the link until it returns; after that the rest of the program's stdout is discarded and its stderr, if any,
   * becomes a RemoteError. When `body` throws, `abortBytes` (if given) are written so the board-side code can give
   * up cleanly, then the error propagates and the Device recovers to a prompt.
   */
  stream<T>(source: string, body: (io: StreamIo) => Promise<T>, options?: StreamOptions): Promise<T>;
  /**
   * Soft-reset the board from the raw REPL and come back to the raw prompt: a fresh heap (the user's REPL variables are
   * gone; boot.py/main.py do not run in raw mode). For a helper that no longer fits a fragmented heap.
   */
  restart?(): Promise<void>;
  /** Set when the link drops bytes sent too fast (micro:bit): write in chunks of chunkBytes with delayMs between. */
  readonly pacing?: { chunkBytes: number; delayMs: number };
  /** Bytes the board can buffer while busy (LinkTraits.rxBuffer); undefined when unknown. */
  readonly rxBuffer?: number;
  /** LinkTraits.hiddenPaths: board paths that are not the user's storage. */
  readonly hiddenPaths?: string[];
  /** LinkTraits.inventedStatvfs: usage() answers null rather than made-up numbers. */
  readonly inventedStatvfs?: boolean;
  /** LinkTraits.textOnly: nothing but UTF-8 text may cross stdin/stdout. */
  readonly textOnly?: boolean;
  /** LinkTraits.files: a binary-safe file channel beside the terminal (WebREPL). */
  readonly files?: LinkFileChannel;
  readonly info: BoardInfo;
  /** Idle timeout for protocol replies, in ms. */
  readonly replyMs: number;
}

export interface StreamOptions {
  /** Written to the board when `body` fails, before recovery (e.g. the receiver's abort frame). */
  abortBytes?: Uint8Array;
  /** Idle timeout while waiting for the program's end after `body` returns; default 3 × replyMs. */
  endIdleMs?: number;
}

/** The link while board-side code runs: bytes written go to its sys.stdin, bytes read are its stdout. */
export interface StreamIo {
  /** Write to the program's stdin, paced if the link needs it. */
  write(data: Uint8Array): Promise<void>;
  /** Exactly `n` bytes of the program's stdout; Timeout after `idleMs` (default replyMs) without a byte. */
  read(n: number, what: string, idleMs?: number): Promise<Uint8Array>;
  /** Stdout up to and including `marker`, returned without it. */
  readUntil(marker: Uint8Array, what: string, idleMs?: number, onData?: (chunk: Uint8Array) => void): Promise<Uint8Array>;
  /** How many stdout bytes are already buffered (readable without waiting). */
  readonly buffered: number;
  /**
   * Call when the stdout end marker (0x04) showed up where protocol data was expected: reads the program's stderr
   * and throws it as a typed error (RemoteError / DeviceFull), or ProtocolError when there was none. Never returns.
   */
  ended(): Promise<never>;
}
