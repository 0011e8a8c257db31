// mip's naming and URL rules as pure functions: what a person types, github: rewrites, relative file URLs, mip's
// choice of bytecode version and lib folder, and the refusal of names that could escape the lib folder.
import { describe, expect, it } from "vitest";
import { targetFrom } from "./board";
import { isPackageError } from "./errors";
import { parseIndex } from "./indexClient";
import { groupUntracked } from "./installed";
import { checkTargetPath, MANIFEST_NAME } from "./names";
import { fileUrl, hashedFileUrl, normalizeIndexUrl, packageJsonUrl, parseSpec, rewriteUrl, specKey } from "./spec";

const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (isPackageError(e)) return e.code;
    throw e;
  }
  throw new Error("not refused");
};

describe("parseSpec", () => {
  it.each([
    ["umqtt.simple", { kind: "index", name: "umqtt.simple", version: "latest" }],
    ["umqtt.simple@1.4.0", { kind: "index", name: "umqtt.simple", version: "1.4.0" }],
    ["  aioble-core@  ".trim(), { kind: "index", name: "aioble-core", version: "latest" }],
    ["__future__", { kind: "index", name: "__future__", version: "latest" }],
    ["github:org/repo", { kind: "url", url: "github:org/repo/package.json", ref: null, single: false }],
    ["github:org/repo/", { kind: "url", url: "github:org/repo/package.json", ref: null, single: false }],
    ["github:org/repo/sub/pkg@v1.2", { kind: "url", url: "github:org/repo/sub/pkg/package.json", ref: "v1.2", single: false }],
    ["github:org/repo/pkg/other.json@main", { kind: "url", url: "github:org/repo/pkg/other.json", ref: "main", single: false }],
    ["github:org/repo/drivers/ssd1306.py", { kind: "url", url: "github:org/repo/drivers/ssd1306.py", ref: null, single: true }],
    ["github:org/repo@feature/x", { kind: "url", url: "github:org/repo/package.json", ref: "feature/x", single: false }],
    ["https://example.com/pkgs/foo", { kind: "url", url: "https://example.com/pkgs/foo/package.json", ref: null, single: false }],
  ])("%s", (text, expected) => {
    expect(parseSpec(text)).toEqual(expected);
  });

  it("keys name a package without its ref or package.json", () => {
    expect(specKey(parseSpec("github:org/repo/sub@v1"))).toBe("github:org/repo/sub");
    expect(specKey(parseSpec("umqtt.simple@1.0"))).toBe("umqtt.simple");
  });

  it.each([
    [""],
    ["a@b@c"],
    ["../etc"],
    ["foo/bar"],
    ["foo bar"],
    ["foo\u0000"],
    ["x".repeat(101)],
    ["y".repeat(301)],
    ["foo@../../x"],
    ["foo@1..2"],
    ["github:"],
    ["github:org"],
    ["github:-bad/repo"],
    ["github:org/.."],
    ["github:org/repo/../../other"],
    ["github:org/repo/a%2fb"],
    ["github:org/repo@../x"],
    ["github:org/repo@/abs"],
    ["gitlab:org/repo"],
    ["codeberg:org/repo"],
    ["https://user:pw@example.com/x"],
    ["https://example.com/x?token=1"],
    ["https://example.com/a/../b"],
  ])("refuses %j", (text) => {
    expect(refusal(() => parseSpec(text))).toBe("Refused");
  });
});

describe("github: rewrite and file URLs (mip's _rewrite_url and relative urls)", () => {
  it("github: goes to raw.githubusercontent.com at the ref, HEAD without one", () => {
    expect(rewriteUrl("github:org/repo/package.json", null)).toBe("https://raw.githubusercontent.com/org/repo/HEAD/package.json");
    expect(rewriteUrl("github:org/repo/a/b.py", "v2")).toBe("https://raw.githubusercontent.com/org/repo/v2/a/b.py");
    expect(rewriteUrl("https://example.com/x.py", "v2")).toBe("https://example.com/x.py");
  });

  it("a relative URL is relative to the package JSON's folder BEFORE the rewrite; full URLs stay", () => {
    const json = "github:org/repo/pkg/package.json";
    expect(fileUrl("mod.py", json, "p")).toBe("github:org/repo/pkg/mod.py");
    expect(fileUrl("./sub/mod.py", json, "p")).toBe("github:org/repo/pkg/sub/mod.py");
    expect(fileUrl("github:other/lib/x.py", json, "p")).toBe("github:other/lib/x.py");
    expect(fileUrl("https://example.com/x.py", json, "p")).toBe("https://example.com/x.py");
    expect(rewriteUrl(fileUrl("mod.py", json, "p"), "main")).toBe("https://raw.githubusercontent.com/org/repo/main/pkg/mod.py");
  });

  it.each([["../secret.py"], ["a//b.py"], ["/abs.py"], ["a b.py"], [""], [42], ["gitlab:o/r/x.py"], ["github:o/../x"]])(
    "refuses the file URL %j",
    (url) => {
      expect(refusal(() => fileUrl(url, "github:org/repo/package.json", "p"))).toBe("Refused");
    },
  );

  it("index URLs: package JSON per mpy version, files by hash prefix", () => {
    const index = normalizeIndexUrl(" https://micropython.org/pi/v2/ ");
    expect(index).toBe("https://micropython.org/pi/v2");
    expect(packageJsonUrl(index, "6", "umqtt.simple", "latest")).toBe("https://micropython.org/pi/v2/package/6/umqtt.simple/latest.json");
    expect(hashedFileUrl(index, "e39dbf64")).toBe("https://micropython.org/pi/v2/file/e3/e39dbf64");
    for (const bad of ["ftp://x/pi", "not a url", "https://u:p@x/pi", "https://x/pi?x=1"]) {
      expect(refusal(() => normalizeIndexUrl(bad))).toBe("Refused");
    }
  });
});

describe("mip's choice of bytecode version and lib folder", () => {
  it("mpy is sys.implementation._mpy & 0xff; none (no .mpy import) or 0 means py", () => {
    expect(targetFrom(774, ["", ".frozen", "/lib"]).mpy).toBe("6");
    expect(targetFrom(0x2006, ["/lib"]).mpy).toBe("6");
    expect(targetFrom(null, ["/lib"]).mpy).toBe("py");
    expect(targetFrom(0x100, ["/lib"]).mpy).toBe("py");
  });

  it("the lib folder is the first sys.path entry ending in /lib, not under /rom; else /lib (not on sys.path)", () => {
    expect(targetFrom(6, ["", ".frozen", "/rom/lib", "/flash/lib", "/lib"])).toMatchObject({ lib: "/flash/lib", onPath: true });
    expect(targetFrom(6, ["", "lib", "/sd/libs"])).toMatchObject({ lib: "/lib", onPath: false });
    expect(targetFrom(6, ["/a/../lib"])).toMatchObject({ lib: "/lib", onPath: true });
  });
});

describe("checkTargetPath", () => {
  it.each([["umqtt/simple.mpy"], ["a.py"], ["deep/er/still/x.py"], ["名前.py"], ["emoji😀.py"]])("accepts %j", (p) => {
    expect(checkTargetPath(p, "t")).toBe(p);
  });

  it.each([
    [""],
    ["/abs.py"],
    ["../boot.py"],
    ["a/../../b.py"],
    ["./a.py"],
    ["a//b.py"],
    ["a\\b.py"],
    ["a\u0000.py"],
    ["a\nb.py"],
    ["x".repeat(256) + ".py"],
    ["d/".repeat(130) + "x.py"],
    ["lone\ud800.py"],
    [MANIFEST_NAME],
    [".mote-123.tmp"],
    [42],
  ])("refuses %j", (p) => {
    expect(refusal(() => checkTargetPath(p, "t"))).toBe("Refused");
  });
});

describe("groupUntracked", () => {
  it("matches files to index packages by module name, longest first, else by top-level name", () => {
    const names = new Set(["umqtt.simple", "umqtt.robust", "requests", "ssd1306"]);
    const groups = groupUntracked(
      ["umqtt/simple.mpy", "umqtt/robust.mpy", "requests/__init__.mpy", "ssd1306.mpy", "mystuff/a.py", "mystuff/b.py", "notes.txt"],
      names,
    );
    expect(groups.map((g) => [g.name, g.inIndex, g.files])).toEqual([
      ["mystuff", false, ["mystuff/a.py", "mystuff/b.py"]],
      ["notes.txt", false, ["notes.txt"]],
      ["requests", true, ["requests/__init__.mpy"]],
      ["ssd1306", true, ["ssd1306.mpy"]],
      ["umqtt.robust", true, ["umqtt/robust.mpy"]],
      ["umqtt.simple", true, ["umqtt/simple.mpy"]],
    ]);
    expect(groupUntracked(["umqtt/simple.mpy"]).map((g) => g.name)).toEqual(["umqtt"]);
  });
});

describe("parseIndex (untrusted)", () => {
  it("keeps well-formed entries, drops hostile or broken ones, strips control characters, cuts long texts", () => {
    const json = JSON.stringify({
      v: 2,
      packages: [
        { name: "ok", version: "1.0", description: "fine\u001b[31m red", license: "MIT", versions: { py: ["1.0", "../x"], "6": ["1.0"], evil: ["1"] } },
        { name: "../escape", version: "1" },
        { name: "a/b", version: "1" },
        { name: "x".repeat(101) },
        { name: "nul\u0000" },
        { name: "ok", version: "2.0" },
        "not an object",
        { name: "long", description: "d".repeat(5000), version: "1 2" },
      ],
    });
    const { packages, skipped } = parseIndex(new TextEncoder().encode(json), "http://x/pi");
    expect(packages.map((p) => p.name)).toEqual(["long", "ok"]);
    expect(skipped).toBe(6);
    const ok = packages.find((p) => p.name === "ok")!;
    expect(ok.description).toBe("fine[31m red");
    expect(ok.versions).toEqual({ py: ["1.0"], "6": ["1.0"] });
    const long = packages.find((p) => p.name === "long")!;
    expect([long.description.length, long.version]).toEqual([500, ""]);
  });

  it.each([["<html>"], ["{}"], ['{"packages":{}}'], ["[]"]])("refuses %j as not a package list", (text) => {
    expect(refusal(() => parseIndex(new TextEncoder().encode(text), "http://x/pi"))).toBe("BadIndex");
  });
});
