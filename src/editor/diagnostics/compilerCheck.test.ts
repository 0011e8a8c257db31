// The compiler stage against the real MicroPython WASM: line from MicroPython, column derived (see locate()).
import { beforeAll, describe, expect, it } from "vitest";
import { DiagnosticsEngine } from "./engine";
import { lineTokens } from "./lineTokens";
import { nodeLoaders } from "./testing/nodeLoaders";
import type { Diag } from "./types";

let engine: DiagnosticsEngine;
beforeAll(() => {
  engine = new DiagnosticsEngine(nodeLoaders);
});

const compilerOnly = async (src: string): Promise<Diag[]> => (await engine.compilerStage(src)).diags;

/** 1-based column of the n-th (0-based) occurrence of `needle` on line `line` of `src`. */
function col(src: string, line: number, needle: string, nth = 0): number {
  const text = src.split("\n")[line - 1];
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`${needle} not on line ${line}`);
  return at + 1;
}
const endOf = (src: string, line: number) => src.split("\n")[line - 1].trimEnd().length + 1;

interface Case {
  name: string;
  src: string;
  kind: string;
  message: RegExp;
  line: number;
  column: (src: string) => number;
  endColumn?: (src: string) => number;
}

const cases: Case[] = [
  {
    name: "missing colon",
    src: "while True\n    pass\n",
    kind: "SyntaxError",
    message: /invalid syntax/,
    line: 1,
    column: (s) => endOf(s, 1), // where the ":" should be
  },
  {
    name: "unclosed paren on an earlier line",
    src: "from machine import Pin\nled = Pin(2, Pin.OUT\nled.on()\n",
    kind: "SyntaxError",
    message: /invalid syntax/,
    line: 3,
    column: () => 1, // MicroPython stops at the first token it cannot take inside the open bracket
    endColumn: (s) => col(s, 3, "."),
  },
  {
    name: "unindent that matches no outer level",
    src: "if x:\n    a = 1\n  b = 2\n",
    kind: "IndentationError",
    message: /unindent doesn't match/,
    line: 3,
    column: () => 1,
    endColumn: (s) => col(s, 3, "b"),
  },
  {
    name: "unindent after blank and comment lines",
    src: "if x:\n    if y:\n        a = 1\n\n    # note\n      b = 2\n",
    kind: "IndentationError",
    message: /unindent doesn't match/,
    line: 6,
    column: () => 1,
    endColumn: (s) => col(s, 6, "b"),
  },
  {
    name: "unexpected indent",
    src: "x = 1\n    y = 2\n",
    kind: "IndentationError",
    message: /unexpected indent/,
    line: 2,
    column: () => 1,
    endColumn: (s) => col(s, 2, "y"),
  },
  {
    name: "tabs against spaces (a tab is 8 columns to MicroPython)",
    src: "if True:\n    x = 1\n\ty = 2\n",
    kind: "IndentationError",
    message: /unexpected indent/,
    line: 3,
    column: () => 1,
    endColumn: () => 2,
  },
  {
    name: "invalid assignment target",
    src: "x = 1\nx + 1 = 2\n",
    kind: "SyntaxError",
    message: /can't assign to expression/,
    line: 2,
    column: () => 1,
    endColumn: (s) => endOf(s, 2),
  },
  {
    name: "return outside a function",
    src: "x = 1\nif x:\n    return x\n",
    kind: "SyntaxError",
    message: /'return' outside function/,
    line: 3,
    column: (s) => col(s, 3, "return"),
    endColumn: (s) => col(s, 3, "return") + "return".length,
  },
  {
    name: "break outside a loop",
    src: "for i in range(3):\n    pass\nbreak\n",
    kind: "SyntaxError",
    message: /outside loop/,
    line: 3,
    column: () => 1,
    endColumn: () => 6,
  },
  {
    name: "const() of something that is not a constant",
    src: "from micropython import const\nn = 3\nX = const(n * 2)\n",
    kind: "SyntaxError",
    message: /not a constant/,
    line: 3,
    column: (s) => col(s, 3, "(") + 1,
    endColumn: (s) => col(s, 3, ")"),
  },
  {
    name: "operator with nothing after it",
    src: "x = 1 +\n",
    kind: "SyntaxError",
    message: /invalid syntax/,
    line: 1,
    column: (s) => endOf(s, 1),
  },
  {
    name: "two expressions side by side",
    src: "print('hi') now\n",
    kind: "SyntaxError",
    message: /invalid syntax/,
    line: 1,
    column: (s) => col(s, 1, "now"),
    endColumn: (s) => col(s, 1, "now") + 3,
  },
  {
    name: "bad token in the middle of a line after a string holding the same character",
    src: "msg = 'a = b' = = 2\n",
    kind: "SyntaxError",
    message: /invalid syntax/,
    line: 1,
    column: (s) => col(s, 1, "=", 3),
  },
  {
    name: "leading zero in a number (lexer error)",
    src: "x = 08\n",
    kind: "SyntaxError",
    message: /integer/,
    line: 1,
    column: (s) => col(s, 1, "08"),
    endColumn: (s) => col(s, 1, "08") + 2,
  },
  {
    name: "argument name reused (annotations may repeat)",
    src: "def f(a: int, b: int, a):\n    pass\n",
    kind: "SyntaxError",
    message: /argument name reused/,
    line: 1,
    column: (s) => col(s, 1, "a", 1),
  },
  {
    name: "bracket never closed before the end of the file",
    src: "data = [1, 2,\n",
    kind: "SyntaxError",
    message: /file ends/,
    line: 1,
    column: (s) => endOf(s, 1),
  },
  {
    name: "try without except at the end of the file",
    src: "try:\n    x = 1\n\n",
    kind: "SyntaxError",
    message: /file ends/,
    line: 2,
    column: (s) => endOf(s, 2),
  },
  {
    name: "Windows line endings count lines the same way",
    src: "x = 1\r\nif x\r\n    pass\r\n",
    kind: "SyntaxError",
    message: /invalid syntax/,
    line: 2,
    column: () => 5,
  },
];

describe("MicroPython compiler diagnostics", () => {
  it.each(cases)("$name", async (c) => {
    const diags = await compilerOnly(c.src);
    expect(diags).toHaveLength(1);
    const [d] = diags;
    expect(d.source).toBe("micropython");
    expect(d.severity).toBe("error");
    expect(d.code).toBe(c.kind);
    expect(d.message).toMatch(c.message);
    expect({ line: d.startLine, column: d.startColumn }).toEqual({ line: c.line, column: c.column(c.src) });
    if (c.endColumn) expect(d.endColumn).toBe(c.endColumn(c.src));
    expect(d.endLine).toBe(d.startLine);
  });

  it("marks a bad f-string whole at first, then Ruff's parser narrows it to the bad character", async () => {
    const src = "a = 1\nx = f'{a!z}'\n";
    const first = await compilerOnly(src);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ startLine: 2, startColumn: col(src, 2, "f'"), endColumn: endOf(src, 2) });
    const all = await engine.check(src);
    const mp = all.filter((d) => d.source === "micropython");
    expect(mp).toHaveLength(1);
    expect(mp[0]).toMatchObject({ startLine: 2, startColumn: col(src, 2, "z") });
    // The compiler's error is the only syntax error shown: Ruff's is folded into it.
    expect(all.filter((d) => d.code === "invalid-syntax")).toEqual([]);
  });

  it("accepts MicroPython-only code: native, viper with pointer types, inline assembler, const", async () => {
    const src = [
      "import micropython",
      "from micropython import const",
      "LED = const(2)",
      "",
      "@micropython.native",
      "def fast(n):",
      "    return n * LED",
      "",
      "@micropython.viper",
      "def total(buf, n: int) -> uint:",
      "    p = ptr8(buf)",
      "    s = uint(0)",
      "    for i in range(n):",
      "        s += p[i]",
      "    return s",
      "",
      "@micropython.asm_thumb",
      "def add1(r0):",
      "    label(loop)",
      "    add(r0, r0, 1)",
      "    cmp(r0, 10)",
      "    blt(loop)",
      "",
    ].join("\n");
    expect(await compilerOnly(src)).toEqual([]);
    expect(await engine.check(src)).toEqual([]);
  });

  it("the compiler never runs the code it checks", async () => {
    const stage = await engine.compilerStage("import sys\nsys.exit(3)\nwhile True:\n    pass\n");
    expect(stage).toMatchObject({ verdict: "ok", diags: [] });
  });
});

describe("lineTokens", () => {
  it("keeps strings, operators and names whole and stops at a comment", () => {
    const t = lineTokens("x **= f'{a}' + name_2 # = b");
    expect(t.map((k) => k.text)).toEqual(["x", "**=", "f'{a}'", "+", "name_2"]);
    expect(t.map((k) => k.kind)).toEqual(["name", "op", "string", "op", "name"]);
  });

  it("runs an unterminated string to the end of the line", () => {
    expect(lineTokens("s = 'abc # not a comment").at(-1)).toMatchObject({ kind: "string", end: 24 });
  });
});
