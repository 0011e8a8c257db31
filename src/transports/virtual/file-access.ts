import { DeviceError } from "../../device/errors";
import { Ctl, FILE_DATA_MAX, FileOp, type BoardBuffers } from "./shared";

/**
 * The page's door to the files of a running virtual board, without going through its REPL: one file open at a time,
 * as a board's WebREPL has it (modwebrepl.c holds one `cur_file`). For Node-side doubles that must act on the same
 * filesystem the board's Python sees (the WebREPL double's put/get), not for the app.
 *
 * Requests are served while the board waits for input (at a prompt, or in a program reading stdin), which is where a
 * board serves WebREPL file messages too; a request made while a program computes waits for its next read.
 * Errors are the board's: an OSError-like message ("OSError: [Errno 44] ENOENT", Emscripten's numbering).
 */
export interface BoardFileAccess {
  /** Open `path` (absolute, or relative to the board's working folder) for reading, or for writing (truncating). */
  open(path: string, mode: "rb" | "wb"): Promise<void>;
  write(data: Uint8Array): Promise<void>;
  /** Up to `max` bytes; an empty array at the end of the file. */
  read(max: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

export class FileAccessError extends Error {
  override readonly name = "FileAccessError";
}

interface Pending {
  seq: number;
  resolve(data: Uint8Array): void;
  reject(e: unknown): void;
}

/** Page side: writes a request into the shared file block, wakes the worker, and waits for its "file" message. */
export class HostFileAccess implements BoardFileAccess {
  private seq = 0;
  private pending?: Pending;
  /** Requests run strictly one after another (the block holds one). */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly buf: BoardBuffers) {}

  open(path: string, mode: "rb" | "wb"): Promise<void> {
    return this.request(FileOp.Open, mode === "wb" ? 1 : 0, new TextEncoder().encode(path)).then(() => undefined);
  }

  async write(data: Uint8Array): Promise<void> {
    for (let at = 0; at < data.length; at += FILE_DATA_MAX) {
      await this.request(FileOp.Write, 0, data.subarray(at, at + FILE_DATA_MAX));
    }
  }

  read(max: number): Promise<Uint8Array> {
    return this.request(FileOp.Read, Math.min(max, FILE_DATA_MAX), new Uint8Array(0));
  }

  close(): Promise<void> {
    return this.request(FileOp.Close, 0, new Uint8Array(0)).then(() => undefined);
  }

  /** The host routes the worker's "file" messages here. */
  answer(seq: number, error: string | undefined, data: Uint8Array | undefined): void {
    const p = this.pending;
    if (!p || p.seq !== seq) return;
    this.pending = undefined;
    if (error !== undefined) p.reject(new FileAccessError(error));
    else p.resolve(data ?? new Uint8Array(0));
  }

  /** The worker went away (restart, close): a request it had not answered never will be. */
  abandon(why: string): void {
    const p = this.pending;
    this.pending = undefined;
    p?.reject(new DeviceError("Disconnected", why));
  }

  private request(op: number, arg: number, bytes: Uint8Array): Promise<Uint8Array> {
    const run = this.chain.then(
      () =>
        new Promise<Uint8Array>((resolve, reject) => {
          const { ctl, fileHead, fileData } = this.buf;
          fileData.set(bytes, 0);
          fileHead[0] = op;
          fileHead[1] = arg;
          fileHead[2] = bytes.length;
          const seq = (this.seq = (this.seq + 1) | 0);
          this.pending = { seq, resolve, reject };
          Atomics.store(ctl, Ctl.FileSeq, seq);
          // The worker waits for input on InWrite; a notify there makes it look at the file block.
          Atomics.notify(ctl, Ctl.InWrite);
        }),
    );
    this.chain = run.catch(() => undefined);
    return run;
  }
}
