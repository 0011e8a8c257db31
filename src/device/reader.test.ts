import { describe, expect, it } from "vitest";
import { bytesOf, latin1 } from "./bytes";
import { DeviceError } from "./errors";
import { ByteReader } from "./reader";

describe("ByteReader", () => {
  it("finds a marker split at every position and streams everything before it", async () => {
    const stream = "hello\r\nworld\x04rest";
    for (let cut = 1; cut < stream.length; cut++) {
      const r = new ByteReader();
      const seen: string[] = [];
      const p = r.readUntil(bytesOf("\x04"), { onData: (d) => seen.push(latin1(d)) });
      r.push(bytesOf(stream.slice(0, cut)));
      r.push(bytesOf(stream.slice(cut)));
      await p;
      expect(seen.join("")).toBe("hello\r\nworld");
      expect(latin1(r.drain())).toBe("rest");
    }
  });

  it("holds back a partial multi-byte marker until it resolves", async () => {
    const r = new ByteReader();
    const seen: string[] = [];
    const p = r.readUntil(bytesOf(">>> "), { onData: (d) => seen.push(latin1(d)) });
    r.push(bytesOf("a>>"));
    await new Promise((res) => setTimeout(res, 5));
    expect(seen.join("")).toBe("a");
    r.push(bytesOf("x>>> "));
    await p;
    expect(seen.join("")).toBe("a>>x");
  });

  it("times out when idle, but not while bytes keep arriving", async () => {
    const r = new ByteReader();
    const p = r.readUntil(bytesOf("!"), { idleTimeoutMs: 60 });
    for (let i = 0; i < 5; i++) {
      await new Promise((res) => setTimeout(res, 30));
      r.push(bytesOf("."));
    }
    r.push(bytesOf("!"));
    expect(latin1(await p)).toBe(".....");
    await expect(r.readUntil(bytesOf("!"), { idleTimeoutMs: 30 })).rejects.toMatchObject({ code: "Timeout" });
  });

  it("gives up after the total timeout even when garbage keeps coming", async () => {
    const r = new ByteReader();
    const timer = setInterval(() => r.push(bytesOf("~")), 5);
    const t0 = Date.now();
    await expect(r.readUntil(bytesOf("ok"), { idleTimeoutMs: 50, totalTimeoutMs: 120 })).rejects.toMatchObject({ code: "Timeout" });
    clearInterval(timer);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it("fails every wait once the link ends, and abortWait frees a single wait", async () => {
    const r = new ByteReader();
    const p = r.readExactly(4);
    r.abortWait(new DeviceError("Interrupted", "stop"));
    await expect(p).rejects.toMatchObject({ code: "Interrupted" });
    const q = r.readExactly(4);
    r.end(new DeviceError("Disconnected", "gone"));
    await expect(q).rejects.toMatchObject({ code: "Disconnected" });
    await expect(r.readSome()).rejects.toMatchObject({ code: "Disconnected" });
  });

  it("refuses two concurrent waits", async () => {
    const r = new ByteReader();
    const first = r.readExactly(1);
    await expect(r.readExactly(1)).rejects.toMatchObject({ code: "ProtocolError" });
    r.push(bytesOf("x"));
    expect(latin1(await first)).toBe("x");
  });
});
