// Mote's record of installed packages (mote-packages.json) as pure data: install, upgrade, removal with shared and
// orphaned dependencies, and reading a file from the board as the untrusted input it is.
import { describe, expect, it } from "vitest";
import { emptyManifest, parseManifest, planRemoval, serializeManifest, withInstall, withRemoval, type Manifest } from "./manifest";
import type { InstallPlan, ResolvedPackage } from "./resolve";

const NOW = new Date("2026-01-02T03:04:05Z");
const sha = (c: string) => c.repeat(64);

function plan(root: string, packages: Array<Partial<ResolvedPackage> & { key: string; files: string[] }>, hashes: Record<string, string> = {}): InstallPlan {
  const resolved = packages.map((p) => ({ version: "1.0", source: "index" as const, spec: `${p.key}@1.0`, deps: [], ...p }));
  const files = [...new Set(resolved.flatMap((p) => p.files))].map((path) => ({
    path,
    data: new Uint8Array(),
    sha256: hashes[path] ?? sha("a"),
    checked: true,
    owners: resolved.filter((p) => p.files.includes(path)).map((p) => p.key),
  }));
  return { root, index: "https://micropython.org/pi/v2", mpy: "6", packages: resolved, files };
}

/** sensor -> greet -> textcase, installed as one plan; then greet asked for on its own. */
function installedTree(): Manifest {
  const first = withInstall(
    emptyManifest(),
    plan("sensor", [
      { key: "sensor", files: ["sensor.py"], deps: ["greet"] },
      { key: "greet", files: ["greet/__init__.py", "greet/words.py"], deps: ["textcase"] },
      { key: "textcase", files: ["textcase.py"] },
    ]),
    NOW,
  ).manifest;
  return first;
}

describe("withInstall", () => {
  it("records every package, marks only the one asked for as explicit, and keeps each file's sha256", () => {
    const m = installedTree();
    expect(Object.keys(m.packages).sort()).toEqual(["greet", "sensor", "textcase"]);
    expect(m.packages.sensor).toMatchObject({ explicit: true, version: "1.0", deps: ["greet"], mpy: "6", installedAt: NOW.toISOString() });
    expect(m.packages.greet.explicit).toBe(false);
    expect(m.files["greet/words.py"]).toBe(sha("a"));
  });

  it("asking for a dependency by name makes it explicit; an upgrade lists files the new version dropped", () => {
    const before = installedTree();
    const { manifest, obsolete } = withInstall(
      before,
      plan("greet", [{ key: "greet", version: "2.0", files: ["greet/__init__.py"], deps: ["textcase"] }, { key: "textcase", files: ["textcase.py"] }]),
      NOW,
    );
    expect(manifest.packages.greet).toMatchObject({ explicit: true, version: "2.0" });
    expect(obsolete).toEqual(["greet/words.py"]);
    expect(manifest.files["greet/words.py"]).toBeUndefined();
  });

  it("a file still listed by another package is not obsolete", () => {
    let m = withInstall(emptyManifest(), plan("weather", [{ key: "weather", files: ["weather.py", "textcase.py"] }]), NOW).manifest;
    m = withInstall(m, plan("textcase", [{ key: "textcase", files: ["textcase.py"] }]), NOW).manifest;
    const { obsolete } = withInstall(m, plan("weather", [{ key: "weather", files: ["weather.py"] }]), NOW);
    expect(obsolete).toEqual([]);
  });
});

describe("planRemoval", () => {
  it("removing the package asked for takes its dependencies nothing else needs", () => {
    expect(planRemoval(installedTree(), "sensor")).toEqual({
      packages: ["sensor", "greet", "textcase"],
      files: ["sensor.py", "greet/__init__.py", "greet/words.py", "textcase.py"],
      shared: [],
      neededBy: [],
    });
  });

  it("keeps a dependency another explicit package still needs", () => {
    const m = withInstall(installedTree(), plan("greet", [{ key: "greet", files: ["greet/__init__.py", "greet/words.py"], deps: ["textcase"] }]), NOW).manifest;
    const r = planRemoval(m, "sensor");
    expect(r.packages).toEqual(["sensor"]);
    expect(r.files).toEqual(["sensor.py"]);
  });

  it("a dependency removed on its own says who needs it", () => {
    const r = planRemoval(installedTree(), "textcase");
    expect(r.neededBy).toEqual(["greet"]);
    expect(r.packages).toEqual(["textcase"]);
  });

  it("a file shared with a remaining package stays, naming that package", () => {
    let m = withInstall(emptyManifest(), plan("weather", [{ key: "weather", files: ["weather.py", "textcase.py"] }]), NOW).manifest;
    m = withInstall(m, plan("textcase", [{ key: "textcase", files: ["textcase.py"] }]), NOW).manifest;
    const r = planRemoval(m, "weather");
    expect(r.files).toEqual(["weather.py"]);
    expect(r.shared).toEqual([{ path: "textcase.py", owner: "textcase" }]);
    const after = withRemoval(m, r);
    expect(Object.keys(after.packages)).toEqual(["textcase"]);
    expect(Object.keys(after.files)).toEqual(["textcase.py"]);
  });

  it("a cycle of dependencies is removed as a whole", () => {
    const m = withInstall(
      emptyManifest(),
      plan("cycle-a", [
        { key: "cycle-a", files: ["cycle_a.py"], deps: ["cycle-b"] },
        { key: "cycle-b", files: ["cycle_b.py"], deps: ["cycle-a"] },
      ]),
      NOW,
    ).manifest;
    expect(planRemoval(m, "cycle-a").packages).toEqual(["cycle-a", "cycle-b"]);
  });
});

describe("parseManifest (untrusted: it lives on the board)", () => {
  it("round-trips what Mote writes", () => {
    const m = installedTree();
    expect(parseManifest(serializeManifest(m))).toEqual({ manifest: m, problem: null });
  });

  it("drops records with unsafe paths, bad names or bad hashes, and says so", () => {
    const good = installedTree();
    const text = JSON.stringify({
      v: 1,
      packages: {
        ...good.packages,
        "../evil": { ...good.packages.greet },
        sneaky: { ...good.packages.greet, files: ["../../boot.py"] },
        odd: { ...good.packages.greet, version: "1 2" },
      },
      files: { ...good.files, "/abs.py": sha("b"), "x.py": "not-a-hash" },
    });
    const { manifest, problem } = parseManifest(new TextEncoder().encode(text));
    expect(Object.keys(manifest.packages).sort()).toEqual(["greet", "sensor", "textcase"]);
    expect(Object.keys(manifest.files).sort()).toEqual(Object.keys(good.files).sort());
    expect(problem).toMatch(/5 entries/);
  });

  it.each([["not json"], ["[]"], ['{"v":2}'], ["\u00ff"]])("treats %j as no manifest, with a reason", (text) => {
    const { manifest, problem } = parseManifest(new TextEncoder().encode(text));
    expect(manifest).toEqual(emptyManifest());
    expect(problem).not.toBeNull();
  });
});
