import type { DeviceError } from "../../device/errors";
import type { ByteTransport } from "../../device/transport";

/** 115200 baud, 8N1: ten bit times per byte. */
export const UART_115200 = 11_520;
/** 1,000,000 baud, 8N1. */
export const UART_1M = 100_000;

export interface ThrottleOptions {
  /** Payload bytes per second in each direction (baud / 10 for 8N1). */
  bytesPerSecond: number;
  /** Added once per write (USB frame, driver and OS scheduling); default 1 ms. */
  latencyMs?: number;
  /**
   * The USB-serial adapter's transmit FIFO: write() resolves once what is still to go out fits in it, so a host that
   * writes again promptly keeps the wire busy, as with a real adapter (FT232R: 256 B). Default 256.
   */
  txFifoBytes?: number;
}

/**
 * A SIMULATED serial link: wraps a fast transport (the virtual board's worker) so each direction carries at most
 * `bytesPerSecond`, the way a UART between host and board would. For the benchmark only: without it the virtual board
 * moves bytes at memory speed and every transfer scheme looks alike.
 *
 * Each write is serialized after whatever is still queued in its direction; its bytes reach the far end in order,
 * piece by piece as their serialization completes, plus `latencyMs`. The board sees the first bytes of a long write
 * early (flow-control acks depend on that), and host write() resolves when the bytes not yet on the wire fit in the
 * adapter's transmit FIFO, like a UART driver draining into it. The board's output is paced the same way on its way to the host. Traits pass through unchanged, so the
 * core treats the wrapped board exactly as it would unwrapped.
 */
export class ThrottledLink implements ByteTransport {
  readonly label: string;
  private readonly toBoard: Lane;
  private readonly toHost: Lane;
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly backlog: Uint8Array[] = [];
  private readonly unsubscribe: Array<() => void>;
  private closed = false;
  /** Writes to the inner transport run one after another so they cannot overtake each other. */
  private innerWrites: Promise<void> = Promise.resolve();

  constructor(
    private readonly inner: ByteTransport,
    options: ThrottleOptions,
  ) {
    this.label = `${inner.label} (simulated ${Math.round(options.bytesPerSecond * 10)} baud)`;
    const latency = options.latencyMs ?? 1;
    this.toBoard = new Lane(options.bytesPerSecond, latency, options.txFifoBytes ?? 256, (chunk) => {
      this.innerWrites = this.innerWrites.then(() => this.inner.write(chunk)).catch(() => {
        // The inner link reports its own end through onClose; a failed write has nothing more to say here.
      });
    });
    this.toHost = new Lane(options.bytesPerSecond, latency, 0, (chunk) => {
      if (this.dataListeners.size === 0) this.backlog.push(chunk);
      for (const l of this.dataListeners) l(chunk);
    });
    this.unsubscribe = [inner.onData((chunk) => this.toHost.push(chunk.slice()))];
  }

  get traits() {
    return this.inner.traits;
  }

  /** Resolves once the bytes are on the simulated wire or in the adapter's FIFO (not when the board has them). */
  write(data: Uint8Array): Promise<void> {
    if (this.closed) return this.inner.write(data); // lets the inner link produce its own Disconnected error
    return this.toBoard.push(data.slice());
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    for (const chunk of this.backlog.splice(0)) listener(chunk);
    return () => this.dataListeners.delete(listener);
  }

  onClose(listener: (error?: DeviceError) => void): () => void {
    return this.inner.onClose(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.toBoard.stop();
    this.toHost.stop();
    for (const u of this.unsubscribe.splice(0)) u();
    await this.inner.close();
  }
}

interface Piece {
  /** performance.now() at which the piece has arrived at the far end. */
  at: number;
  data: Uint8Array;
}

/** One direction of the simulated wire: a queue of pieces due at increasing times, delivered in order. */
class Lane {
  /** When the wire finishes serializing what is already queued. */
  private freeAt = 0;
  private readonly queue: Piece[] = [];
  private readonly pendingSends: Array<{ at: number; resolve: () => void }> = [];
  private timer?: NodeJS.Timeout;
  private stopped = false;
  /** About 1 ms of wire time per piece, so the far end sees a long write trickle in as a UART would deliver it. */
  private readonly pieceBytes: number;

  constructor(
    private readonly bytesPerSecond: number,
    private readonly latencyMs: number,
    /** Bytes still to serialize when a push counts as sent (the adapter's FIFO); 0 for the board's side. */
    private readonly fifoBytes: number,
    private readonly deliver: (chunk: Uint8Array) => void,
  ) {
    this.pieceBytes = Math.max(16, Math.ceil(bytesPerSecond / 1000));
  }

  push(data: Uint8Array): Promise<void> {
    const now = performance.now();
    let t = Math.max(now, this.freeAt);
    for (let i = 0; i < data.length; i += this.pieceBytes) {
      const piece = data.subarray(i, Math.min(data.length, i + this.pieceBytes));
      t += (piece.length * 1000) / this.bytesPerSecond;
      this.queue.push({ at: t + this.latencyMs, data: piece });
    }
    this.freeAt = t;
    const sentAt = Math.max(now, t - (this.fifoBytes * 1000) / this.bytesPerSecond);
    const done = new Promise<void>((resolve) => this.pendingSends.push({ at: sentAt, resolve }));
    this.schedule();
    return done;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.queue.length = 0;
    for (const s of this.pendingSends.splice(0)) s.resolve();
  }

  private schedule(): void {
    if (this.stopped || this.timer) return;
    const next = Math.min(this.queue[0]?.at ?? Infinity, this.pendingSends[0]?.at ?? Infinity);
    if (next === Infinity) return;
    this.timer = setTimeout(() => this.pump(), Math.max(0, next - performance.now()));
  }

  private pump(): void {
    this.timer = undefined;
    const now = performance.now();
    // Timers may fire late, never early by design here: everything already due goes out as one chunk, in order.
    const due: Uint8Array[] = [];
    while (this.queue.length && this.queue[0].at <= now) due.push(this.queue.shift()!.data);
    while (this.pendingSends.length && this.pendingSends[0].at <= now) this.pendingSends.shift()!.resolve();
    if (due.length) this.deliver(join(due));
    this.schedule();
  }
}

function join(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
