import { afterEach, describe, expect, it } from "vitest";
import { connectDevice } from "../../device/device";
import type { DeviceError } from "../../device/errors";
import type { ByteTransport, LinkTraits } from "../../device/transport";
import { createNodeVirtualBoard } from "../virtual/node";
import { ThrottledLink, UART_115200 } from "./throttledLink";

/**
 * TEST DOUBLE: an in-memory far end that timestamps every chunk the throttled link hands it, and lets the test play
 * the board by emitting bytes towards the host.
 */
class RecordingEndDouble implements ByteTransport {
  readonly label = "recording end (test double)";
  readonly received: Array<{ t: number; data: Uint8Array }> = [];
  private listeners = new Set<(c: Uint8Array) => void>();
  private closeListeners = new Set<(e?: DeviceError) => void>();
  constructor(readonly traits?: LinkTraits) {}
  async write(data: Uint8Array) {
    this.received.push({ t: performance.now(), data: data.slice() });
  }
  onData(l: (c: Uint8Array) => void) {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  onClose(l: (e?: DeviceError) => void) {
    this.closeListeners.add(l);
    return () => this.closeListeners.delete(l);
  }
  emit(data: Uint8Array) {
    for (const l of this.listeners) l(data);
  }
  async close() {
    for (const l of this.closeListeners) l();
  }
}

const pattern = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 255);
const joined = (parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
// Node timers and performance.now() round differently: allow a hair of slack on "not before" checks.
const SLACK_MS = 1.5;

/** Every delivery must respect the rate: cumulative bytes by time t never exceed rate × (t − t0). */
function assertRate(deliveries: Array<{ t: number; n: number }>, t0: number, bytesPerSecond: number, latencyMs: number) {
  let total = 0;
  for (const d of deliveries) {
    total += d.n;
    const earliest = t0 + latencyMs + (total * 1000) / bytesPerSecond;
    expect(d.t + SLACK_MS, `${total} bytes arrived ${(earliest - d.t).toFixed(2)} ms too early`).toBeGreaterThanOrEqual(earliest);
  }
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe("ThrottledLink (simulated UART)", () => {
  it("delivers host writes in order, intact, no faster than the rate plus latency", async () => {
    const end = new RecordingEndDouble();
    const link = new ThrottledLink(end, { bytesPerSecond: 20_000, latencyMs: 2, txFifoBytes: 200 });
    cleanups.push(() => link.close());
    const a = pattern(1500, 1);
    const b = pattern(700, 2);
    const t0 = performance.now();
    const writes = [link.write(a), link.write(b), link.write(Uint8Array.of(0, 255))];
    await Promise.all(writes);
    const sentAt = performance.now();
    // write() resolves when what is left fits the 200-byte FIFO: 2002 bytes at 20 kB/s need 100.1 ms of wire first.
    expect(sentAt + SLACK_MS).toBeGreaterThanOrEqual(t0 + (2002 * 1000) / 20_000);
    await new Promise((r) => setTimeout(r, 20));
    expect(joined(end.received.map((r) => r.data))).toEqual(joined([a, b, Uint8Array.of(0, 255)]));
    // It trickles: the far end got the first bytes long before the last (a UART does not deliver a write in one go).
    expect(end.received.length).toBeGreaterThan(5);
    assertRate(end.received.map((r) => ({ t: r.t, n: r.data.length })), t0, 20_000, 2);
  });

  it("lets a write that fits the adapter's FIFO resolve before its bytes have crossed the wire", async () => {
    const end = new RecordingEndDouble();
    const link = new ThrottledLink(end, { bytesPerSecond: 1000, txFifoBytes: 256 });
    cleanups.push(() => link.close());
    await link.write(pattern(200, 6)); // 200 ms of wire at 1 kB/s
    expect(end.received.reduce((n, r) => n + r.data.length, 0)).toBeLessThan(200);
  });

  it("paces the board's output towards the host the same way", async () => {
    const end = new RecordingEndDouble();
    const link = new ThrottledLink(end, { bytesPerSecond: UART_115200 });
    cleanups.push(() => link.close());
    const got: Array<{ t: number; data: Uint8Array }> = [];
    link.onData((data) => got.push({ t: performance.now(), data }));
    const t0 = performance.now();
    const sent = [pattern(600, 3), pattern(10, 4), pattern(400, 5)];
    for (const s of sent) end.emit(s);
    const total = 1010;
    while (got.reduce((n, g) => n + g.data.length, 0) < total) await new Promise((r) => setTimeout(r, 5));
    expect(joined(got.map((g) => g.data))).toEqual(joined(sent));
    assertRate(got.map((g) => ({ t: g.t, n: g.data.length })), t0, UART_115200, 1);
  });

  it("keeps bytes that arrive before anyone listens, and passes the inner link's traits through", async () => {
    const traits: LinkTraits = { rxBuffer: 123, pacing: { chunkBytes: 8, delayMs: 1 } };
    const end = new RecordingEndDouble(traits);
    const link = new ThrottledLink(end, { bytesPerSecond: 50_000 });
    cleanups.push(() => link.close());
    expect(link.traits).toBe(traits);
    end.emit(Uint8Array.of(1, 2, 3));
    await new Promise((r) => setTimeout(r, 20));
    const got: number[] = [];
    link.onData((d) => got.push(...d));
    expect(got).toEqual([1, 2, 3]);
  });

  it("carries a real exchange with the WASM virtual board, and no faster than the wire allows", async () => {
    const board = await createNodeVirtualBoard();
    const link = new ThrottledLink(board, { bytesPerSecond: 50_000 });
    const device = await connectDevice(link);
    cleanups.push(() => device.disconnect());
    expect(link.traits?.hiddenPaths).toEqual(board.traits?.hiddenPaths);
    const t0 = performance.now();
    const out = await device.exec("import sys\nsys.stdout.write(bytes(range(32,127))*40)");
    const elapsed = performance.now() - t0;
    expect(out).toEqual(joined(Array.from({ length: 40 }, () => Uint8Array.from({ length: 95 }, (_, i) => 32 + i))));
    // 3800 bytes of output alone need 76 ms of wire at 50 kB/s.
    expect(elapsed + SLACK_MS).toBeGreaterThanOrEqual((3800 * 1000) / 50_000);
  });
});
