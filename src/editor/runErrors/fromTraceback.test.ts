import { describe, expect, it } from "vitest";
import { marksFromTraceback } from "./fromTraceback";

const project = ["main.py", "lib/sensor.py", "other.py"];

describe("marksFromTraceback", () => {
  it("marks the raising line in the file that was run (<stdin>) with the exception", () => {
    const stderr = 'Traceback (most recent call last):\r\n  File "<stdin>", line 3, in <module>\r\nValueError: bad\r\n';
    expect(marksFromTraceback(stderr, "main.py", project)).toEqual([
      { path: "main.py", line: 3, severity: "error", message: "ValueError: bad" },
    ]);
  });

  it("marks the calls that led there as info, and the innermost project frame as the error", () => {
    const stderr = [
      "Traceback (most recent call last):",
      '  File "<stdin>", line 9, in <module>',
      '  File "/lib/sensor.py", line 4, in read',
      '  File "<string>", line 1, in <lambda>',
      "OSError: [Errno 19] ENODEV",
    ].join("\n");
    expect(marksFromTraceback(stderr, "main.py", project)).toEqual([
      { path: "main.py", line: 9, severity: "info", message: "This call led to: OSError: [Errno 19] ENODEV" },
      { path: "lib/sensor.py", line: 4, severity: "error", message: "OSError: [Errno 19] ENODEV" },
    ]);
  });

  it("uses only the last traceback, and nothing for output without one or frames outside the project", () => {
    const two = [
      "Traceback (most recent call last):",
      '  File "<stdin>", line 1, in <module>',
      "KeyError: 1",
      "Traceback (most recent call last):",
      '  File "<stdin>", line 7, in <module>',
      "NameError: name 'x' isn't defined",
    ].join("\n");
    expect(marksFromTraceback(two, "other.py", project)).toEqual([
      { path: "other.py", line: 7, severity: "error", message: "NameError: name 'x' isn't defined" },
    ]);
    expect(marksFromTraceback("all fine\n", "main.py", project)).toEqual([]);
    const elsewhere = 'Traceback (most recent call last):\n  File "boot.py", line 2, in <module>\nMemoryError:\n';
    expect(marksFromTraceback(elsewhere, "main.py", project)).toEqual([]);
  });

  it("keeps one mark for a line a recursion names many times", () => {
    const stderr = [
      "Traceback (most recent call last):",
      '  File "<stdin>", line 5, in <module>',
      '  File "<stdin>", line 3, in f',
      '  File "<stdin>", line 3, in f',
      '  File "<stdin>", line 2, in f',
      "RuntimeError: maximum recursion depth exceeded",
    ].join("\n");
    expect(marksFromTraceback(stderr, "main.py", project).map((m) => [m.line, m.severity])).toEqual([
      [5, "info"],
      [3, "info"],
      [2, "error"],
    ]);
  });
});
