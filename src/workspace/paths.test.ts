import { describe, expect, it } from "vitest";
import { PathError, ancestorFolders, normalisePath, parentPath, samePathOnBoard } from "./paths";

describe("normalisePath", () => {
  it.each([
    ["main.py", "main.py"],
    ["  main.py  ", "main.py"],
    ["/main.py", "main.py"],
    ["lib/", "lib"],
    ["lib\\sensor.py", "lib/sensor.py"],
    ["lib/sub/x.py", "lib/sub/x.py"],
    ["caf\u0065\u0301.py", "caf\u00e9.py"],
    ["a".repeat(100), "a".repeat(100)],
  ])("accepts %j as %j", (input, expected) => {
    expect(normalisePath(input)).toBe(expected);
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["/", "empty"],
    ["..", "dot-segment"],
    ["../etc/passwd", "dot-segment"],
    ["lib/../main.py", "dot-segment"],
    ["./main.py", "dot-segment"],
    ["lib//main.py", "empty-segment"],
    ["//main.py", "empty-segment"],
    ["main\u0000.py", "control-character"],
    ["main\n.py", "control-character"],
    ["tab\there.py", "control-character"],
    ["del\u007f.py", "control-character"],
    ["c1\u0085.py", "control-character"],
    ["what?.py", "reserved-character"],
    ["a:b.py", "reserved-character"],
    ["lib/ x.py", "edge-whitespace"],
    ["a".repeat(101), "name-too-long"],
    ["é".repeat(51), "name-too-long"],
    [Array(5).fill("d".repeat(60)).join("/"), "path-too-long"],
  ])("refuses %j (%s)", (input, problem) => {
    let caught: unknown;
    try {
      normalisePath(input);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(PathError);
    expect((caught as PathError).problem).toBe(problem);
    expect((caught as PathError).message.length).toBeGreaterThan(10);
  });
});

describe("path helpers", () => {
  it("lists ancestors outermost first", () => {
    expect(ancestorFolders("a/b/c.py")).toEqual(["a", "a/b"]);
    expect(ancestorFolders("c.py")).toEqual([]);
  });
  it("finds the parent", () => {
    expect(parentPath("a/b/c.py")).toBe("a/b");
    expect(parentPath("c.py")).toBe("");
  });
  it("compares like a FAT filesystem", () => {
    expect(samePathOnBoard("Main.py", "main.py")).toBe(true);
    expect(samePathOnBoard("main.py", "main2.py")).toBe(false);
  });
});
