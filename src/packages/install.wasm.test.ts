// Installs onto the REAL MicroPython WASM board (Node worker), from a LOCAL mip index (testing/localIndex.ts) through
// Mote's REAL package proxy, with the real transfer engine: what the Packages dialog does, below the UI. Python on the
// board imports what was installed; removal and rollback are checked by listing the board itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPackageProxy } from "../../server/mip/standalone.mjs";
import { BoardFiles } from "../device/boardFiles";
import { fromUtf8 } from "../device/bytes";
import { connectDevice, type Device } from "../device/device";
import type { FsCaps } from "../device/fs/types";
import { MemoryFsStore } from "../transports/virtual/fs-store";
import { createNodeVirtualBoard } from "../transports/virtual/node";
import { isPackageError, type PackageError } from "./errors";
import { createProxyFetcher } from "./fetcher";
import { PackageManager, type InstallProgress } from "./manager";
import { MANIFEST_NAME } from "./names";
import { githubFetcher, startLocalIndex, type LocalIndex } from "./testing/localIndex";

let local: LocalIndex;
let proxy: { endpoint: string; close: () => Promise<void> };
let device: Device;
let pm: PackageManager;
let index: string;

beforeAll(async () => {
  local = await startLocalIndex();
  index = local.index;
  proxy = await startPackageProxy({ listed: `${local.origin}/` });
  device = await connectDevice(await createNodeVirtualBoard({ store: new MemoryFsStore() }), { connectTimeoutMs: 20_000 });
  pm = new PackageManager(device, createProxyFetcher({ endpoint: proxy.endpoint, timeoutMs: 10_000 }));
}, 60_000);
afterAll(async () => {
  await device?.disconnect();
  await proxy?.close();
  await local?.close();
});

/** Every file below /lib as the board itself lists it (os.ilistdir), sorted. */
async function libFiles(): Promise<string[]> {
  const out = await device.exec(
    "import os\ndef w(d):\n for e in os.ilistdir(d):\n  p=d+'/'+e[0]\n  if e[1]==0x4000:\n   print(p+'/')\n   w(p)\n  else:\n   print(p)\ntry:\n w('/lib')\nexcept OSError:\n pass",
  );
  return fromUtf8(out).split(/\r?\n/).filter(Boolean).sort();
}

const py = async (source: string) => fromUtf8(await device.exec(source)).trim();

const failure = async (p: Promise<unknown>): Promise<PackageError> => {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  if (!isPackageError(e)) throw new Error(`expected a PackageError, got ${String(e)}`);
  return e;
};

describe("package install on the virtual board (real MicroPython WASM)", () => {
  it("finds mip's target: /lib from sys.path, bytecode version 6", async () => {
    expect(await pm.target()).toMatchObject({ lib: "/lib", onPath: true, mpy: "6", mpyRaw: 774 });
    expect(await pm.installed()).toMatchObject({ exists: false, installed: [], untracked: [] });
  });

  it("installs a package with its dependency into /lib, and Python imports it", async () => {
    const phases = new Set<string>();
    let last: InstallProgress | null = null;
    const result = await pm.install("greet", {
      index,
      onProgress: (p) => {
        phases.add(p.phase);
        last = p;
      },
    });
    expect([...phases]).toEqual(["resolving", "downloading", "writing", "recording"]);
    expect(last).toMatchObject({ phase: "recording", filesDone: 3, filesTotal: 3 });
    expect(result.packages).toEqual([
      { key: "greet", version: "1.2.0" },
      { key: "textcase", version: "0.9" },
    ]);
    expect(result.written.sort()).toEqual(["greet/__init__.py", "greet/words.py", "textcase.py"]);
    expect(result.unchecked).toEqual([]);
    expect(await libFiles()).toEqual(["/lib/greet/", "/lib/greet/__init__.py", "/lib/greet/words.py", `/lib/${MANIFEST_NAME}`, "/lib/textcase.py"]);
    expect(await py("f=open('/lib/textcase.py');print(f.read()==" + JSON.stringify(local.source("textcase", "textcase.py")) + ");f.close()")).toBe("True");
    expect(await py("import greet\nprint(greet.loud())")).toBe("HELLO, BOARD!");

    const state = await pm.installed();
    expect(state.installed.map((p) => [p.key, p.version, p.explicit, p.missing])).toEqual([
      ["greet", "1.2.0", true, []],
      ["textcase", "0.9", false, []],
    ]);
    expect(state.untracked).toEqual([]);
  });

  it("installing again sends nothing: the board already holds every file", async () => {
    const result = await pm.install("greet", { index });
    expect(result.written).toEqual([]);
    expect(result.unchanged.sort()).toEqual(["greet/__init__.py", "greet/words.py", "textcase.py"]);
  });

  it("a tampered file refuses the install and the board is untouched", async () => {
    const before = await libFiles();
    const beforeManifest = await py(`print(open('/lib/${MANIFEST_NAME}').read())`);
    const e = await failure(pm.install("tampered", { index }));
    expect(e.code).toBe("HashMismatch");
    expect(e.message).toContain("tampered.py");
    expect(await libFiles()).toEqual(before);
    expect(await py(`print(open('/lib/${MANIFEST_NAME}').read())`)).toBe(beforeManifest);
  });

  it("a missing file and a missing package leave the board as it was", async () => {
    const before = await libFiles();
    expect((await failure(pm.install("missing-file", { index }))).code).toBe("FileMissing");
    expect((await failure(pm.install("no-such-thing", { index }))).code).toBe("NotFound");
    expect(await libFiles()).toEqual(before);
  });

  it("a dependency cycle installs each package once", async () => {
    const result = await pm.install("cycle-a", { index, source: true });
    expect(result.packages.map((p) => p.key)).toEqual(["cycle-a", "cycle-b"]);
    expect(await py("import cycle_a, cycle_b\nprint(cycle_a.NAME + cycle_b.NAME)")).toBe("ab");
    const removed = await pm.remove("cycle-a");
    expect(removed.packages).toEqual(["cycle-a", "cycle-b"]);
    expect(await libFiles()).not.toContain("/lib/cycle_b.py");
  });

  it("Cancel while writing takes back the files this install added, and records nothing", async () => {
    const before = await libFiles();
    const controller = new AbortController();
    const e = await failure(
      pm.install("sensor", {
        index,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === "writing" && p.filesDone >= 1) controller.abort();
        },
      }),
    );
    expect(e.code).toBe("Cancelled");
    expect(await libFiles()).toEqual(before);
    expect((await pm.installed()).installed.map((p) => p.key)).toEqual(["greet", "textcase"]);
  });

  it("removing a package keeps what an explicit package still needs, then removes orphans and empty folders", async () => {
    await pm.install("sensor", { index });
    expect(await py("import sensor\nprint(sensor.report(3))")).toBe("Hello, sensor! reading=3");
    let state = await pm.installed();
    expect(pm.planRemoval(state, "sensor")).toMatchObject({ packages: ["sensor"], files: ["sensor.py"], neededBy: [] });
    expect(pm.planRemoval(state, "textcase").neededBy).toEqual(["greet"]);

    expect((await pm.remove("sensor")).deleted).toEqual(["sensor.py"]);
    state = await pm.installed();
    expect(state.installed.map((p) => p.key)).toEqual(["greet", "textcase"]);

    const gone = await pm.remove("greet");
    expect(gone.packages).toEqual(["greet", "textcase"]);
    expect(gone.deleted.sort()).toEqual(["greet/__init__.py", "greet/words.py", "textcase.py"]);
    // Nothing installed any more: no folder of greet, and no Mote manifest left behind.
    expect(await libFiles()).toEqual([]);
  });

  it("a file shared with another package stays; a file changed on the board since install is kept, not lost", async () => {
    await pm.install("textcase", { index });
    await pm.install("weather", { index });
    const state = await pm.installed();
    expect(pm.planRemoval(state, "weather").shared).toEqual([{ path: "textcase.py", owner: "textcase" }]);
    await pm.remove("weather");
    expect(await libFiles()).toEqual([`/lib/${MANIFEST_NAME}`, "/lib/textcase.py"]);

    await device.exec("f=open('/lib/textcase.py','a');f.write('# my edit\\n');f.close()");
    const removed = await pm.remove("textcase");
    expect(removed.changedKept).toEqual(["textcase.py"]);
    expect(await libFiles()).toEqual(["/lib/textcase.py"]);
    // Now nobody's: it shows as a package found by its files.
    const after = await pm.installed(new Set(["textcase"]));
    expect(after.untracked).toEqual([{ name: "textcase", inIndex: true, files: ["textcase.py"] }]);
    await pm.removeUntracked(after.untracked[0]);
    expect(await libFiles()).toEqual([]);
  });

  it("finds packages installed without Mote by their files, and removes exactly those", async () => {
    await device.exec("import os\nos.mkdir('/lib/umqtt')\nfor n in ('simple','robust'):\n f=open('/lib/umqtt/'+n+'.py','w');f.write('X=1\\n');f.close()");
    await pm.install("textcase", { index });
    const state = await pm.installed(new Set(["umqtt.simple", "umqtt.robust", "textcase"]));
    expect(state.installed.map((p) => p.key)).toEqual(["textcase"]);
    expect(state.untracked.map((u) => [u.name, u.files])).toEqual([
      ["umqtt.robust", ["umqtt/robust.py"]],
      ["umqtt.simple", ["umqtt/simple.py"]],
    ]);
    await pm.removeUntracked(state.untracked[1]);
    expect(await libFiles()).toEqual(["/lib/mote-packages.json", "/lib/textcase.py", "/lib/umqtt/", "/lib/umqtt/robust.py"]);
    await pm.removeUntracked(state.untracked[0]);
    expect(await libFiles()).toEqual(["/lib/mote-packages.json", "/lib/textcase.py"]);
  });

  it("a github: package (local STAND-IN for GitHub) installs, records its key and unchecked files, and removes", async () => {
    const gh = new PackageManager(device, githubFetcher(createProxyFetcher({ endpoint: proxy.endpoint }), local));
    const result = await gh.install("github:mote-tests/blinky@v0.3", { index });
    expect(result.packages).toEqual([
      { key: "github:mote-tests/blinky", version: "0.3" },
      { key: "textcase", version: "0.9" },
    ]);
    expect(result.unchecked.sort()).toEqual(["blinky.py", "blinky_lib/pattern.py"]);
    expect(await py("import blinky\nprint(blinky.steps())")).toBe("[1, 0, 1, 1]");
    const state = await gh.installed();
    expect(state.installed.find((p) => p.key === "github:mote-tests/blinky")).toMatchObject({ spec: "github:mote-tests/blinky@v0.3", explicit: true });
    await gh.remove("github:mote-tests/blinky");
    expect(await libFiles()).toEqual(["/lib/mote-packages.json", "/lib/textcase.py"]);
  });

  it("a manifest someone damaged on the board is reported and left out, never trusted", async () => {
    await device.exec(`f=open('/lib/${MANIFEST_NAME}','w');f.write('{"v":1,"packages":{"x":{"files":["../../boot.py"]}}}');f.close()`);
    const state = await pm.installed();
    expect(state.installed).toEqual([]);
    expect(state.manifestProblem).toMatch(/could not read/);
    expect(state.untracked.map((u) => u.name)).toEqual(["textcase"]);
  });
});

describe("a board without folders (TEST DOUBLE of micro:bit's flat filesystem: capabilities only)", () => {
  it("says there is no lib folder, with what to do instead", async () => {
    const flat: FsCaps = { dirs: false, rename: false, statvfs: false, sha256: false, deflate: false, binaryIn: "uart", cwd: "/", rawPaste: false };
    const files = Object.assign(Object.create(BoardFiles.prototype) as BoardFiles, { capabilities: async () => flat });
    const manager = new PackageManager(device, createProxyFetcher({ endpoint: proxy.endpoint }), files);
    const e = await failure(manager.install("greet", { index }));
    expect(e.code).toBe("NoFolders");
    expect(e.hint).toMatch(/Board files/);
  });
});
