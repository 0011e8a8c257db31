import { afterEach, describe, expect, it } from "vitest";
import { bytesOf, fromUtf8, latin1 } from "./bytes";
import { connectDevice, type Device } from "./device";
import { ConnectionState, RuntimeState } from "./states";
import { chunksOf, ScriptedBoard, type ScriptedBoardOptions } from "./testing/scriptedBoard";

// Scripted fault streams against the real device core. The board here is a TEST DOUBLE (ScriptedBoard); the same
// core runs against the real WASM board and QEMU micro:bit in *.wasm.test.ts / *.qemu.test.ts.

// Short enough to keep the suite quick, long enough for a loaded 2-core CI box.
const fast = { connectTimeoutMs: 2000, replyMs: 800, interruptStepMs: 150 };
const open: Device[] = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.disconnect();
});

async function connect(o: ScriptedBoardOptions = {}) {
  const board = new ScriptedBoard(o);
  const device = await connectDevice(board, fast);
  open.push(device);
  const out: string[] = [];
  device.on("output", (d, s) => out.push(`${s}:${latin1(d)}`));
  return { board, device, out };
}

async function until(cond: () => boolean) {
  while (!cond()) await new Promise((r) => setTimeout(r, 5));
}

const helloExec = () => ({ stdout: "hello\r\n", stderr: "" });

describe("device core against scripted fault streams (test double)", () => {
  it("reads replies split at every byte and into chunks of every size up to 40", async () => {
    for (let n = 1; n <= 40; n++) {
      const { device } = await connect({ split: chunksOf(n), onExec: helloExec });
      expect(fromUtf8(await device.exec("print('hello')"))).toBe("hello\r\n");
      await device.disconnect();
    }
  });

  it("reads a reply split into two at every position", async () => {
    const probe = new ScriptedBoard({ onExec: helloExec });
    void probe;
    for (let cut = 1; cut < 60; cut++) {
      const split = (d: Uint8Array) => (d.length > cut ? [d.subarray(0, cut), d.subarray(cut)] : [d]);
      const { device } = await connect({ split, onExec: () => ({ stdout: "x=1\r\n", stderr: "" }) });
      expect(latin1(await device.exec("print('x=1')"))).toBe("x=1\r\n");
      await device.disconnect();
    }
  });

  it("handles bare \\n line ends", async () => {
    const { device } = await connect({ eol: "\n", onExec: () => ({ stdout: "a\nb\n" }) });
    expect(device.info.banner).toContain("MicroPython v1.23.0");
    expect(latin1(await device.exec("x"))).toBe("a\nb\n");
    await device.softReset();
    expect(device.runtime).toBe(RuntimeState.Idle);
  });

  it("ignores garbage before the prompt", async () => {
    const { device } = await connect({ garbage: "\x00\xff\xfe rst:0x1 (POWERON_RESET),boot:0x13\r\n>>> ", onExec: helloExec });
    expect(device.connection).toBe(ConnectionState.Connected);
    expect(latin1(await device.exec("x"))).toBe("hello\r\n");
  });

  it("fails with NotMicroPython within a bounded wait when the port speaks something else", async () => {
    const t0 = Date.now();
    await expect(connectDevice(new ScriptedBoard({ notMicroPython: true }), fast)).rejects.toMatchObject({ code: "NotMicroPython" });
    await expect(connectDevice(new ScriptedBoard({ silent: true }), fast)).rejects.toMatchObject({
      code: "NotMicroPython",
      message: expect.stringContaining("silent"),
    });
    expect(Date.now() - t0).toBeLessThan(2 * fast.connectTimeoutMs + 1000);
  });

  it("times out on a stalled board, then recovers to a working prompt", async () => {
    let first = true;
    const { device } = await connect({
      stallMs: 400,
      onExec: () => (first ? ((first = false), "stall") : { stdout: "back\r\n" }),
    });
    await expect(device.exec("x", { timeoutMs: 200 })).rejects.toMatchObject({ code: "Timeout" });
    expect(device.runtime).toBe(RuntimeState.Idle);
    await new Promise((r) => setTimeout(r, 450));
    expect(latin1(await device.exec("y"))).toBe("back\r\n");
  });

  it("notices a board that resets while a program runs", async () => {
    const { device, out } = await connect({ onExec: () => "reset" });
    const result = await device.run("import machine; machine.reset()");
    expect(result.reset).toBe(true);
    expect(device.runtime).toBe(RuntimeState.Idle);
    expect(out.join("")).toContain("partial output");
    expect(out.join("")).toContain("the board reset");
  });

  it("reports Disconnected when the cable is pulled mid-run, and goes to Lost", async () => {
    const { device } = await connect({ onExec: () => "unplug" });
    const states: string[] = [];
    const lost: string[] = [];
    device.on("state", (c, r) => states.push(`${c}/${r}`));
    device.on("lost", (e) => lost.push(e.code));
    await expect(device.run("while True: print(1)")).rejects.toMatchObject({ code: "Disconnected" });
    expect(device.connection).toBe(ConnectionState.Lost);
    expect(lost).toEqual(["Disconnected"]);
    expect(states[states.length - 1]).toBe("lost/idle");
    await expect(device.exec("x")).rejects.toMatchObject({ code: "Disconnected" });
    // Stop and input after a lost link are harmless no-ops.
    await device.stop();
    device.sendInput(bytesOf("x"));
  });

  it("falls back to plain raw REPL with paced writes when raw-paste is missing (R\\x00 and old firmware)", async () => {
    for (const rawPaste of ["no", "old"] as const) {
      const pacing = { chunkBytes: 32, delayMs: 2 };
      const { device, board } = await connect({ rawPaste, onExec: () => ({ stdout: "ok" }), traits: { pacing } });
      const src = "x = 1\n".repeat(400);
      await device.exec(src);
      expect(board.execs.at(-1)).toBe(src);
      expect(device.info.rawPaste).toBe(false);
      expect(Math.max(...board.writes.map((w) => w.length))).toBeLessThanOrEqual(32);
      // Learned once: the next exec does not ask again.
      const asked = board.writes.filter((w) => latin1(w).includes("\x05A\x01")).length;
      await device.exec("y = 2");
      expect(board.writes.filter((w) => latin1(w).includes("\x05A\x01")).length).toBe(asked);
    }
  });

  it("sends helper code again when a paced link damaged it into a SyntaxError, and only there", async () => {
    const pacing = { chunkBytes: 32, delayMs: 2 };
    const syntax = 'Traceback (most recent call last):\r\n  File "<stdin>", line 1\r\nSyntaxError: invalid syntax\r\n';
    let calls = 0;
    const damagedOnce = () => (++calls === 1 ? { stderr: syntax } : { stdout: "fine" });
    const { device } = await connect({ rawPaste: "no", onExec: damagedOnce, traits: { pacing } });
    expect(latin1(await device.exec("print('fine')"))).toBe("fine");
    expect(calls).toBe(2);
    // Always damaged: gives up after three tries with the board's error.
    calls = 0;
    const { device: d2 } = await connect({ rawPaste: "no", onExec: () => (++calls, { stderr: syntax }), traits: { pacing } });
    await expect(d2.exec("x")).rejects.toMatchObject({ code: "RemoteError" });
    expect(calls).toBe(3);
    // A link with flow control (raw-paste) never retries: there a SyntaxError is real.
    calls = 0;
    const { device: d3 } = await connect({ onExec: () => (++calls, { stderr: syntax }), traits: { pacing } });
    await expect(d3.exec("x")).rejects.toMatchObject({ code: "RemoteError" });
    expect(calls).toBe(1);
  });

  it("keeps keystrokes typed while a file operation holds the board and sends them after it", async () => {
    const { device, board } = await connect({ onExec: () => ({ stdout: "listing" }) });
    const op = device.exec("print('listing')");
    device.sendInput(bytesOf("typed"));
    expect(board.writes.some((w) => latin1(w).includes("typed"))).toBe(false);
    await op;
    await until(() => board.writes.some((w) => latin1(w) === "typed"));
    expect(device.runtime).toBe(RuntimeState.Idle);
  });

  it("lets Run wait for a short file operation instead of answering Busy", async () => {
    const { device, board } = await connect({ onExec: (code) => ({ stdout: code.includes("listing") ? "files" : "ran" }) });
    const listing = device.exec("print('listing')");
    const run = device.run("print('ran')");
    await listing;
    await expect(run).resolves.toMatchObject({ stderr: "", interrupted: false });
    expect(board.execs.slice(-2)).toEqual(["print('listing')", "print('ran')"]);
  });

  it("streams source through raw-paste within the board's window", async () => {
    const { device, board } = await connect({ window: 16, onExec: () => ({ stdout: "done" }) });
    const src = Array.from({ length: 300 }, (_, i) => `v${i} = ${i}`).join("\n");
    expect(latin1(await device.exec(src))).toBe("done");
    expect(board.execs.at(-1)).toBe(src); // the double throws if the host overruns its window
    expect(device.info.rawPaste).toBe(true);
  });

  it("turns a board aborting raw-paste into a ProtocolError and recovers", async () => {
    const { device } = await connect({ window: 16, abortPasteAfter: 40, onExec: () => ({ stdout: "" }) });
    await expect(device.exec("x = 1\n".repeat(50))).rejects.toMatchObject({ code: "ProtocolError" });
    expect(device.connection).toBe(ConnectionState.Connected);
  });

  it("stops a busy loop with Ctrl-C and reports it as interrupted", async () => {
    const { device, board } = await connect({ onExec: () => "busy" });
    const run = device.run("while True: pass");
    await new Promise((r) => setTimeout(r, 50));
    expect(device.runtime).toBe(RuntimeState.Running);
    await device.stop();
    const result = await run;
    expect(result.interrupted).toBe(true);
    expect(result.stderr).toContain("KeyboardInterrupt");
    expect(board.ctrlCs).toBe(1);
    expect(device.runtime).toBe(RuntimeState.Idle);
  });

  it("escalates to Ctrl-C + Ctrl-B when Ctrl-C is ignored", async () => {
    const { device, board } = await connect({ onExec: () => "deaf" });
    const run = device.run("import micropython; micropython.kbd_intr(-1)\nwhile True: pass");
    await until(() => board.execs.length > 0);
    await device.stop();
    expect((await run).interrupted).toBe(true);
    expect(board.ctrlCs).toBe(3);
  });

  it("uses the link's hard stop last, and frees the session when even that fails", async () => {
    let hard = 0;
    const board = new ScriptedBoard({ onExec: () => "deaf", traits: { hardStop: async () => void hard++ } });
    const device = await connectDevice(board, fast);
    // Make Ctrl-B useless too: the double ignores everything while "deaf" except Ctrl-B; swallow it from now on.
    const write = board.write.bind(board);
    board.write = (d) => write(d.filter((b) => b !== 0x02));
    open.push(device);
    const run = device.run("x");
    await until(() => board.execs.length > 0);
    await device.stop();
    expect(hard).toBe(1);
    await expect(run).rejects.toMatchObject({ code: "Timeout" });
    expect(device.runtime).toBe(RuntimeState.Idle);
  });

  it("runs one operation at a time: a second one gets Busy", async () => {
    const { device } = await connect({ onExec: () => "busy" });
    const run = device.run("while True: pass");
    await expect(device.exec("x")).rejects.toMatchObject({ code: "Busy" });
    await device.stop();
    await run;
  });

  it("walks the connection and runtime states in order", async () => {
    const board = new ScriptedBoard({ onExec: helloExec });
    const device = await connectDevice(board, fast);
    const states: string[] = [];
    device.on("state", (c, r) => states.push(`${c}/${r}`));
    await device.run("print('hello')");
    await device.exec("x");
    await device.disconnect();
    expect(states).toEqual([
      "connected/running",
      "connected/idle",
      "connected/busy",
      "connected/idle",
      "disconnecting/idle",
      "disconnected/idle",
    ]);
  });

  it("hands the banner and first prompt, printed while connecting, to the first output listener", async () => {
    const device = await connectDevice(new ScriptedBoard({}), fast);
    open.push(device);
    const first: string[] = [];
    const second: string[] = [];
    device.on("output", (d) => first.push(latin1(d)));
    device.on("output", (d) => second.push(latin1(d)));
    expect(first.join("")).toBe("MicroPython v1.23.0 on 2024-06-02; Scripted double\r\n>>> ");
    expect(second).toEqual([]);
  });

  it("sends terminal input straight through when idle, and a multi-line paste through paste mode", async () => {
    const { device, board } = await connect({});
    board.writes.length = 0;
    device.sendInput(bytesOf("1+1\r"));
    device.paste("for i in range(2):\n  print(i)\n");
    await new Promise((r) => setTimeout(r, 20));
    const sent = board.writes.map(latin1).join("");
    expect(sent).toBe("1+1\r\x05for i in range(2):\r  print(i)\r\x04");
  });
});
