// Both stages together: how the compiler's verdict and Ruff's findings are merged, and how long a big file takes.
import { beforeAll, describe, expect, it } from "vitest";
import { DiagnosticsEngine } from "./engine";
import { nodeLoaders } from "./testing/nodeLoaders";
import { isFormatError } from "./types";

let engine: DiagnosticsEngine;
beforeAll(() => {
  engine = new DiagnosticsEngine(nodeLoaders);
});

describe("merging the compiler's and Ruff's findings", () => {
  it("a curly quote pasted from a web page: MicroPython takes it for a name, Ruff's parser points at it", async () => {
    const src = "print(\u201chello\u201d)\n";
    const d = await engine.check(src);
    expect(d.filter((x) => x.source === "micropython")).toEqual([]);
    expect(d[0]).toMatchObject({ source: "ruff", code: "invalid-syntax", severity: "warning", startLine: 1, startColumn: 7 });
  });

  it("a compile error is shown once, by the compiler, not again by Ruff", async () => {
    const src = "for i in range(3):\n    pass\nbreak\nx = undefined_thing\n";
    const d = await engine.check(src);
    expect(d.filter((x) => x.startLine === 3)).toEqual([
      expect.objectContaining({ source: "micropython", startColumn: 1, message: expect.stringMatching(/outside loop/) }),
    ]);
    // Lint on other lines still comes through.
    expect(d).toContainEqual(expect.objectContaining({ source: "ruff", code: "F821", startLine: 4 }));
  });

  it("drops Ruff's own syntax errors when the compiler already reported one", async () => {
    const d = await engine.check("a = (1,\nb = 2\nc = 3\n");
    expect(d.map((x) => x.source)).toEqual(["micropython"]);
    expect(d[0]).toMatchObject({ startLine: 2, startColumn: 3 });
  });

  it("without MicroPython, Ruff's syntax errors stand as errors", async () => {
    const noCompiler = new DiagnosticsEngine({ compiler: () => Promise.reject(new Error("no wasm")), ruff: nodeLoaders.ruff });
    const stage = await noCompiler.compilerStage("x = (\n");
    expect(stage.verdict).toBe("unavailable");
    const d = await noCompiler.check("x = (\n");
    expect(d[0]).toMatchObject({ source: "ruff", severity: "error" });
  });
});

describe("format", () => {
  it("formats valid code", async () => {
    const out = await engine.format("x=[1,2]\n");
    expect(out).toBe("x = [1, 2]\n");
  });

  it("leaves a file the compiler rejects untouched, naming the line", async () => {
    // Ruff's grammar accepts `match`; MicroPython does not, so formatting is refused anyway.
    const out = await engine.format("x = 1\nmatch x:\n    case 1:\n        pass\n");
    expect(isFormatError(out)).toBe(true);
    expect(out).toMatchObject({ kind: "syntax", line: 2, message: expect.stringMatching(/line 2/) });
  });
});

/** A plausible board program of `n` lines: functions, classes, loops, comments, strings. */
function sampleProgram(n: number): string {
  const out = ["import time", "import machine", "from micropython import const", "", "LED = const(2)", ""];
  for (let i = 0; out.length < n - 2; i++) {
    out.push(
      `def step_${i}(pin, count=${i}):`,
      `    """Blink ${i}: toggles the pin count times."""`,
      "    total = 0",
      "    for k in range(count):",
      "        pin.value(k % 2)",
      `        total += k * ${i}  # running sum`,
      "        time.sleep_ms(10)",
      "    return total",
      "",
    );
  }
  out.push("led = machine.Pin(LED, machine.Pin.OUT)", "print(step_0(led))");
  return out.join("\n") + "\n";
}

describe("a 500-line file", () => {
  it("is checked in full; the time per check is printed, not asserted", async () => {
    const src = sampleProgram(500);
    expect(src.split("\n").length).toBeGreaterThanOrEqual(500);
    await engine.check(src); // loads both modules
    const broken = src.replace("    return total\n\ndef step_50", "    return total +\n\ndef step_50");
    const time = async (text: string, runs: number, what: (text: string) => Promise<unknown> = (x) => engine.check(x)) => {
      const t: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await what(text);
        t.push(performance.now() - t0);
      }
      t.sort((a, b) => a - b);
      return { p50: t[Math.floor(runs / 2)].toFixed(1), p95: t[Math.floor(runs * 0.95)].toFixed(1) };
    };
    const valid = await time(src, 40);
    const withError = await time(broken, 40);
    const stage = (x: string) => engine.compilerStage(x);
    const compiler = await time(src, 40, stage);
    const compilerError = await time(broken, 40, stage);
    console.log(
      `500-line check (ms), both stages: valid p50 ${valid.p50} p95 ${valid.p95}; ` +
        `with a syntax error near line 450 p50 ${withError.p50} p95 ${withError.p95}. ` +
        `Compiler stage alone: valid p50 ${compiler.p50} p95 ${compiler.p95}; ` +
        `with the error p50 ${compilerError.p50} p95 ${compilerError.p95}`,
    );
    const d = await engine.check(broken);
    expect(d.filter((x) => x.source === "micropython")).toHaveLength(1);
    expect(await engine.check(src)).toEqual([]);
  });
});
