import { describe, expect, it } from "vitest";
import { PathError } from "./paths";
import * as P from "./project";

const T = 1000;

function withFiles(...paths: string[]): P.Project {
  let proj = P.emptyProject();
  for (const p of paths) proj = P.createFile(proj, p, `# ${p}\n`, T).project;
  return proj;
}

describe("createFile", () => {
  it("adds the file and its missing folders, and says what to store", () => {
    const { project, changes } = P.createFile(P.emptyProject(), "lib/drivers/bme.py", "x", T);
    expect(Object.keys(project.files)).toEqual(["lib/drivers/bme.py"]);
    expect(project.folders).toEqual(["lib", "lib/drivers"]);
    expect(changes.put.map((e) => `${e.kind}:${e.path}`)).toEqual(["folder:lib", "folder:lib/drivers", "file:lib/drivers/bme.py"]);
    expect(changes.delete).toEqual([]);
  });

  it("refuses a name that exists, even in another case (boards use FAT)", () => {
    const proj = withFiles("main.py");
    expect(() => P.createFile(proj, "main.py")).toThrow(/already exists/);
    expect(() => P.createFile(proj, "MAIN.PY")).toThrow(/"main.py" already exists/);
  });

  it("refuses to put a file under a file", () => {
    expect(() => P.createFile(withFiles("main.py"), "main.py/x.py")).toThrow(P.ProjectError);
  });

  it("refuses unsafe paths with a PathError", () => {
    expect(() => P.createFile(P.emptyProject(), "../x.py")).toThrow(PathError);
  });
});

describe("renamePath", () => {
  it("renames a file and reports the move", () => {
    const r = P.renamePath(withFiles("a.py", "b.py"), "a.py", "c.py", T);
    expect(Object.keys(r.project.files).sort()).toEqual(["b.py", "c.py"]);
    expect(r.project.files["c.py"].content).toBe("# a.py\n");
    expect(r.moved.get("a.py")).toBe("c.py");
    expect(r.changes.delete).toEqual(["a.py"]);
    expect(r.changes.put.map((e) => e.path)).toEqual(["c.py"]);
  });

  it("allows a case-only rename", () => {
    const r = P.renamePath(withFiles("main.py"), "main.py", "Main.py", T);
    expect(Object.keys(r.project.files)).toEqual(["Main.py"]);
  });

  it("refuses to overwrite", () => {
    expect(() => P.renamePath(withFiles("a.py", "b.py"), "a.py", "B.py")).toThrow(/already exists/);
  });

  it("moves a folder with everything inside", () => {
    const r = P.renamePath(withFiles("lib/a.py", "lib/sub/b.py", "main.py"), "lib", "pkg", T);
    expect(Object.keys(r.project.files).sort()).toEqual(["main.py", "pkg/a.py", "pkg/sub/b.py"]);
    expect(r.project.folders).toEqual(["pkg", "pkg/sub"]);
    expect(r.moved.get("lib/sub/b.py")).toBe("pkg/sub/b.py");
    expect(r.changes.delete.sort()).toEqual(["lib", "lib/a.py", "lib/sub", "lib/sub/b.py"]);
  });

  it("refuses to move a folder into itself, and a missing path", () => {
    const proj = withFiles("lib/a.py");
    expect(() => P.renamePath(proj, "lib", "lib/inner")).toThrow(/inside itself/);
    expect(() => P.renamePath(proj, "nope.py", "x.py")).toThrow(/doesn't exist/);
  });

  it("creates folders for a file moved into a new folder", () => {
    const r = P.renamePath(withFiles("a.py"), "a.py", "lib/a.py", T);
    expect(r.project.folders).toEqual(["lib"]);
    expect(r.changes.put.map((e) => e.path)).toEqual(["lib", "lib/a.py"]);
  });
});

describe("deletePath", () => {
  it("deletes a file", () => {
    const r = P.deletePath(withFiles("a.py", "b.py"), "a.py");
    expect(Object.keys(r.project.files)).toEqual(["b.py"]);
    expect(r.removed).toEqual(["a.py"]);
  });

  it("deletes a folder recursively", () => {
    const r = P.deletePath(withFiles("lib/a.py", "lib/x/b.py", "main.py"), "lib");
    expect(Object.keys(r.project.files)).toEqual(["main.py"]);
    expect(r.project.folders).toEqual([]);
    expect(r.changes.delete.sort()).toEqual(["lib", "lib/a.py", "lib/x", "lib/x/b.py"]);
  });

  it("refuses a missing path", () => {
    expect(() => P.deletePath(P.emptyProject(), "x.py")).toThrow(/doesn't exist/);
  });
});

describe("edits and saved state", () => {
  it("tracks dirtiness against the last save, and undoing back is clean", () => {
    const file = withFiles("a.py").files["a.py"];
    const edited = P.editFile(file, "changed", T);
    expect(P.isDirty(edited)).toBe(true);
    expect(P.isDirty(P.editFile(edited, "# a.py\n", T))).toBe(false);
    expect(P.isDirty(P.markSaved(edited))).toBe(false);
    expect(P.markSaved(edited).content).toBe("changed");
  });

  it("writeFile creates, or replaces keeping the saved state unless told it is saved", () => {
    let proj = P.writeFile(P.emptyProject(), "x.py", "one", false, T).project;
    expect(P.isDirty(proj.files["x.py"])).toBe(false);
    proj = P.writeFile(proj, "x.py", "two", false, T).project;
    expect(P.isDirty(proj.files["x.py"])).toBe(true);
    proj = P.writeFile(proj, "x.py", "three", true, T).project;
    expect(P.isDirty(proj.files["x.py"])).toBe(false);
  });
});

describe("listing", () => {
  it("picks a free untitled name", () => {
    expect(P.uniqueFileName(P.emptyProject())).toBe("untitled.py");
    expect(P.uniqueFileName(withFiles("untitled.py", "Untitled1.py"))).toBe("untitled2.py");
  });

  it("lists folders first, then files, depth-first", () => {
    const rows = P.treeRows(P.createFolder(withFiles("main.py", "lib/b.py", "lib/a.py", "boot.py"), "empty").project);
    expect(rows.map((r) => `${"  ".repeat(r.depth)}${r.name}${r.kind === "folder" ? "/" : ""}`)).toEqual([
      "empty/",
      "lib/",
      "  a.py",
      "  b.py",
      "boot.py",
      "main.py",
    ]);
  });

  it("rebuilds implied folders from stored entries", () => {
    const proj = P.fromEntries([{ kind: "file", path: "a/b/c.py", content: "", modified: 0 }]);
    expect(proj.folders).toEqual(["a", "a/b"]);
  });
});
