import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeVirtualBoard } from "../transports/virtual/node";
import { MemoryFsStore } from "../transports/virtual/fs-store";
import { fromUtf8, utf8 } from "./bytes";
import { connectDevice, type Device } from "./device";
import { ConnectionState, RuntimeState } from "./states";

// The device core against the REAL MicroPython WebAssembly build (the virtual board, in a Node worker_thread).
describe("device core on the virtual board (real MicroPython WASM)", () => {
  let device: Device;
  const store = new MemoryFsStore();

  beforeAll(async () => {
    device = await connectDevice(await createNodeVirtualBoard({ store }), { connectTimeoutMs: 20_000 });
  }, 60_000);
  afterAll(async () => {
    await device?.disconnect();
  });

  it("connects, reads the banner, and uses raw-paste", async () => {
    expect(device.connection).toBe(ConnectionState.Connected);
    expect(device.info.banner).toMatch(/MicroPython v1\.\d+.*Emscripten/);
    expect(fromUtf8(await device.exec("print(6*7)")).trim()).toBe("42");
    expect(device.info.rawPaste).toBe(true);
  });

  it("keeps stdout and stderr apart and maps tracebacks to <stdin> lines", async () => {
    const out: string[] = [];
    const off = device.on("output", (d, s) => out.push(`${s}:${fromUtf8(d)}`));
    const result = await device.run("print('first')\n\ndef f():\n    raise ValueError('boom')\nf()");
    off();
    expect(out.filter((o) => o.startsWith("stdout:")).map((o) => o.slice("stdout:".length)).join("")).toContain("first");
    expect(result.stderr).toContain('File "<stdin>", line 5');
    expect(result.stderr).toContain('File "<stdin>", line 4, in f');
    expect(result.stderr).toContain("ValueError: boom");
    expect(result.interrupted).toBe(false);
  });

  it("streams a 20 KB source through raw-paste", async () => {
    const lines = Array.from({ length: 600 }, (_, i) => `v${i} = ${i} * 3  # padding to make this line longer`);
    const src = `${lines.join("\n")}\nprint(sum([${lines.map((_, i) => `v${i}`).join(",")}]))`;
    expect(src.length).toBeGreaterThan(20_000);
    const expected = (599 * 600 * 3) / 2;
    expect(fromUtf8(await device.exec(src)).trim()).toBe(String(expected));
  });

  it("stops a pure busy loop within a second, keeping files, and the REPL works after", async () => {
    await device.writeFile("keep.txt", utf8("still here"));
    const run = device.run("while True: pass");
    await new Promise((r) => setTimeout(r, 300));
    expect(device.runtime).toBe(RuntimeState.Running);
    const t0 = Date.now();
    await device.stop();
    const result = await run;
    expect(Date.now() - t0).toBeLessThan(1500); // generous for a loaded CI box; the bench reports the real figure
    expect(result.interrupted).toBe(true);
    expect(fromUtf8(await device.readFile("keep.txt"))).toBe("still here");
    expect(fromUtf8(await device.exec("print(1+1)")).trim()).toBe("2");
  });

  it("interrupts a sleeping program with a real KeyboardInterrupt traceback", async () => {
    const run = device.run("import time\nwhile True:\n    time.sleep(10)");
    await new Promise((r) => setTimeout(r, 300));
    await device.stop();
    const result = await run;
    expect(result.stderr).toMatch(/line 3[\s\S]*KeyboardInterrupt/);
  });

  it("soft resets: globals gone, files kept", async () => {
    await device.exec("g = 1");
    await device.softReset();
    await expect(device.exec("print(g)")).rejects.toMatchObject({ message: expect.stringContaining("NameError") });
    expect(await device.listDir()).toContain("keep.txt");
  });

  it("writes and reads back every byte value", async () => {
    const data = new Uint8Array(1024).map((_, i) => (i * 7) & 0xff);
    await device.writeFile("bin.dat", data);
    expect(Array.from(await device.readFile("bin.dat"))).toEqual(Array.from(data));
  });
});
