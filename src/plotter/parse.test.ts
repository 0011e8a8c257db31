import { describe, expect, it } from "vitest";
import { LineSplitter, MAX_LINE_CHARS, PlotParser, numberOf, parsePlotLine, type ParsedLine } from "./parse";

describe("parsePlotLine", () => {
  const table: Array<[string, ParsedLine]> = [
    // print(t, v) and friends
    ["1 2", { kind: "numbers", texts: ["1", "2"] }],
    ["0.5\t-3.25\t1e-05", { kind: "numbers", texts: ["0.5", "-3.25", "1e-05"] }],
    ["12, 21.5, 40", { kind: "numbers", texts: ["12", "21.5", "40"] }],
    ["12,21.5,40", { kind: "numbers", texts: ["12", "21.5", "40"] }],
    ["1;2;3", { kind: "numbers", texts: ["1", "2", "3"] }],
    ["   7   ", { kind: "numbers", texts: ["7"] }],
    ["(1, 2.0)", { kind: "numbers", texts: ["1", "2.0"] }],
    ["[3, 4]", { kind: "numbers", texts: ["3", "4"] }],
    ["1,2,", { kind: "numbers", texts: ["1", "2"] }],
    ["1,,3", { kind: "numbers", texts: ["1", "", "3"] }],
    ["inf -inf nan", { kind: "numbers", texts: ["inf", "-inf", "nan"] }],
    [".5 +2 1.5E+10 3.", { kind: "numbers", texts: [".5", "+2", "1.5E+10", "3."] }],
    // name:value pairs
    ["temp:21.5 hum:40", { kind: "pairs", names: ["temp", "hum"], texts: ["21.5", "40"] }],
    ["temp:21.5,hum:40", { kind: "pairs", names: ["temp", "hum"], texts: ["21.5", "40"] }],
    ["temp: 21.5 hum: 40", { kind: "pairs", names: ["temp", "hum"], texts: ["21.5", "40"] }],
    ["x=1, y=-2", { kind: "pairs", names: ["x", "y"], texts: ["1", "-2"] }],
    ["{'temp': 21.5, 'hum': 40}", { kind: "pairs", names: ["temp", "hum"], texts: ["21.5", "40"] }],
    ["accel.x:0.1 ch-1:2 température:3", { kind: "pairs", names: ["accel.x", "ch-1", "température"], texts: ["0.1", "2", "3"] }],
    ["a:1 a:2", { kind: "pairs", names: ["a"], texts: ["1"] }],
    // headers
    ["t,temp,hum", { kind: "header", names: ["t", "temp", "hum"] }],
    ["i, sin, cos", { kind: "header", names: ["i", "sin", "cos"] }],
    ["time;temp °C;hum %", { kind: "header", names: ["time", "temp °C", "hum %"] }],
    ["('t', 'v')", { kind: "header", names: ["t", "v"] }],
    ["a,a,b", { kind: "header", names: ["a", "a 2", "b"] }],
    ["v (mV), temp (°C)", { kind: "header", names: ["v (mV)", "temp (°C)"] }],
    // everything else is text, and ignored
    [">>> ", { kind: "text" }],
    [">>> print(1, 2)", { kind: "text" }],
    [">>> x = 5", { kind: "text" }],
    ["...     print(i)", { kind: "text" }],
    ["Traceback (most recent call last):", { kind: "text" }],
    ['  File "<stdin>", line 3, in <module>', { kind: "text" }],
    ["ZeroDivisionError: divide by zero", { kind: "text" }],
    ["MicroPython v1.27.0 on 2025-12-10; JS with Emscripten", { kind: "text" }],
    ["hello world", { kind: "text" }],
    ["Well, this is a sentence", { kind: "text" }],
    ["sensor ready, waiting for data", { kind: "text" }],
    ["temp", { kind: "text" }],
    ["1 2 apples", { kind: "text" }],
    ["temp:21.5 40", { kind: "text" }],
    ["temp:warm", { kind: "text" }],
    ["=1:2", { kind: "text" }],
    ["0x1f 2", { kind: "text" }],
    ["1,2 3", { kind: "text" }],
    ["", { kind: "text" }],
    ["()", { kind: "text" }],
    [",,", { kind: "text" }],
    ["1:2:3", { kind: "text" }],
    ["12:30:05", { kind: "text" }],
    ["a,1b", { kind: "text" }],
    ["\x1b[31m1 2\x1b[0m", { kind: "text" }],
  ];
  it.each(table)("%j", (line, expected) => {
    expect(parsePlotLine(line)).toEqual(expected);
  });

  it("ignores a line longer than the limit and one with too many fields", () => {
    expect(parsePlotLine("1 ".repeat(MAX_LINE_CHARS))).toEqual({ kind: "text" });
    expect(parsePlotLine(Array.from({ length: 40 }, (_, i) => i).join(","))).toEqual({ kind: "text" });
  });
});

describe("numberOf", () => {
  it("reads Python's spellings", () => {
    expect(numberOf("1e-05")).toBe(0.00001);
    expect(numberOf("-inf")).toBe(-Infinity);
    expect(numberOf("inf")).toBe(Infinity);
    expect(numberOf("+Infinity")).toBe(Infinity);
    expect(numberOf("nan")).toBeNaN();
    expect(numberOf("3.")).toBe(3);
  });
});

describe("LineSplitter", () => {
  const splitAll = (chunks: string[]) => {
    const s = new LineSplitter();
    return chunks.flatMap((c) => s.push(c));
  };

  it("splits on \\r\\n and on bare \\n, holding a partial line for the next chunk", () => {
    expect(splitAll(["1 2\r\n3 4\n5", " 6\r", "\n"])).toEqual(["1 2", "3 4", "5 6"]);
  });

  it("gives the same lines however the stream is cut, down to one character per chunk", () => {
    const stream = "t,temp\r\n0, 21.5\r\n>>> print(1)\n1\r\n\r\nend";
    const whole = splitAll([stream]);
    for (let size = 1; size <= stream.length; size++) {
      const chunks: string[] = [];
      for (let i = 0; i < stream.length; i += size) chunks.push(stream.slice(i, i + size));
      expect(splitAll(chunks)).toEqual(whole);
    }
    expect(whole).toEqual(["t,temp", "0, 21.5", ">>> print(1)", "1", ""]);
  });

  it("drops an over-long line up to its end without holding it, then carries on", () => {
    const s = new LineSplitter();
    for (let i = 0; i < 100; i++) expect(s.push("x".repeat(500))).toEqual([]);
    expect(s.push("still the long line\n1 2\n")).toEqual(["1 2"]);
  });
});

describe("PlotParser", () => {
  it("names positional columns after a header with the same column count", () => {
    const p = new PlotParser();
    expect(p.push("i,sin,cos\r\n0, 0.0000, 1.0000\r\n")).toEqual([
      { names: ["i", "sin", "cos"], texts: ["0", "0.0000", "1.0000"], values: [0, 0, 1] },
    ]);
    expect(p.push("1 0.1987 0.9801 7\n")[0].names).toEqual(["i", "sin", "cos", "value 4"]);
  });

  it("renames columns when a header arrives mid-stream", () => {
    const p = new PlotParser();
    expect(p.push("1,2\na,b\n3,4\nc,d\n5,6\n").map((r) => r.names)).toEqual([
      ["value 1", "value 2"],
      ["a", "b"],
      ["c", "d"],
    ]);
  });

  it("does not let a stray text line with commas rename columns of another width", () => {
    const p = new PlotParser();
    expect(p.push("Hello, world\n1 2 3\n")[0].names).toEqual(["value 1", "value 2", "value 3"]);
    expect(p.columns).toBeNull();
  });

  it("keeps the last header in force across text lines and prompts", () => {
    const p = new PlotParser();
    const rows = p.push("a,b\n>>> \nsome log text\n1,2\nTraceback (most recent call last):\n3,4\n");
    expect(rows.map((r) => r.names)).toEqual([["a", "b"], ["a", "b"]]);
    expect(rows.map((r) => r.texts)).toEqual([["1", "2"], ["3", "4"]]);
  });

  it("leaves a CSV gap out of the row but keeps the later columns' names", () => {
    const p = new PlotParser();
    expect(p.push("x,y,z\n1,,3\n")).toEqual([{ names: ["x", "z"], texts: ["1", "3"], values: [1, 3] }]);
  });

  it("reads pairs whatever header is in force", () => {
    const p = new PlotParser();
    expect(p.push("a,b\ntemp:1 hum:2\n")).toEqual([{ names: ["temp", "hum"], texts: ["1", "2"], values: [1, 2] }]);
  });

  it("forgets the header and a partial line on reset", () => {
    const p = new PlotParser();
    p.push("a,b\n1,2\n3,");
    p.reset();
    expect(p.push("4\n5,6\n")).toEqual([
      { names: ["value 1"], texts: ["4"], values: [4] },
      { names: ["value 1", "value 2"], texts: ["5", "6"], values: [5, 6] },
    ]);
  });
});

describe("PlotParser over a chunked stream", () => {
  it("yields the same rows for every way of cutting the stream", () => {
    const stream = ">>> \r\nt,temp,hum\r\n0, 21.5, 40\r\nlog: ready\r\n1, 21.6, 41\ntemp:22 hum:42\r\n2 21.7 43\r\n";
    const whole = new PlotParser().push(stream);
    expect(whole).toHaveLength(4);
    for (let size = 1; size <= 12; size++) {
      const p = new PlotParser();
      const rows = [];
      for (let i = 0; i < stream.length; i += size) rows.push(...p.push(stream.slice(i, i + size)));
      expect(rows).toEqual(whole);
    }
    expect(whole.map((r) => r.names.join("|"))).toEqual(["t|temp|hum", "t|temp|hum", "temp|hum", "t|temp|hum"]);
  });
});

describe("scanNumbers (the fast path) agrees with parsePlotLine", () => {
  it("on every line of the table above and on thousands of generated ones", async () => {
    const { scanNumbers } = await import("./scanNumbers");
    // Pieces a board might print, glued at random: numbers of many spellings, separators, brackets, junk.
    const atoms = ["0", "12", "-3.25", "+.5", "1e-05", "1.5E+10", "3.", "7e", ".", "-", "inf", "nan", "x", "a:1", "", "1,5"];
    const seps = [",", ", ", " ,", ";", "\t", " ", "  ", " \t ", ",,", ": ", "\r"];
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
    const lines: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const n = 1 + rand(5);
      let line = "";
      for (let k = 0; k < n; k++) line += (k ? seps[rand(seps.length)] : "") + atoms[rand(atoms.length)];
      const wrap = rand(6);
      if (wrap === 0) line = `(${line})`;
      if (wrap === 1) line = `[ ${line} ]`;
      if (wrap === 2) line = `  ${line} \t`;
      if (wrap === 3) line += ",";
      lines.push(line);
    }
    let accepted = 0;
    for (const line of lines) {
      const quick = scanNumbers(line);
      if (quick === null) continue;
      accepted++;
      expect([line, parsePlotLine(line)]).toEqual([line, { kind: "numbers", texts: quick }]);
    }
    expect(accepted).toBeGreaterThan(500);
  });

  it("takes the common lines itself and leaves the rest to the full parser", async () => {
    const { scanNumbers } = await import("./scanNumbers");
    expect(scanNumbers("12, 21.5, 40")).toEqual(["12", "21.5", "40"]);
    expect(scanNumbers("0.5\t-3.25\t1e-05")).toEqual(["0.5", "-3.25", "1e-05"]);
    expect(scanNumbers("(1, 2.0)")).toEqual(["1", "2.0"]);
    expect(scanNumbers(" 1 2 3 \r")).toEqual(["1", "2", "3"]);
    expect(scanNumbers("1,2,")).toEqual(["1", "2"]);
    for (const line of ["1,,3", "inf 1", "a:1", "t,temp", "1 2 apples", "1e 2", "{1, 2}", "", "1,2 3"]) {
      expect(scanNumbers(line)).toBeNull();
    }
  });
});
