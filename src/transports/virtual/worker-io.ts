import { Ctl, ringTake, used, type BoardBuffers, type WorkerMessage } from "./shared";

/**
 * The worker's end of the byte rings. Input is read lazily, one byte at a time for the REPL, so a Ctrl-C the REPL has
 * not reached yet stays in the ring: the page can then tell, from the ring's read counter, whether a busy worker ever
 * came back to look at it. Bytes pulled ahead while a program runs go to a local queue after the interrupt character
 * has been filtered out of them, as a board's UART interrupt handler does.
 */
export class WorkerIo {
  private pend = new Uint8Array(256);
  private head = 0;
  private tail = 0;

  private syncSeen = 0;
  /** Starts at the page's counter: a request left by a worker that was replaced is not this one's to serve. */
  private fileSeen: number;

  constructor(
    private readonly buf: BoardBuffers,
    private readonly post: (msg: WorkerMessage) => void,
    /** Called when the page asks for a snapshot while we wait for input. */
    private readonly onSync: () => void,
    /** Serves the page's file request number `seq` (runtime-files.ts) while we wait for input; returns the answer. */
    private readonly onFile?: (seq: number) => WorkerMessage,
  ) {
    this.fileSeen = Atomics.load(buf.ctl, Ctl.FileSeq);
  }

  /** Send one byte to the page, waiting for room if the page is slow; never drops. */
  writeByte(b: number): void {
    const { ctl, outData } = this.buf;
    const cap = outData.length;
    for (;;) {
      const w = Atomics.load(ctl, Ctl.OutWrite);
      const r = Atomics.load(ctl, Ctl.OutRead);
      if (((w - r) | 0) < cap) {
        outData[w & (cap - 1)] = b;
        Atomics.store(ctl, Ctl.OutWrite, (w + 1) | 0);
        break;
      }
      this.kick();
      Atomics.wait(ctl, Ctl.OutRead, r, 50);
    }
    this.kick();
  }

  writeBytes(bytes: Uint8Array): void {
    for (const b of bytes) this.writeByte(b);
  }

  /** Bytes waiting, in the local queue or the ring. */
  available(): number {
    return this.tail - this.head + used(this.buf.ctl, Ctl.InWrite, Ctl.InRead);
  }

  /** Next input byte for the REPL, blocking until one arrives. Control bytes are passed through untouched. */
  readByte(): number {
    for (;;) {
      if (this.head < this.tail) return this.pend[this.head++];
      const got = this.take(1);
      if (got.length) return got[0];
      this.waitForInput(1000);
    }
  }

  /** Up to `max` bytes (at least one), blocking; for raw-paste collection where nothing else is running. */
  readSome(max: number): Uint8Array {
    for (;;) {
      if (this.head < this.tail) {
        const n = Math.min(max, this.tail - this.head);
        const out = this.pend.slice(this.head, this.head + n);
        this.head += n;
        return out;
      }
      const got = this.take(max);
      if (got.length) return got;
      this.waitForInput(1000);
    }
  }

  /** Put bytes back at the front (a look-ahead that turned out not to be a command). */
  unread(bytes: number[]): void {
    const rest = this.pend.slice(this.head, this.tail);
    this.pend = new Uint8Array(Math.max(256, bytes.length + rest.length));
    this.pend.set(bytes, 0);
    this.pend.set(rest, bytes.length);
    this.head = 0;
    this.tail = bytes.length + rest.length;
  }

  /**
   * While a program runs: pull everything waiting into the local queue, removing the interrupt character when one is
   * set (intr >= 0). Returns whether an interrupt character was seen. Cheap when the page has flagged nothing.
   */
  pollInterrupt(intr: number, force = false): boolean {
    const { ctl } = this.buf;
    if (!force && Atomics.load(ctl, Ctl.Irq) === 0) return false;
    Atomics.store(ctl, Ctl.Irq, 0);
    const fresh = this.take(Infinity);
    let hit = false;
    const kept: number[] = [];
    for (const b of fresh) {
      if (intr >= 0 && b === intr) hit = true;
      else kept.push(b);
    }
    this.append(kept);
    return hit;
  }

  /** Program stdin: at least one byte (up to `max`), blocking; null when the interrupt character arrived first. */
  readForProgram(max: number, intr: number): Uint8Array | null {
    for (;;) {
      if (this.pollInterrupt(intr, true)) return null;
      if (this.head < this.tail) {
        const n = Math.min(max, this.tail - this.head);
        const out = this.pend.slice(this.head, this.head + n);
        this.head += n;
        return out;
      }
      this.waitForInput(1000);
    }
  }

  /**
   * Sleep for `ms`, waking at once when the page flags a Ctrl-C; returns true if interrupted. `wake` ends the sleep
   * early (returning false) when it says so; the page's input changes notify the same word a Ctrl-C does.
   */
  sleep(ms: number, intr: number, wake?: () => boolean): boolean {
    const { ctl } = this.buf;
    const end = performance.now() + ms;
    for (;;) {
      if (this.pollInterrupt(intr)) return true;
      if (wake?.()) return false;
      const left = end - performance.now();
      if (left <= 0) return false;
      Atomics.wait(ctl, Ctl.Irq, 0, left);
    }
  }

  /** Wait until input arrives, the page notifies (a snapshot request, a changed pin input) or the time is up. */
  waitForInput(timeoutMs: number): void {
    const { ctl } = this.buf;
    this.checkSync();
    const w = Atomics.load(ctl, Ctl.InWrite);
    if (((w - Atomics.load(ctl, Ctl.InRead)) | 0) > 0) return;
    Atomics.wait(ctl, Ctl.InWrite, w, timeoutMs);
    this.checkSync();
  }

  private checkSync(): void {
    const file = Atomics.load(this.buf.ctl, Ctl.FileSeq);
    if (file !== this.fileSeen && this.onFile) {
      this.fileSeen = file;
      this.post(this.onFile(file));
    }
    const seq = Atomics.load(this.buf.ctl, Ctl.SyncRequest);
    if (seq === this.syncSeen) return;
    this.syncSeen = seq;
    this.onSync();
    this.post({ type: "synced", seq });
  }

  private take(max: number): Uint8Array {
    const { ctl, inData } = this.buf;
    const got = ringTake(ctl, inData, Ctl.InWrite, Ctl.InRead, max);
    if (got.length && Atomics.compareExchange(ctl, Ctl.InSpaceWanted, 1, 0) === 1) this.post({ type: "space" });
    return got;
  }

  private append(bytes: number[]): void {
    if (!bytes.length) return;
    if (this.tail + bytes.length > this.pend.length) {
      const rest = this.pend.slice(this.head, this.tail);
      const next = new Uint8Array(Math.max(this.pend.length, (rest.length + bytes.length) * 2));
      next.set(rest, 0);
      this.pend = next;
      this.head = 0;
      this.tail = rest.length;
    }
    this.pend.set(bytes, this.tail);
    this.tail += bytes.length;
  }

  /** Ask the page to drain the output ring, unless a request is already on its way. */
  private kick(): void {
    if (Atomics.compareExchange(this.buf.ctl, Ctl.OutKick, 0, 1) === 0) this.post({ type: "out" });
  }
}
