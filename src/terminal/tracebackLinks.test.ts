import { describe, expect, it } from "vitest";
import { findTracebackRefs, resolveTracebackFile } from "./tracebackLinks";

describe("findTracebackRefs", () => {
  it("finds a MicroPython traceback line with its span", () => {
    const line = '  File "<stdin>", line 3, in <module>';
    const refs = findTracebackRefs(line);
    expect(refs).toEqual([{ file: "<stdin>", line: 3, start: 2, end: 2 + 'File "<stdin>", line 3'.length }]);
    expect(line.slice(refs[0].start, refs[0].end)).toBe('File "<stdin>", line 3');
  });

  it("finds names with paths and several refs on one line", () => {
    const refs = findTracebackRefs('File "/lib/util.py", line 12 then File "main.py", line 7');
    expect(refs.map((r) => [r.file, r.line])).toEqual([
      ["/lib/util.py", 12],
      ["main.py", 7],
    ]);
  });

  it("ignores lines without a complete reference", () => {
    expect(findTracebackRefs("Traceback (most recent call last):")).toEqual([]);
    expect(findTracebackRefs('File "main.py", line')).toEqual([]);
    expect(findTracebackRefs('File "main.py", line 0')).toEqual([]);
    expect(findTracebackRefs("ValueError: line 3")).toEqual([]);
  });

  it("tolerates trailing spaces from terminal rows", () => {
    expect(findTracebackRefs('  File "a.py", line 42, in f      ')[0].line).toBe(42);
  });
});

describe("resolveTracebackFile", () => {
  const files = ["main.py", "lib/util.py", "lib/sensors/bme.py", "other/bme.py"];

  it("maps <stdin> to the file that was last run", () => {
    expect(resolveTracebackFile("<stdin>", "lib/util.py", files)).toBe("lib/util.py");
    expect(resolveTracebackFile("<stdin>", null, files)).toBeNull();
  });

  it("matches board paths to project paths, ignoring a leading slash", () => {
    expect(resolveTracebackFile("main.py", null, files)).toBe("main.py");
    expect(resolveTracebackFile("/main.py", null, files)).toBe("main.py");
    expect(resolveTracebackFile("/lib/util.py", null, files)).toBe("lib/util.py");
    expect(resolveTracebackFile("./lib/util.py", null, files)).toBe("lib/util.py");
  });

  it("falls back to a unique base name", () => {
    expect(resolveTracebackFile("/flash/util.py", null, files)).toBe("lib/util.py");
  });

  it("refuses ambiguous or unknown names", () => {
    expect(resolveTracebackFile("bme.py", null, files)).toBeNull();
    expect(resolveTracebackFile("nope.py", null, files)).toBeNull();
    expect(resolveTracebackFile("<string>", "main.py", files)).toBeNull();
  });
});
