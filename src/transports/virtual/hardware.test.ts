import { afterEach, describe, expect, test } from "vitest";
import { BLINK_EXAMPLE, BUTTON_EXAMPLE } from "../../hardware/examples";
import type { HardwareState, VirtualHardware } from "./hardware";
import { MemoryFsStore } from "./fs-store";
import { createNodeVirtualBoard } from "./node";
import { ByteDriver } from "./test-driver";

// The `machine` module against the real MicroPython WASM board in a Node worker_thread, inputs set through the
// shared buffer exactly as the panel sets them.
const RAW_BANNER = "raw REPL; CTRL-B to exit\r\n>";
const links: Array<{ close(): Promise<void> }> = [];

interface Board {
  d: ByteDriver;
  hw: VirtualHardware;
}

async function board(store = new MemoryFsStore()): Promise<Board> {
  const link = await createNodeVirtualBoard({ store });
  links.push(link);
  const d = new ByteDriver(link);
  await d.until(">>> ");
  return { d, hw: link.hardware };
}

async function enterRaw(d: ByteDriver): Promise<void> {
  await d.send("\r\x01");
  await d.until(RAW_BANNER);
}

async function rawExec(d: ByteDriver, source: string, timeoutMs = 5000): Promise<[string, string]> {
  await d.send(source + "\x04");
  await d.until("OK", timeoutMs);
  const out = await d.until("\x04", timeoutMs);
  const err = await d.until("\x04", timeoutMs);
  await d.until(">", timeoutMs);
  return [out.slice(0, -1), err.slice(0, -1)];
}

/** Start a program in the raw REPL without waiting for it to end. */
async function startProgram(d: ByteDriver, source: string): Promise<void> {
  await d.send(source + "\x04");
  await d.until("OK");
}

/** Record pin `pin`'s output level each time the page hears it changed; resolve when `done` says so. */
function watchPin(hw: VirtualHardware, pin: number, done: (levels: number[]) => boolean, timeoutMs = 8000) {
  const levels: number[] = [];
  return new Promise<number[]>((resolve, reject) => {
    const timer = setTimeout(() => (off(), reject(new Error(`pin ${pin} levels so far: ${levels.join(",")}`))), timeoutMs);
    const off = hw.onHardware((state, changed) => {
      if (!changed.includes(pin)) return;
      const p = state.pins.get(pin);
      if (p?.mode !== "out") return;
      levels.push(p.value);
      if (done(levels)) {
        clearTimeout(timer);
        off();
        resolve(levels);
      }
    });
  });
}

/** The page hears of pin changes by message, a moment after the program made them. */
async function stateWhere(hw: VirtualHardware, ok: (s: HardwareState) => boolean, timeoutMs = 3000): Promise<HardwareState> {
  const deadline = Date.now() + timeoutMs;
  while (!ok(hw.state())) {
    if (Date.now() > deadline) throw new Error(`state never matched: ${JSON.stringify([...hw.state().pins.values()])}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return hw.state();
}

afterEach(async () => {
  await Promise.all(links.splice(0).map((l) => l.close()));
});

describe("virtual board machine module (node worker, real WASM)", () => {
  test("the seed's blink example, unchanged, drives pin 2 high and low in turn; Ctrl-C stops it", async () => {
    const { d, hw } = await board();
    await enterRaw(d);
    const seen = watchPin(hw, 2, (l) => l.length >= 4);
    await startProgram(d, BLINK_EXAMPLE);
    const levels = await seen;
    // Each level the page hears differs from the one before (the initial low may merge with the first on()).
    const flips = levels.slice(1).map((v, i) => v !== levels[i]);
    expect(flips).toEqual(flips.map(() => true));
    expect(new Set(levels)).toEqual(new Set([0, 1]));
    expect(hw.ledLevel(2)).toBe(hw.state().pins.get(2)?.value);
    await d.send("\x03");
    await d.until("\x04", 2000);
    const err = await d.until("\x04>", 2000);
    // The interrupt lands in the loop: a line from `led.on()` to the second `sleep(1)`.
    const lines = BLINK_EXAMPLE.split("\n");
    const first = lines.indexOf("    led.on()") + 1;
    const loop = Array.from({ length: 4 }, (_, i) => first + i).join("|");
    expect(err).toMatch(new RegExp(`line (${loop}), in <module>\r\nKeyboardInterrupt: \r\n\x04>$`));
    expect(await rawExec(d, "print('alive')")).toEqual(["alive\n", ""]);
  }, 20_000);

  test("a falling-edge IRQ handler runs while the program sleeps, on a press set through the shared buffer", async () => {
    const { d, hw } = await board();
    await enterRaw(d);
    await startProgram(
      d,
      [
        "from machine import Pin",
        "import time",
        "hits = []",
        "def pressed(p):",
        "    hits.append(p.value())",
        "    print('irq', p, p.value())",
        "btn = Pin(0, Pin.IN, Pin.PULL_UP)",
        "btn.irq(handler=pressed, trigger=Pin.IRQ_FALLING)",
        "print('ready')",
        "time.sleep(30)",
      ].join("\n"),
    );
    await d.until("ready\n");
    hw.setButton(0, true);
    expect(await d.until("irq Pin(0) 0\n", 3000)).toBe("irq Pin(0) 0\n");
    // Releasing is a rising edge, which this handler did not ask for.
    hw.setButton(0, false);
    hw.setButton(0, true);
    await d.until("irq Pin(0) 0\n", 3000);
    expect(d.rest).not.toContain("irq");
    await d.send("\x03");
    await d.until("KeyboardInterrupt", 2000);
  }, 20_000);

  test("the seed's button loop prints Pressed and Released as the level changes", async () => {
    const { d, hw } = await board();
    await enterRaw(d);
    await startProgram(d, BUTTON_EXAMPLE);
    await stateWhere(hw, (s) => s.pins.get(0)?.mode === "in" && s.pins.get(0)?.pull === "up");
    hw.setButton(0, true);
    await d.until("Button Pressed\n", 3000);
    hw.setButton(0, false);
    await d.until("Button Released\n", 3000);
    hw.setButton(0, true);
    await d.until("Button Pressed\n", 3000);
    expect(d.text.match(/Button (Pressed|Released)/g)).toEqual(["Button Pressed", "Button Released", "Button Pressed"]);
    await d.send("\x03");
    await d.until("KeyboardInterrupt", 2000);
  }, 20_000);

  test("a polling loop with no sleep sees the button and still stops on Ctrl-C", async () => {
    const { d, hw } = await board();
    await enterRaw(d);
    await startProgram(d, "from machine import Pin\nb = Pin(0, Pin.IN, Pin.PULL_UP)\nprint('go')\nwhile b.value() == 1:\n    pass\nprint('low')\nwhile True:\n    b.value()\n");
    await d.until("go\n");
    hw.setButton(0, true);
    await d.until("low\n", 3000);
    await d.send("\x03");
    const err = await d.until("\x04>", 2000);
    // Raised by Python in the loop (a forced restart would not know the line); it may surface inside Pin.value().
    expect(err).toContain('File "<stdin>", line 8, in <module>\r\n');
    expect(err).toMatch(/KeyboardInterrupt: \r\n\x04>$/);
  }, 20_000);

  test("ADC read_u16 and read follow the value the page sets", async () => {
    const { d, hw } = await board();
    await enterRaw(d);
    await rawExec(d, "from machine import ADC, Pin\nadc = ADC(Pin(34))");
    await stateWhere(hw, (s) => s.pins.get(34)?.mode === "analog");
    hw.setAnalog(34, 40000);
    expect(await rawExec(d, "print(adc.read_u16(), adc.read())")).toEqual([`40000 ${40000 >> 4}\n`, ""]);
    hw.setAnalog(34, 123);
    expect(await rawExec(d, "print(adc.read_u16())")).toEqual(["123\n", ""]);
  }, 20_000);

  test("PWM freq and duty reach the page and set the LED's brightness", async () => {
    const { d, hw } = await board();
    await enterRaw(d);
    expect(await rawExec(d, "from machine import Pin, PWM\np = PWM(Pin(25), freq=1000, duty_u16=16384)\nprint(p.freq(), p.duty_u16(), p.duty())")).toEqual(["1000 16384 256\n", ""]);
    const s = await stateWhere(hw, (st) => st.pins.get(25)?.mode === "pwm");
    expect(s.pins.get(25)).toMatchObject({ mode: "pwm", freq: 1000, dutyU16: 16384 });
    expect(hw.ledLevel(25)).toBeCloseTo(16384 / 65535, 5);
    await rawExec(d, "p.deinit()\nled = Pin('LED', Pin.OUT, value=1)");
    await stateWhere(hw, (st) => st.pins.get(25)?.mode === "out" && st.pins.get(25)?.value === 1);
  }, 20_000);

  test("a periodic Timer calls back during a sleep, about period by period", async () => {
    const { d } = await board();
    await enterRaw(d);
    const [out, err] = await rawExec(
      d,
      "from machine import Timer\nimport time\nn = 0\ndef tick(t):\n    global n\n    n += 1\n" +
        "t = Timer(0, mode=Timer.PERIODIC, period=100, callback=tick)\ntime.sleep_ms(1050)\nt.deinit()\nseen = n\n" +
        "time.sleep_ms(300)\nprint(seen, n)\n" +
        "Timer(1, mode=Timer.ONE_SHOT, period=50, callback=lambda t: print('once'))\ntime.sleep_ms(200)\n",
      10_000,
    );
    expect(err).toBe("");
    const [line, once] = out.split("\n");
    const [seen, after] = line.split(" ").map(Number);
    // At most 10 periods fit in the sleep (a timer is never early); a loaded machine may skip late ones, so the
    // lower bound only asks that it kept repeating.
    expect(seen).toBeGreaterThanOrEqual(3);
    expect(seen).toBeLessThanOrEqual(10);
    expect(after).toBe(seen);
    expect(once).toBe("once");
  }, 20_000);

  test("machine.reset() brings back the banner like a hard reset, with the files kept", async () => {
    const { d, hw } = await board();
    await enterRaw(d);
    await startProgram(
      d,
      "import machine\nmachine.Pin(2, machine.Pin.OUT, value=1)\nopen('boot_note.txt','w').write('kept')\nmachine.reset()\nprint('not reached')",
    );
    const answer = await d.until(">>> ", 20_000);
    expect(answer).toMatch(/MicroPython v1\.[^\r]*\r\nType "help\(\)" for more information\.\r\n>>> $/);
    expect(answer).not.toContain("not reached");
    // A reset forgets the pins' setup.
    await stateWhere(hw, (s) => s.pins.size === 0);
    await d.send("import machine; print(open('boot_note.txt').read(), machine.reset_cause() == machine.HARD_RESET)\r");
    expect(await d.until(">>> ", 5000)).toMatch(/kept True\r?\n>>> $/);
  }, 30_000);

  test("buses the virtual board lacks say so (network has its own tests in net/socket.test.ts)", async () => {
    const { d } = await board();
    await enterRaw(d);
    const [, err3] = await rawExec(d, "import machine\nmachine.time_pulse_us(machine.Pin(4), 1)");
    expect(err3).toContain("not on the virtual board");
  }, 20_000);
  test("a failing callback is reported and the program goes on; Ctrl-C inside a callback stops the program", async () => {
    const { d } = await board();
    await enterRaw(d);
    const [out] = await rawExec(
      d,
      "from machine import Timer\nimport time\nTimer(0, mode=Timer.ONE_SHOT, period=10, callback=lambda t: 1/0)\n" +
        "time.sleep_ms(100)\nprint('went on')",
    );
    expect(out).toMatch(/^Uncaught exception in IRQ callback handler\nTraceback[^]*ZeroDivisionError: divide by zero\r?\nwent on\n$/);
    await startProgram(
      d,
      "from machine import Timer\nimport time\ndef flood(t):\n    n = 0\n    while True:\n        n += 1\n        print('cb', n)\n" +
        "Timer(0, mode=Timer.ONE_SHOT, period=10, callback=flood)\nwhile True:\n    time.sleep(30)",
    );
    await d.until("cb 100\n", 5000);
    await d.send("\x03");
    const err = await d.until("\x04>", 3000);
    // Raised by Python in the program (a forced restart would print no File line at all).
    expect(err).toMatch(/File "<stdin>", line \d+, in [^]*KeyboardInterrupt: \r\n\x04>$/);
    expect(await rawExec(d, "print('alive')", 10_000)).toEqual(["alive\n", ""]);
  }, 30_000);

  test("machine.soft_reset() soft-reboots like Ctrl-D and forgets the pins; idle() runs callbacks", async () => {
    const { d, hw } = await board();
    await d.send("import machine; n = []; t = machine.Timer(0, period=20, callback=n.append)\r");
    await d.until(">>> ");
    await d.send("for i in range(100): machine.idle()\r\r");
    await d.until(">>> ");
    await d.send("print(len(n) > 0)\r");
    expect(await d.until(">>> ")).toMatch(/True\r?\n>>> $/);
    await d.send("p = machine.Pin(2, machine.Pin.OUT, value=1); machine.soft_reset()\r");
    const answer = await d.until(">>> ", 20_000);
    expect(answer).toMatch(/MPY: soft reboot\r\n[^]*for more information\.\r\n>>> $/);
    await stateWhere(hw, (s) => s.pins.size === 0);
    await d.send("print('n' in dir())\r");
    expect(await d.until(">>> ")).toMatch(/False\r?\n>>> $/);
  }, 30_000);

  test("at the friendly prompt, as on a board, an IRQ handler fires on a press and a Timer keeps ticking", async () => {
    const { d, hw } = await board();
    await d.send("from machine import Pin, Timer; b = Pin(0, Pin.IN, Pin.PULL_UP); b.irq(lambda p: print('edge', p.value()))\r");
    await d.until(">>> ");
    hw.setButton(0, true);
    await d.until("edge 0\n", 3000);
    hw.setButton(0, false);
    await d.until("edge 1\n", 3000);
    await d.send("t = Timer(0, period=30, callback=lambda t: print('tick'))\r");
    await d.until("tick\ntick\n", 3000);
    await d.send("t.deinit()\r");
    // Typing still works between callbacks; once deinit ran, no tick follows the answer.
    await d.send("print('answer', 6*7)\r");
    await d.until("answer 42", 3000);
    await d.until(">>> ", 3000);
    await new Promise((r) => setTimeout(r, 200));
    expect(d.rest).not.toContain("tick");
  }, 30_000);
});
