import { describe, expect, it } from "vitest";
import { createWriteBatcher, type WriteBatcherOptions } from "./writeBatcher";

const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** A manual frame clock and a sink that records writes, acknowledging them at once unless told otherwise. */
function harness(extra: Partial<WriteBatcherOptions> = {}, autoAck = true) {
  const frames: Array<() => void> = [];
  const writes: string[] = [];
  const acks: Array<() => void> = [];
  const batcher = createWriteBatcher({
    schedule(cb) {
      frames.push(cb);
      return () => {
        const i = frames.indexOf(cb);
        if (i >= 0) frames.splice(i, 1);
      };
    },
    write(data, done) {
      writes.push(text(data));
      if (autoAck) done();
      else acks.push(done);
    },
    ...extra,
  });
  const frame = () => {
    const due = frames.splice(0);
    for (const cb of due) cb();
  };
  return { batcher, frames, writes, acks, frame };
}

describe("createWriteBatcher", () => {
  it("writes nothing until the frame, then everything pushed in one write", () => {
    const h = harness();
    for (let i = 0; i < 1000; i++) h.batcher.push(`line ${i}\r\n`, "stdout");
    expect(h.writes).toHaveLength(0);
    expect(h.frames).toHaveLength(1);
    h.frame();
    expect(h.writes).toHaveLength(1);
    expect(h.writes[0]).toContain("line 0\r\n");
    expect(h.writes[0]).toContain("line 999\r\n");
    expect(h.batcher.pendingBytes).toBe(0);
  });

  it("schedules one frame however many chunks arrive", () => {
    const h = harness();
    h.batcher.push("a");
    h.batcher.push("b");
    h.batcher.push("c");
    expect(h.frames).toHaveLength(1);
  });

  it("caps each flush and carries the rest to later frames", () => {
    const h = harness({ maxBytesPerFlush: 10 });
    h.batcher.push("0123456789abcdefghij_", "stdout");
    h.frame();
    expect(h.writes).toEqual(["0123456789"]);
    h.frame();
    expect(h.writes[1]).toBe("abcdefghij");
    h.frame();
    expect(h.writes[2]).toBe("_");
    expect(h.frames).toHaveLength(0);
  });

  it("waits for the terminal to consume a batch before the next flush (back-pressure)", () => {
    const h = harness({ maxBytesPerFlush: 4 }, false);
    h.batcher.push("abcdefgh");
    h.frame();
    expect(h.writes).toEqual(["abcd"]);
    // No new frame is requested while the write is in flight.
    expect(h.frames).toHaveLength(0);
    h.batcher.push("ij");
    expect(h.frames).toHaveLength(0);
    h.acks[0]();
    expect(h.frames).toHaveLength(1);
    h.frame();
    expect(h.writes[1]).toBe("efgh");
  });

  it("colours stderr and resets the colour when the stream changes back", () => {
    const h = harness({ styles: { stderr: "\x1b[31m" } });
    h.batcher.push("out\r\n", "stdout");
    h.batcher.push("Traceback\r\n", "stderr");
    h.batcher.push(">>> ", "repl");
    h.frame();
    const w = h.writes[0];
    expect(w.indexOf("out")).toBeLessThan(w.indexOf("\x1b[31m"));
    expect(w.indexOf("\x1b[31m")).toBeLessThan(w.indexOf("Traceback"));
    expect(w.lastIndexOf("\x1b[39;22m")).toBeLessThan(w.indexOf(">>> "));
    expect(w.lastIndexOf("\x1b[39;22m")).toBeGreaterThan(w.indexOf("Traceback"));
  });

  it("keeps the style across flushes without repeating it", () => {
    const h = harness({ styles: { stderr: "\x1b[31m" }, maxBytesPerFlush: 20 });
    h.batcher.push("x".repeat(30), "stderr");
    h.frame();
    h.frame();
    expect(h.writes[0].startsWith("\x1b[39;22m\x1b[31m")).toBe(true);
    expect(h.writes[1]).toMatch(/^x+$/);
  });

  it("drops the oldest output past the backlog cap and says so", () => {
    const h = harness({ maxBytesPerFlush: 8, maxBacklogBytes: 16 });
    h.batcher.push("AAAAAAAA");
    h.batcher.push("BBBBBBBB", "stdout");
    h.batcher.push("CCCCCCCC", "stderr");
    expect(h.batcher.pendingBytes).toBe(16);
    expect(h.batcher.droppedBytes).toBe(8);
    h.frame();
    expect(h.writes[0]).toContain("8 bytes of output skipped");
    h.frame();
    h.frame();
    const all = h.writes.join("");
    expect(all).not.toContain("A");
    expect(all).toContain("BBBBBBBB");
    expect(all).toContain("CCCCCCCC");
  });

  it("copies pushed bytes so a producer may reuse its buffer", () => {
    const h = harness();
    const buf = new TextEncoder().encode("hello");
    h.batcher.push(buf);
    buf.fill(0x21);
    h.frame();
    expect(h.writes[0]).toBe("hello");
  });

  it("flushAll hands over everything at once, and dispose stops all work", () => {
    const h = harness({ maxBytesPerFlush: 2 });
    h.batcher.push("abcdef");
    h.batcher.flushAll();
    expect(h.writes.join("")).toBe("abcdef");
    expect(h.frames).toHaveLength(0);
    h.batcher.dispose();
    h.batcher.push("more");
    expect(h.frames).toHaveLength(0);
  });

  it("ignores empty chunks", () => {
    const h = harness();
    h.batcher.push(new Uint8Array(0));
    expect(h.frames).toHaveLength(0);
  });

  describe("with a clock, the bound follows the terminal's speed", () => {
    /** Each write takes `costMs` per KiB on a manual clock, acknowledged at once. */
    function timed(costMsPerKiB: number) {
      let now = 0;
      const sizes: number[] = [];
      const h = harness({
        clock: () => now,
        maxBytesPerFlush: 64 * 1024,
        write(data, done) {
          sizes.push(data.length);
          now += (data.length / 1024) * costMsPerKiB;
          done();
        },
      });
      return { ...h, sizes };
    }
    const flood = (h: ReturnType<typeof timed>, kib: number) => h.batcher.push(new Uint8Array(kib * 1024).fill(0x41), "stdout");

    it("a fast terminal gets bigger flushes, doubling at most each time, up to 1 MiB", () => {
      const h = timed(0.01); // 64 KiB in 0.64 ms: far under the 12 ms budget
      flood(h, 4096);
      for (let i = 0; i < 8; i++) h.frame();
      expect(h.sizes.slice(0, 6).map((n) => n / 1024)).toEqual([64, 128, 256, 512, 1024, 1024]);
      expect(h.batcher.bytesPerFlush).toBe(1024 * 1024);
    });

    it("a slow terminal gets smaller flushes, down to 16 KiB", () => {
      const h = timed(0.25); // 64 KiB in 16 ms: over the 12 ms budget
      flood(h, 512);
      h.frame();
      expect(h.batcher.bytesPerFlush).toBe(48 * 1024);
      h.frame();
      expect(h.sizes.map((n) => n / 1024)).toEqual([64, 48]);
      const slower = timed(1); // 64 KiB in 64 ms: 12/64 of it would be 12 KiB
      flood(slower, 512);
      for (let i = 0; i < 3; i++) slower.frame();
      expect(slower.sizes.map((n) => n / 1024)).toEqual([64, 16, 16]);
      expect(slower.batcher.bytesPerFlush).toBe(16 * 1024);
    });

    it("a flush smaller than the bound does not move it, however quick it was", () => {
      const h = timed(0.01);
      flood(h, 10);
      h.frame();
      expect(h.sizes).toEqual([10 * 1024]);
      expect(h.batcher.bytesPerFlush).toBe(64 * 1024);
    });
  });

  it("with `soon`, a backlog of a full flush or more goes on in the next task; less waits for a frame", () => {
    const tasks: Array<() => void> = [];
    const h = harness({
      maxBytesPerFlush: 1024,
      soon(cb) {
        tasks.push(cb);
        return () => tasks.splice(tasks.indexOf(cb), 1);
      },
    });
    h.batcher.push("x".repeat(100), "stdout");
    expect([h.frames.length, tasks.length]).toEqual([1, 0]);
    h.frame();
    h.batcher.push("y".repeat(2500), "stdout");
    expect([h.frames.length, tasks.length]).toEqual([0, 1]);
    tasks.shift()!();
    expect(h.writes.slice(1).map((w) => w.length)).toEqual([1024]);
    expect(tasks).toHaveLength(1); // 1476 bytes still wait: another task, no frame
    tasks.shift()!();
    expect(h.frames).toHaveLength(1); // 452 bytes left: less than a flush, so the next frame takes them
    h.frame();
    expect(h.batcher.pendingBytes).toBe(0);
  });
});
