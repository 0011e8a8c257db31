import { afterEach, describe, expect, test } from "vitest";
import type { ByteTransport } from "../../device/transport";
import { MemoryFsStore } from "./fs-store";
import { createNodeVirtualBoard } from "./node";
import { ByteDriver, latin1 } from "./test-driver";

// Every test drives a real MicroPython WASM board in a Node worker_thread over raw bytes, as the core would.
const RAW_BANNER = "raw REPL; CTRL-B to exit\r\n>";
const boards: ByteTransport[] = [];

async function board(store = new MemoryFsStore()): Promise<ByteDriver> {
  const link = await createNodeVirtualBoard({ store });
  boards.push(link);
  const d = new ByteDriver(link);
  await d.until(">>> ");
  return d;
}

async function enterRaw(d: ByteDriver): Promise<void> {
  await d.send("\r\x01");
  await d.until(RAW_BANNER);
}

/** Plain raw-REPL exec; returns [stdout, stderr]. */
async function rawExec(d: ByteDriver, source: string, timeoutMs = 5000): Promise<[string, string]> {
  await d.send(source + "\x04");
  await d.until("OK", timeoutMs);
  const out = await d.until("\x04", timeoutMs);
  const err = await d.until("\x04", timeoutMs);
  await d.until(">", timeoutMs);
  return [out.slice(0, -1), err.slice(0, -1)];
}

afterEach(async () => {
  await Promise.all(boards.splice(0).map((b) => b.close()));
});

describe("virtual board (node worker, real WASM)", () => {
  test("node: greets with the banner and a friendly prompt, and evaluates a line", async () => {
    const d = await board();
    expect(d.text).toMatch(/^\r\nMicroPython v1\.\d+\.\d+[^\r]*; JS with Emscripten\r\nType "help\(\)" for more information\.\r\n>>> $/);
    await d.send("print(6*7)\r");
    const echo = await d.until(">>> ");
    expect(echo).toMatch(/^print\(6\*7\)\r\n42\r?\n>>> $/);
  });

  test("node: raw REPL exec frames stdout and a traceback on stderr", async () => {
    const d = await board();
    await enterRaw(d);
    expect(await rawExec(d, "print('hi')\nprint(1+1)")).toEqual(["hi\n2\n", ""]);
    const [out, err] = await rawExec(d, "print('before')\n1/0");
    expect(out).toBe("before\n");
    expect(err).toBe(
      'Traceback (most recent call last):\r\n  File "<stdin>", line 2, in <module>\r\nZeroDivisionError: divide by zero\r\n',
    );
    await d.send("\x02");
    await d.until(">>> ");
  });

  test("node: raw-paste handshake with flow control runs a 20 KB source", async () => {
    const d = await board();
    await enterRaw(d);
    const lines = ["total = 0"];
    for (let i = 0; lines.join("\n").length < 20_000; i++) lines.push(`total += ${i}  # padding padding padding`);
    const n = lines.length - 1;
    lines.push("print('sum', total)");
    const source = latin1(lines.join("\n"));
    expect(source.length).toBeGreaterThanOrEqual(20_000);

    await d.send("\x05A\x01");
    const header = await d.until("R", 2000);
    expect(header).toBe("R");
    await d.until("\x01", 2000);
    // Read the u16 window, then send no more than the board has granted.
    while (d.rest.length < 2) await new Promise((r) => setTimeout(r, 5));
    const w = d.rest.charCodeAt(0) | (d.rest.charCodeAt(1) << 8);
    expect(w).toBeGreaterThanOrEqual(128);
    await d.until(d.rest.slice(0, 2));
    let granted = w;
    let sent = 0;
    let grantsSeen = 0;
    while (sent < source.length) {
      // Count every 0x01 the board has sent since the header (the header's trailing 0x01 included).
      const grants = (d.rest.match(/\x01/g) ?? []).length;
      granted += (grants - grantsSeen) * w;
      grantsSeen = grants;
      if (granted - sent <= 0) {
        await new Promise((r) => setTimeout(r, 2));
        continue;
      }
      const chunk = source.subarray(sent, Math.min(source.length, sent + (granted - sent)));
      await d.send(chunk);
      sent += chunk.length;
    }
    await d.send("\x04");
    await d.until("\x04", 5000);
    const out = await d.until("\x04", 10_000);
    const err = await d.until("\x04", 5000);
    await d.until(">", 5000);
    expect(out.replace(/^\x01*/, "")).toBe(`sum ${(n * (n - 1)) / 2}\n\x04`);
    expect(err).toBe("\x04");
    // The board stays usable in raw mode afterwards.
    expect(await rawExec(d, "print(total)")).toEqual([`${(n * (n - 1)) / 2}\n`, ""]);
  });

  test("node: Ctrl-D soft-resets like a board in raw and in friendly mode", async () => {
    const d = await board();
    await enterRaw(d);
    await rawExec(d, "x = 5\nopen('soft.txt','w').write('kept')");
    await d.send("\x04");
    await d.until("OK\r\nMPY: soft reboot\r\n" + RAW_BANNER);
    const [, err] = await rawExec(d, "print(x)");
    expect(err).toContain("NameError");
    // Written just before the reset, and still known to the page after a forced restart.
    await (d.link as ByteTransport & { traits: { hardStop: () => Promise<void> } }).traits.hardStop();
    expect(await rawExec(d, "print(open('soft.txt').read())")).toEqual(["kept\n", ""]);
    await d.send("\x02");
    await d.until(">>> ");
    await d.send("y = 1\r");
    await d.until(">>> ");
    await d.send("\x04");
    const answer = await d.until(">>> ");
    expect(answer).toMatch(/^\r\nMPY: soft reboot\r\n\r?\nMicroPython v1\.[^\r]*\r\nType "help\(\)" for more information\.\r\n>>> $/);
  });

  test("node: Ctrl-C stops a time.sleep loop quickly with KeyboardInterrupt", async () => {
    const d = await board();
    await enterRaw(d);
    await d.send("import time\nwhile True:\n    print('tick')\n    time.sleep(10)\n\x04");
    await d.until("tick");
    const t0 = Date.now();
    await d.send("\x03");
    const out = await d.until("\x04", 2000);
    const err = await d.until("\x04>", 2000);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(out).toMatch(/\n\x04$/);
    // A real traceback with the line: Python raised it (a forced restart could not know the line).
    expect(err).toBe('Traceback (most recent call last):\r\n  File "<stdin>", line 4, in <module>\r\nKeyboardInterrupt: \r\n\x04>');
    expect(await rawExec(d, "print('alive')")).toEqual(["alive\n", ""]);
  });

  test("node: a Ctrl-C caught while printing still cuts short the sleep that follows", async () => {
    const d = await board();
    await enterRaw(d);
    // 300 KB overflows the output ring, so the Ctrl-C lands while print() runs (delivered from the stdout hook),
    // and the straight-line sleep after it must not wait its 10 s before the KeyboardInterrupt surfaces.
    await d.send("import time\nprint('x' * 300000)\ntime.sleep(10)\nprint('not reached')\n\x04");
    await d.until("OKx");
    const t0 = Date.now();
    await d.send("\x03");
    await d.until("\x04", 5000);
    const err = await d.until("\x04>", 5000);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(err).toContain("KeyboardInterrupt");
  });

  test("node: Ctrl-C during `while True: pass` returns to a prompt within 1 s and keeps files", async () => {
    const d = await board();
    await enterRaw(d);
    expect(await rawExec(d, "open('keep.txt','w').write('still here')")).toEqual(["", ""]);
    await d.send("while True:\n    pass\n\x04");
    await d.until("OK");
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    await d.send("\x03");
    await d.until("\x04", 1000);
    const err = await d.until("\x04>", 1000);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(err).toContain("KeyboardInterrupt");
    expect(await rawExec(d, "print(open('keep.txt').read())", 10_000)).toEqual(["still here\n", ""]);
  });

  test("node: friendly busy loop is interrupted with a traceback and a fresh prompt", async () => {
    const d = await board();
    await d.send("while True: pass\r\r");
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    await d.send("\x03");
    const answer = await d.until(">>> ", 1000);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(answer).toMatch(/KeyboardInterrupt: \r\n>>> $/);
    await d.send("print('back')\r");
    expect(await d.until(">>> ", 10_000)).toMatch(/back\r?\n>>> $/);
  });

  test("node: input() is answered through the byte stream", async () => {
    const d = await board();
    await d.send("name = input('Name? ')\r");
    await d.until("Name? ");
    await d.send("Ada\r");
    await d.until(">>> ");
    await d.send("print('hello', name)\r");
    expect(await d.until(">>> ")).toMatch(/hello Ada\r?\n>>> $/);
  });

  test("node: Ctrl-C while input() waits raises KeyboardInterrupt, without a restart", async () => {
    const d = await board();
    await enterRaw(d);
    await d.send("x = input('? ')\nprint('not reached')\n\x04");
    await d.until("OK? ");
    await d.send("\x03");
    const out = await d.until("\x04", 2000);
    const err = await d.until("\x04>", 2000);
    expect(out).toBe("\x04");
    expect(err).toMatch(/^Traceback \(most recent call last\):\r\n  File "<stdin>", line 1, in <module>\r\n.*KeyboardInterrupt: \r\n\x04>$/s);
  });

  test("node: all 256 byte values reach sys.stdin.buffer with kbd_intr(-1)", async () => {
    const d = await board();
    await enterRaw(d);
    const all = new Uint8Array(256).map((_, i) => i);
    await d.send(
      "import sys, micropython, hashlib, binascii\nmicropython.kbd_intr(-1)\nprint('go')\n" +
        "data = sys.stdin.buffer.read(256)\nmicropython.kbd_intr(3)\nprint(len(data), binascii.hexlify(data).decode())\x04",
    );
    await d.until("OKgo\n");
    await d.send(all);
    const out = await d.until("\x04");
    await d.until("\x04>");
    expect(out).toBe(`256 ${Buffer.from(all).toString("hex")}\n\x04`);
  });

  test("node: files survive closing the board and creating a new one with the same store", async () => {
    const store = new MemoryFsStore();
    const d1 = await board(store);
    await enterRaw(d1);
    await rawExec(d1, "import os\nos.mkdir('lib')\nopen('lib/m.py','w').write('X = 42')\nopen('gone.txt','w').write('x')");
    await rawExec(d1, "os.remove('gone.txt')");
    await d1.link.close();
    const d2 = await board(store);
    await enterRaw(d2);
    expect(await rawExec(d2, "import os\nfrom lib.m import X\nprint(X, 'gone.txt' in os.listdir())")).toEqual([
      "42 False\n",
      "",
    ]);
  });

  test("node: hardStop restarts the interpreter and keeps the filesystem", async () => {
    const d = await board();
    await enterRaw(d);
    await rawExec(d, "open('a.txt','w').write('A')\nv = 1");
    const link = d.link as ByteTransport & { traits: { hardStop: () => Promise<void> } };
    await link.traits.hardStop();
    const [, err] = await rawExec(d, "print(v)");
    expect(err).toContain("NameError");
    expect(await rawExec(d, "print(open('a.txt').read())")).toEqual(["A\n", ""]);
  });

  test("node: writes after close reject with Disconnected", async () => {
    const d = await board();
    await d.link.close();
    await expect(d.send("x")).rejects.toMatchObject({ code: "Disconnected" });
  });
});
