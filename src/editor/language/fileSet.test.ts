import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildFileSet, isCpythonOnly, mergeVersions, moduleOfStubPath, pyrightConfig } from "./fileSet";
import { MOTE_STUBS, stubFiles, stubTree } from "./stubFiles";
import { TYPESHED_CORE } from "./typeshedCore";

/** Modules a stub file imports (absolute and relative), with their parent packages. */
function importsOf(text: string, module: string, isPackage: boolean): Set<string> {
  const found = new Set<string>();
  const re = /^[ \t]*(?:from[ \t]+([.\w]+)[ \t]+import|import[ \t]+([\w., \t]+))/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1]) {
      let base = m[1];
      if (base.startsWith(".")) {
        const dots = base.length - base.replace(/^\.+/, "").length;
        let pkg = isPackage ? module : module.split(".").slice(0, -1).join(".");
        for (let i = 1; i < dots; i++) pkg = pkg.split(".").slice(0, -1).join(".");
        const rest = base.slice(dots);
        base = rest ? `${pkg}.${rest}` : pkg;
      }
      found.add(base);
    } else {
      for (const part of m[2].split(",")) found.add(part.trim().split(/\s+/)[0]);
    }
  }
  const withParents = new Set<string>();
  for (const f of found) {
    const parts = f.split(".");
    for (let i = 1; i <= parts.length; i++) withParents.add(parts.slice(0, i).join("."));
  }
  return withParents;
}

describe("the shipped stub tree", () => {
  const tree = stubTree();
  const modules = new Set(Object.keys(tree).flatMap((p) => moduleOfStubPath(p.replace(/^stdlib\//, "")) ?? []));

  it("has the builtins core", () => {
    for (const m of ["builtins", "typing", "typing_extensions", "_typeshed", "types", "abc", "collections.abc", "_collections_abc"]) {
      expect(modules, m).toContain(m);
    }
    expect(tree["stdlib/builtins.pyi"]).toMatch(/class int/);
  });

  it("contains every Mote stub, as Mote wrote it", () => {
    const moteStubs = Object.entries(MOTE_STUBS).filter(([p]) => p.endsWith(".pyi"));
    for (const [rel, text] of moteStubs) {
      const mod = moduleOfStubPath(rel)!;
      expect(modules, mod).toContain(mod);
      expect(Object.values(tree), rel).toContain(text);
    }
  });

  it("leaves CPython-only modules out", () => {
    for (const m of ["tkinter", "subprocess", "ctypes", "pathlib", "email", "importlib", "multiprocessing"]) {
      expect(modules, m).not.toContain(m);
    }
    for (const m of modules) expect(isCpythonOnly(m), m).toBe(false);
  });

  it("is closed: every import in it is in it, or is CPython-only on purpose", () => {
    const missing: string[] = [];
    for (const [path, text] of Object.entries(tree)) {
      if (!path.endsWith(".pyi")) continue;
      const mod = moduleOfStubPath(path.replace(/^stdlib\//, ""))!;
      for (const imp of importsOf(text, mod, path.endsWith("__init__.pyi"))) {
        if (!modules.has(imp) && !isCpythonOnly(imp) && imp !== "__future__") missing.push(`${mod} imports ${imp}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("lists every top-level module in VERSIONS and nothing else", () => {
    const listed = tree["stdlib/VERSIONS"]
      .split("\n")
      .filter((l) => l && !l.startsWith("#"))
      .map((l) => l.split(":")[0]);
    const tops = new Set([...modules].map((m) => m.split(".")[0]));
    expect(new Set(listed)).toEqual(tops);
  });

  it("stays small", () => {
    const all = stubFiles();
    const gz = gzipSync(Buffer.from(Object.values(all).join(""))).length;
    console.log(`stub file set: ${Object.keys(all).length} files, ${gz} bytes gzipped`);
    // typeshed's full stdlib is ~1.3 MB gzipped; the core plus MicroPython's modules is a small fraction of that.
    expect(gz).toBeLessThan(200_000);
  });
});

describe("buildFileSet", () => {
  const typeshed = {
    VERSIONS: "builtins: 3.0-\ncollections: 2.7-\ntime: 2.7-\n",
    "builtins.pyi": "class int: ...\n",
    "collections/__init__.pyi": "class OrderedDict: ...\n",
    "collections/abc.pyi": "class Sized: ...\n",
    "time.pyi": "def perf_counter() -> float: ...\n",
    "ctypes/__init__.pyi": "class c_int: ...\n",
  };
  const mote = {
    VERSIONS: "time: 3.0-\nmachine: 3.0-\n",
    "time.pyi": "def sleep_ms(ms: int) -> None: ...\n",
    "collections.pyi": "class deque: ...\n",
    "machine.pyi": "class Pin: ...\n",
  };

  it("replaces typeshed's module with Mote's, and drops CPython-only ones", () => {
    const out = buildFileSet({ typeshed, mote });
    expect(out["stdlib/time.pyi"]).toBe(mote["time.pyi"]);
    expect(out["stdlib/machine.pyi"]).toBe(mote["machine.pyi"]);
    expect(Object.keys(out).some((k) => k.includes("ctypes"))).toBe(false);
  });

  it("puts a Mote module over a typeshed package at its __init__, keeping the submodules", () => {
    const out = buildFileSet({ typeshed, mote });
    expect(out["stdlib/collections/__init__.pyi"]).toBe(mote["collections.pyi"]);
    expect(out["stdlib/collections.pyi"]).toBeUndefined();
    expect(out["stdlib/collections/abc.pyi"]).toBe(typeshed["collections/abc.pyi"]);
  });

  it("adds board stubs without letting them replace a shipped stub", () => {
    const out = buildFileSet({
      typeshed,
      mote,
      board: { "machine.pyi": "class Broken: ...\n", "mycam.pyi": "def snap() -> bytes: ...\n" },
    });
    expect(out["stdlib/machine.pyi"]).toBe(mote["machine.pyi"]);
    expect(out["stdlib/mycam.pyi"]).toMatch(/snap/);
    expect(out["stdlib/VERSIONS"]).toMatch(/^mycam: 3\.0-$/m);
  });

  it("merges VERSIONS with Mote's ranges first", () => {
    const v = mergeVersions(["time", "builtins", "collections.abc", "machine"], typeshed.VERSIONS, mote.VERSIONS);
    expect(v).toMatch(/^time: 3\.0-$/m);
    expect(v).toMatch(/^builtins: 3\.0-$/m);
    expect(v).toMatch(/^collections: 2\.7-$/m);
    expect(v).not.toMatch(/ctypes/);
  });

  it("maps stub paths to module names", () => {
    expect(moduleOfStubPath("collections/abc.pyi")).toBe("collections.abc");
    expect(moduleOfStubPath("umqtt/__init__.pyi")).toBe("umqtt");
    expect(moduleOfStubPath("VERSIONS")).toBeNull();
  });

  it("writes a config the checker can read", () => {
    const cfg = JSON.parse(pyrightConfig("/typeshed")) as Record<string, unknown>;
    expect(cfg.typeshedPath).toBe("/typeshed");
    expect(cfg.reportMissingModuleSource).toBe(false);
  });
});

describe("typeshed core", () => {
  it("is read from the pyright package", () => {
    expect(Object.keys(TYPESHED_CORE)).toContain("builtins.pyi");
    expect(TYPESHED_CORE.VERSIONS).toMatch(/builtins: 3\.0-/);
  });
});
