// Ruff with Mote's MicroPython settings, on the real WASM build loaded with initSync in Node.
import { beforeAll, describe, expect, it } from "vitest";
import { nativeScopes, RuffTools } from "./ruffCheck";
import { MICROPYTHON_RUFF_SETTINGS } from "./ruffConfig";
import { nodeLoaders } from "./testing/nodeLoaders";

let ruff: RuffTools;
beforeAll(async () => {
  await nodeLoaders.ruff();
  ruff = new RuffTools();
});

const lines = (...l: string[]) => l.join("\n") + "\n";

// Each snippet is ordinary MicroPython that the default Ruff rules (or CPython habits) would complain about.
const quiet: Array<[string, string]> = [
  ["const imported", lines("from micropython import const", "LED_PIN = const(2)", "print(LED_PIN)")],
  ["const without import (MicroPython's compiler knows it)", lines("_ADDR = const(0x3C)", "print(_ADDR)")],
  [
    "native decorator with and without import micropython",
    lines("@micropython.native", "def f(x):", "    return x + 1", "", "print(f(1))"),
  ],
  [
    "viper pointer types as annotations and casts",
    lines(
      "import micropython",
      "",
      "@micropython.viper",
      "def fill(buf: ptr8, n: int, v: uint) -> int:",
      "    p16 = ptr16(buf)",
      "    p32 = ptr32(buf)",
      "    q = ptr(buf)",
      "    for i in range(n):",
      "        buf[i] = v",
      "    return p16[0] + p32[0] + int(q[0])",
      "",
      "print(fill)",
    ),
  ],
  [
    "inline assembler: registers, labels, instructions",
    lines(
      "@micropython.asm_thumb",
      "def count(r0):",
      "    mov(r1, 0)",
      "    label(loop)",
      "    add(r1, r1, 1)",
      "    cmp(r1, r0)",
      "    blt(loop)",
      "    mov(r0, r1)",
      "",
      "print(count(5))",
    ),
  ],
  ["MicroPython-only modules", lines("import utime", "import ubinascii", "import esp32", "utime.sleep_ms(ubinascii.crc32(b'') + esp32.raw_temperature())")],
  ["while True with a bare except", lines("import machine", "while True:", "    try:", "        machine.idle()", "    except:", "        pass")],
  ["global state in a callback", lines("count = 0", "", "def tick(t):", "    global count", "    count += 1", "", "print(count)")],
  ["star import from machine", lines("from machine import *", "led = Pin(2, Pin.OUT)", "led.on()", "print(freq())")],
  ["lambda callback assigned to a name", lines("from machine import Timer", "cb = lambda t: print(t)", "Timer(0).init(period=500, callback=cb)")],
  ["two modules on one import line", lines("import time, gc", "gc.collect()", "time.sleep(1)")],
  ["import after setup code", lines("import gc", "gc.collect()", "import network", "print(network)")],
  ["short pin names", lines("l = 1", "I = 2", "O = 3", "print(l, I, O)")],
  ["a long line", lines(`print("${"x".repeat(150)}")`)],
];

describe("Ruff settings for MicroPython", () => {
  it.each(quiet)("stays quiet: %s", (_name, src) => {
    expect(ruff.lint(src)).toEqual([]);
  });

  it("still flags an undefined name as an error at its exact place", () => {
    const src = lines("import time", "time.sleep(dely)");
    const d = ruff.lint(src);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ source: "ruff", code: "F821", severity: "error", startLine: 2, startColumn: 12, endColumn: 16 });
  });

  it("flags an unused local as a greyed-out warning", () => {
    const src = lines("def read():", "    value = 3", "    return 1");
    expect(ruff.lint(src)).toEqual([
      expect.objectContaining({ code: "F841", severity: "warning", startLine: 2, startColumn: 5, tags: ["unnecessary"] }),
    ]);
  });

  it("flags == None and an unused import (as a hint)", () => {
    const d = ruff.lint(lines("import os", "x = None", "if x == None:", "    pass"));
    expect(d.map((x) => [x.code, x.severity, x.startLine])).toEqual(
      expect.arrayContaining([
        ["F401", "hint", 1],
        ["E711", "warning", 3],
      ]),
    );
  });

  it("only excuses pointer names inside viper functions", () => {
    const src = lines("@micropython.viper", "def f(p: ptr8):", "    return p[0]", "", "x: ptr8 = None");
    const d = ruff.lint(src);
    expect(d.map((x) => [x.code, x.startLine])).toEqual([["F821", 5]]);
  });

  it("finds the extent of decorated native functions", () => {
    const src = lines("@micropython.asm_thumb", "def f(r0):", "    nop()", "", "    # still inside", "    nop()", "x = 1");
    expect(nativeScopes(src)).toEqual([{ kind: "asm", first: 1, last: 6 }]);
  });

  it("formats with 4-space indents, preserved quotes and a 99-column limit", () => {
    const src = lines(
      "import machine",
      "def blink(pin,times = 3):",
      "  for i in range( times ):",
      "      pin.on() ; pin.off()",
      "d = {'a':1,\"b\":2}",
      `values = [${Array.from({ length: 30 }, (_, i) => i).join(",")}]`,
    );
    const out = ruff.format(src);
    expect(typeof out).toBe("string");
    const text = out as string;
    expect(text).toContain("\n\n\ndef blink(pin, times=3):\n    for i in range(times):\n        pin.on()\n        pin.off()\n");
    expect(text).toContain(`d = {'a': 1, "b": 2}`);
    expect(Math.max(...text.split("\n").map((l) => l.length))).toBeLessThanOrEqual(MICROPYTHON_RUFF_SETTINGS["line-length"]);
    // Formatting is stable: a second pass changes nothing.
    expect(ruff.format(text)).toBe(text);
  });

  it("refuses to format unparsable code and says where", () => {
    const out = ruff.format(lines("x = 1", "def f(:", "    pass"));
    expect(out).toMatchObject({ kind: "syntax", line: 2 });
  });
});
