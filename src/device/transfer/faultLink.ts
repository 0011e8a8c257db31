import { DeviceError } from "../errors";
import type { ByteTransport } from "../transport";

/**
 * TEST FAULT INJECTOR: a ByteTransport in front of a real board's transport that cuts the host side of the link after
 * `arm(n)` more host->board bytes (possibly in the middle of a write), like a cable pulled at that instant. The board
 * behind it keeps running and keeps whatever bytes it already got; a new FaultLink over the same board is a replug.
 */
export class FaultLink implements ByteTransport {
  readonly label = "Fault-injecting link (test double)";
  cut = false;
  written = 0;
  private budget = Infinity;
  private readonly data = new Set<(c: Uint8Array) => void>();
  private readonly closed = new Set<(e?: DeviceError) => void>();
  private readonly detach: () => void;

  constructor(private readonly board: ByteTransport) {
    this.detach = board.onData((c) => {
      if (!this.cut) for (const l of this.data) l(c);
    });
  }

  get traits() {
    return this.board.traits;
  }

  /** Cut after `n` more bytes from the host. */
  arm(n: number): void {
    this.budget = n;
  }

  async write(d: Uint8Array): Promise<void> {
    if (this.cut) throw new DeviceError("Disconnected", "link cut (fault injector)");
    const room = this.budget;
    if (d.length <= room) {
      this.budget -= d.length;
      this.written += d.length;
      return this.board.write(d);
    }
    if (room > 0) await this.board.write(d.subarray(0, room));
    this.written += room;
    this.pull();
    throw new DeviceError("Disconnected", "link cut (fault injector)");
  }

  /** The cable comes out: the host hears nothing more from this link. */
  pull(): void {
    if (this.cut) return;
    this.cut = true;
    this.detach();
    for (const l of this.closed) l(new DeviceError("Disconnected", "link cut (fault injector)"));
  }

  onData(l: (c: Uint8Array) => void): () => void {
    this.data.add(l);
    return () => this.data.delete(l);
  }

  onClose(l: (e?: DeviceError) => void): () => void {
    this.closed.add(l);
    return () => this.closed.delete(l);
  }

  /** Leaves the board running: only this link goes away. */
  async close(): Promise<void> {
    if (this.cut) return;
    this.cut = true;
    this.detach();
  }
}
