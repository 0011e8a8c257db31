import { afterAll, beforeAll, expect, it } from "vitest";
import { describeQemu } from "../transports/node/qemuTest";
import { startQemuMicrobit, type QemuMicrobit } from "../transports/node/qemuMicrobit";
import { fromUtf8, utf8 } from "./bytes";
import { BoardFiles } from "./boardFiles";
import { connectDevice, type Device } from "./device";
import { ConnectionState, RuntimeState } from "./states";

// The device core against REAL MicroPython 1.9.2 firmware (BBC micro:bit under QEMU): no raw-paste, a 64-byte UART
// buffer that drops bytes sent too fast, 16 KB of RAM.
describeQemu("device core on QEMU micro:bit (real firmware)", () => {
  let board: QemuMicrobit;
  let device: Device;
  const output: string[] = [];

  beforeAll(async () => {
    board = await startQemuMicrobit();
    device = await connectDevice(board.transport);
    device.on("output", (d) => output.push(fromUtf8(d)));
  });
  afterAll(async () => {
    await device?.disconnect();
    await board?.stop();
  });

  it("connects and reads the banner", () => {
    expect(device.connection).toBe(ConnectionState.Connected);
    expect(device.info.banner).toMatch(/MicroPython v1\.9\.2.*micro:bit/);
  });

  it("execs with stdout and stderr kept apart", async () => {
    expect(fromUtf8(await device.exec("print(6*7)"))).toBe("42\r\n");
    await expect(device.exec("print('before')\n1/0")).rejects.toMatchObject({
      code: "RemoteError",
      message: expect.stringContaining("ZeroDivisionError"),
    });
    const result = await device.run("print('out')\nraise ValueError('bad')");
    expect(result.stderr).toContain('File "<stdin>", line 2');
    expect(result.stderr).toContain("ValueError: bad");
    expect(output.join("")).toContain("out\r\n");
  });

  it("falls back from raw-paste (answered 'ra...') to plain raw REPL", () => {
    expect(device.info.rawPaste).toBe(false);
  });

  it("pushes over 20 KB of source through paced writes without a dropped byte", async () => {
    // The micro:bit compiles about 1 KB per exec, so 24 execs of ~900 bytes; each checks what it received.
    let total = 0;
    for (let i = 0; i < 24; i++) {
      const payload = Array.from({ length: 60 }, (_, k) => String.fromCharCode(33 + ((i * 7 + k * 13) % 90)))
        .join("")
        .replace(/[\\']/g, "#");
      const lines = Array.from({ length: 12 }, (_, k) => `s${k}='${payload}'`);
      const src = `${lines.join("\n")}\nprint(${lines.map((_, k) => `len(s${k})`).join("+")}, sum(ord(c) for c in ${lines.map((_, k) => `s${k}`).join("+")}))`;
      total += src.length;
      const expectedSum = [...payload].reduce((n, c) => n + c.charCodeAt(0), 0) * 12;
      expect(fromUtf8(await device.exec(src)).trim()).toBe(`${payload.length * 12} ${expectedSum}`);
    }
    expect(total).toBeGreaterThan(20_000);
  });

  it("stops a busy loop with Ctrl-C, and the REPL works after", async () => {
    const run = device.run("while True: pass");
    await new Promise((r) => setTimeout(r, 300));
    expect(device.runtime).toBe(RuntimeState.Running);
    await device.stop();
    const result = await run;
    expect(result.interrupted).toBe(true);
    expect(result.stderr).toContain("KeyboardInterrupt");
    expect(fromUtf8(await device.exec("print(1+1)"))).toBe("2\r\n");
  });

  it("a file helper that no longer fits the heap gets a fresh heap (soft reset) and one more try", async () => {
    // A user's big buffer leaves too little room to compile the capability probe: MemoryError, then the retry.
    await device.exec("hog=[]\ntry:\n while 1:hog.append(bytearray(200))\nexcept MemoryError:pass\ndel hog[-10:]");
    const files = new BoardFiles(device);
    expect(Array.isArray(await files.list())).toBe(true);
    expect(output.join("")).toContain("too fragmented for Mote's helper: soft reset");
    await expect(device.exec("print(len(hog))")).rejects.toMatchObject({ message: expect.stringContaining("NameError") });
  });

  it("soft resets and comes back to the prompt", async () => {
    await device.exec("x_before_reset = 1");
    await device.softReset();
    expect(device.runtime).toBe(RuntimeState.Idle);
    await expect(device.exec("print(x_before_reset)")).rejects.toMatchObject({ message: expect.stringContaining("NameError") });
  });

  it("pastes many lines into the friendly REPL through paste mode, paced", async () => {
    output.length = 0;
    const lines = ["total = 0", "for i in range(40):", "    total += i * i", "    # a comment to make the paste longer", ""];
    device.paste(`${lines.join("\n")}print('total', total)\n`);
    await expect.poll(() => output.join(""), { timeout: 10_000 }).toContain("total 20540");
  });

  it("writes, lists and reads back a file byte for byte", async () => {
    const text = Array.from({ length: 80 }, (_, i) => `print("line ${i}: \\x00 ' \\" \\\\ é")`).join("\n");
    const data = utf8(text);
    await device.writeFile("mote_t.py", data);
    expect(await device.listDir()).toContain("mote_t.py");
    expect(fromUtf8(await device.readFile("mote_t.py"))).toBe(text);
  });
});
