import type { EmscriptenFS, EmscriptenStream } from "@micropython/micropython-webassembly-pyscript";
import { FileOp, type BoardBuffers, type WorkerMessage } from "./shared";

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Worker side of the page's file requests (file-access.ts): open / write / read / close one file of the board's MEMFS,
 * straight through Emscripten's FS, never through Python. They are served while the board waits for input, which is
 * where a real board serves WebREPL's file messages too (inside its terminal read). Python's own view of the files is
 * the same MEMFS, so a file put here is what `open()` reads next.
 */
export class WorkerFiles {
  private current: EmscriptenStream | null = null;
  private writing = false;

  constructor(
    private readonly buf: BoardBuffers,
    private readonly fs: () => EmscriptenFS,
    /** A written file was closed: the page should hear of it (snapshot), as after any command. */
    private readonly onWritten: () => void,
  ) {}

  /** Serve the request numbered `seq` that the page left in the file block; returns the answer to post. */
  serve(seq: number): WorkerMessage {
    const [op, arg, length] = this.buf.fileHead;
    const bytes = this.buf.fileData.slice(0, length);
    try {
      return { type: "file", seq, ...this.run(op, arg, bytes) };
    } catch (e) {
      return { type: "file", seq, error: describe(e) };
    }
  }

  private run(op: number, arg: number, bytes: Uint8Array): { data?: Uint8Array } {
    const fs = this.fs();
    switch (op) {
      case FileOp.Open: {
        this.closeCurrent();
        const path = decoder.decode(bytes);
        this.current = fs.open(path.startsWith("/") ? path : `${fs.cwd().replace(/\/$/, "")}/${path}`, arg ? "w" : "r");
        this.writing = arg === 1;
        return {};
      }
      case FileOp.Write: {
        const f = this.need();
        for (let at = 0; at < bytes.length; ) at += fs.write(f, bytes, at, bytes.length - at);
        return {};
      }
      case FileOp.Read: {
        const out = new Uint8Array(Math.max(0, arg));
        const n = fs.read(this.need(), out, 0, out.length);
        return { data: out.slice(0, n) };
      }
      case FileOp.Close:
        this.closeCurrent();
        return {};
      default:
        throw new Error(`unknown file request ${op}`);
    }
  }

  private need(): EmscriptenStream {
    if (!this.current) throw new Error("no file is open");
    return this.current;
  }

  private closeCurrent(): void {
    const f = this.current;
    if (!f) return;
    this.current = null;
    this.fs().close(f);
    if (this.writing) this.onWritten();
    this.writing = false;
  }
}

/** Emscripten's errors carry an errno and a code name; say both, as a board's OSError would name its errno. */
function describe(e: unknown): string {
  const errno = (e as { errno?: unknown }).errno;
  const code = (e as { code?: unknown }).code;
  if (typeof errno === "number") return `OSError: [Errno ${errno}]${typeof code === "string" ? ` ${code}` : ""}`;
  return e instanceof Error ? e.message : String(e);
}
