import { concat, indexOf, partialSuffix } from "./bytes";
import { DeviceError } from "./errors";

export interface ReadOptions {
  /**
   * Fail with Timeout when no byte arrives for this long. Idle, not total: a board streaming output for minutes is
   * alive. Undefined waits for ever (a user's program), which only stop() or the link ending can end.
   */
  idleTimeoutMs?: number;
  /** Fail with Timeout after this long in all, however much arrives: a port spewing garbage must not hold us. */
  totalTimeoutMs?: number;
  /** Stream bytes as they arrive (minus a possible partial marker held back) instead of returning them. */
  onData?: (chunk: Uint8Array) => void;
  /** Words for the Timeout error: what we were waiting for. */
  what?: string;
}

/**
 * Buffers bytes from a board and lets protocol code wait for markers. One waiter at a time: the Device's mutex
 * guarantees that, and a second waiter is a bug we want to see (ProtocolError).
 */
export class ByteReader {
  private buf: Uint8Array = new Uint8Array(0);
  private wake?: () => void;
  private cancel?: (error: DeviceError) => void;
  private ended?: DeviceError;

  push(chunk: Uint8Array): void {
    this.buf = this.buf.length ? concat([this.buf, chunk]) : chunk.slice();
    this.wake?.();
  }

  /** The link ended: every wait now fails with this error. */
  end(error: DeviceError): void {
    this.ended = error;
    this.wake?.();
  }

  /** Fail the current wait (if any) with `error`, leaving the reader usable: Stop's way out of a hung read. */
  abortWait(error: DeviceError): void {
    this.cancel?.(error);
  }

  get isEnded(): boolean {
    return this.ended !== undefined;
  }

  /** Take and return everything buffered. */
  drain(): Uint8Array {
    const out = this.buf;
    this.buf = new Uint8Array(0);
    return out;
  }

  get buffered(): number {
    return this.buf.length;
  }

  /** Wait until `marker` arrives; consume it. Returns the bytes before it (empty when streamed via onData). */
  async readUntil(marker: Uint8Array, options: ReadOptions = {}): Promise<Uint8Array> {
    const taken: Uint8Array[] = [];
    return this.waitFor(options, () => {
      const at = indexOf(this.buf, marker);
      if (at >= 0) {
        const before = this.buf.subarray(0, at);
        this.buf = this.buf.slice(at + marker.length);
        if (options.onData) {
          if (before.length) options.onData(before.slice());
          return new Uint8Array(0);
        }
        taken.push(before.slice());
        return concat(taken);
      }
      // Pass on what cannot be part of the marker, so output streams live.
      const keep = partialSuffix(this.buf, marker);
      const ready = this.buf.subarray(0, this.buf.length - keep);
      if (ready.length) {
        if (options.onData) options.onData(ready.slice());
        else taken.push(ready.slice());
        this.buf = this.buf.slice(ready.length);
      }
      return undefined;
    });
  }

  /** Wait for exactly `n` bytes. */
  readExactly(n: number, options: ReadOptions = {}): Promise<Uint8Array> {
    return this.waitFor(options, () => {
      if (this.buf.length < n) return undefined;
      const out = this.buf.slice(0, n);
      this.buf = this.buf.slice(n);
      return out;
    });
  }

  /** Wait until at least one byte is buffered, then take everything. */
  readSome(options: ReadOptions = {}): Promise<Uint8Array> {
    return this.waitFor(options, () => (this.buf.length ? this.drain() : undefined));
  }

  /** Wait `ms`, returning whatever arrived (possibly nothing); never times out. */
  async collectFor(ms: number): Promise<Uint8Array> {
    await new Promise((r) => setTimeout(r, ms));
    if (this.ended && !this.buf.length) throw this.ended;
    return this.drain();
  }

  private waitFor<T>(options: ReadOptions, attempt: () => T | undefined): Promise<T> {
    if (this.wake) return Promise.reject(new DeviceError("ProtocolError", "Two reads at once on one board"));
    return new Promise<T>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let seen = -1;
      const timeout = () =>
        new DeviceError("Timeout", `The board did not answer in time (waiting for ${options.what ?? "a reply"})`);
      const total =
        options.totalTimeoutMs === undefined
          ? undefined
          : setTimeout(() => finish(() => reject(timeout())), options.totalTimeoutMs);
      const finish = (fn: () => void) => {
        if (timer) clearTimeout(timer);
        if (total) clearTimeout(total);
        this.wake = undefined;
        this.cancel = undefined;
        fn();
      };
      const arm = () => {
        if (options.idleTimeoutMs === undefined) return;
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => finish(() => reject(timeout())), options.idleTimeoutMs);
      };
      const check = () => {
        let result: T | undefined;
        try {
          result = attempt();
        } catch (e) {
          finish(() => reject(e));
          return;
        }
        if (result !== undefined) return finish(() => resolve(result as T));
        if (this.ended) return finish(() => reject(this.ended));
        // Any new byte proves the board is alive: restart the idle timer.
        if (this.buf.length !== seen || timer === undefined) arm();
        seen = this.buf.length;
      };
      this.cancel = (error) => finish(() => reject(error));
      this.wake = () => {
        seen = -2; // force a re-arm: a push happened even if the buffer was emptied by streaming
        check();
      };
      check();
    });
  }
}
