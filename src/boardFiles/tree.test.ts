import { describe, expect, it } from "vitest";
import type { BoardEntry } from "../device/fs/types";
import { boardNameProblem, boardPathForProject, formatBytes, projectPathForBoard } from "./names";
import { visibleRows } from "./tree";

const e = (path: string, kind: "file" | "dir" = "file", size = 1): BoardEntry => ({ path, name: path.slice(path.lastIndexOf("/") + 1), kind, size });

describe("board tree rows", () => {
  const entries = [e("/main.py"), e("/lib", "dir"), e("/lib/b.py"), e("/lib/a.py"), e("/.mote-tmp-9"), e("/.mote-dir", "dir"), e("/.mote-dir/x")];

  it("puts folders first, sorts by name, hides temporaries and shows children only when expanded", () => {
    expect(visibleRows(entries, "/", new Set()).map((r) => r.entry.path)).toEqual(["/lib", "/main.py"]);
    const open = visibleRows(entries, "/", new Set(["/lib"]));
    expect(open.map((r) => [r.entry.path, r.depth])).toEqual([
      ["/lib", 0],
      ["/lib/a.py", 1],
      ["/lib/b.py", 1],
      ["/main.py", 0],
    ]);
    expect(visibleRows(entries, "/", new Set(["/.mote-dir"])).some((r) => r.entry.path.includes(".mote-"))).toBe(false);
  });

  it("roots the tree at the board's working folder", () => {
    const flash = [e("/flash", "dir"), e("/flash/boot.py"), e("/sd", "dir")];
    expect(visibleRows(flash, "/flash", new Set()).map((r) => r.entry.path)).toEqual(["/flash/boot.py"]);
  });
});

describe("board names and paths", () => {
  it("refuses names that would leave the chosen folder", () => {
    for (const bad of ["", ".", "..", "a/b", "../x", "nul\0"]) expect(boardNameProblem(bad)).not.toBeNull();
    for (const ok of ["main.py", "-rf", "it's \"quoted\".py", "ünï€.py", "a\\b"]) expect(boardNameProblem(ok)).toBeNull();
  });

  it("maps project paths to board paths under the working folder and back", () => {
    expect(boardPathForProject("lib/x.py", "/")).toBe("/lib/x.py");
    expect(boardPathForProject("main.py", "/flash")).toBe("/flash/main.py");
    expect(projectPathForBoard("/flash/lib/x.py", "/flash")).toBe("lib/x.py");
    expect(projectPathForBoard("/sd/data.txt", "/flash")).toBe("sd/data.txt");
    expect(projectPathForBoard("/conf.py", "/")).toBe("conf.py");
  });

  it("words sizes", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(20_000)).toBe("20 KB");
    expect(formatBytes(1_500_000)).toBe("1.4 MB");
  });
});
