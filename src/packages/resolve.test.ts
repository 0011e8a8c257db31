// The resolver against a LOCAL mip index (a real node:http server with fixture packages, testing/localIndex.ts),
// reached through Mote's REAL package proxy (server/mip/, with the index listed as MOTE_MIP_INDEXES would list it),
// so every byte takes the browser's path. No board here: resolve.ts never touches one; install.wasm.test.ts does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPackageProxy } from "../../server/mip/standalone.mjs";
import { sha256Hex } from "../device/transfer/hash";
import { isPackageError, PackageError } from "./errors";
import { createProxyFetcher, type Fetcher } from "./fetcher";
import { loadIndex, searchIndex } from "./indexClient";
import { resolveInstall, type ResolveProgress } from "./resolve";
import { githubFetcher, startLocalIndex, type LocalIndex } from "./testing/localIndex";

let local: LocalIndex;
let proxy: { endpoint: string; close: () => Promise<void> };
let fetcher: Fetcher;

beforeAll(async () => {
  local = await startLocalIndex();
  proxy = await startPackageProxy({ listed: `${local.origin}/` });
  fetcher = createProxyFetcher({ endpoint: proxy.endpoint, timeoutMs: 5_000 });
});
afterAll(async () => {
  await proxy?.close();
  await local?.close();
});

const failure = async (p: Promise<unknown>): Promise<PackageError> => {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  if (!isPackageError(e)) throw new Error(`expected a PackageError, got ${String(e)}`);
  return e;
};

describe("index.json", () => {
  it("lists the fixture packages with descriptions and versions per mpy version, and searches them", async () => {
    const index = await loadIndex(local.index, fetcher);
    expect(index.packages.map((p) => p.name)).toContain("greet");
    const greet = index.packages.find((p) => p.name === "greet")!;
    expect(greet).toMatchObject({ version: "1.2.0", description: "Friendly greetings (fixture).", license: "MIT", versions: { py: ["1.2.0"], "6": ["1.2.0"] } });
    expect(searchIndex(index.packages, "greet").map((p) => p.name)).toEqual(["greet", "sensor"]);
    expect(searchIndex(index.packages, "flattened copy").map((p) => p.name)).toEqual(["weather"]);
    expect(searchIndex(index.packages, "").length).toBe(index.packages.length);
  });

  it("an index URL the server does not allow is refused, with what to do", async () => {
    const e = await failure(loadIndex("http://127.0.0.1:1/pi/v2", fetcher));
    expect(e.code).toBe("Refused");
    expect(e.hint).toContain("MOTE_MIP_INDEXES");
  });

  it("an index without index.json is a NotFound that points at the index URL", async () => {
    const e = await failure(loadIndex(`${local.origin}/nothing-here`, fetcher));
    expect(e.code).toBe("NotFound");
    expect(e.hint).toMatch(/index URL/);
  });
});

describe("resolveInstall", () => {
  it("a package with its dependency: both JSONs for the board's mpy version, every file checked against its hash", async () => {
    const seen: ResolveProgress[] = [];
    const plan = await resolveInstall("greet", { index: local.index, mpy: "6", fetcher, onProgress: (p) => seen.push(p) });
    expect(plan.root).toBe("greet");
    expect(plan.packages.map((p) => [p.key, p.version, p.deps])).toEqual([
      ["greet", "1.2.0", ["textcase"]],
      ["textcase", "0.9", []],
    ]);
    expect(plan.files.map((f) => f.path).sort()).toEqual(["greet/__init__.py", "greet/words.py", "textcase.py"]);
    for (const f of plan.files) {
      expect(f.checked).toBe(true);
      expect(f.sha256).toBe(await sha256Hex(f.data));
    }
    expect(new TextDecoder().decode(plan.files.find((f) => f.path === "textcase.py")!.data)).toBe(local.source("textcase", "textcase.py"));
    expect(local.requests).toContain("/pi/v2/package/6/greet/latest.json");
    expect(local.requests).toContain("/pi/v2/package/6/textcase/latest.json");
    expect(seen.at(-1)).toMatchObject({ phase: "downloading", filesDone: 3, filesTotal: 3 });
  });

  it("source instead of bytecode asks for the py builds, and a version pins the JSON", async () => {
    const plan = await resolveInstall("textcase@0.9", { index: local.index, mpy: "py", fetcher });
    expect(plan.packages[0]).toMatchObject({ key: "textcase", version: "0.9", spec: "textcase@0.9" });
    expect(local.requests).toContain("/pi/v2/package/py/textcase/0.9.json");
  });

  it("transitive dependencies once each, a shared flattened file once with both owners", async () => {
    const sensor = await resolveInstall("sensor", { index: local.index, mpy: "6", fetcher });
    expect(sensor.packages.map((p) => p.key)).toEqual(["sensor", "greet", "textcase"]);
    const weather = await resolveInstall("weather", { index: local.index, mpy: "6", fetcher });
    expect(weather.files.find((f) => f.path === "textcase.py")?.owners).toEqual(["weather"]);
  });

  it("a dependency cycle ends where it began: each package once, each depending on the other", async () => {
    const plan = await resolveInstall("cycle-a", { index: local.index, mpy: "6", fetcher });
    expect(plan.packages.map((p) => [p.key, p.deps])).toEqual([
      ["cycle-a", ["cycle-b"]],
      ["cycle-b", ["cycle-a"]],
    ]);
    expect(plan.files.map((f) => f.path)).toEqual(["cycle_a.py", "cycle_b.py"]);
  });

  it("a tampered file refuses the whole plan, naming the file", async () => {
    const e = await failure(resolveInstall("tampered", { index: local.index, mpy: "6", fetcher }));
    expect(e.code).toBe("HashMismatch");
    expect(e.message).toContain("tampered.py of tampered 1.0");
    expect(e.message).toContain("Nothing was installed");
  });

  it("a missing package says what to try, including source for a board-specific build", async () => {
    const e = await failure(resolveInstall("no-such-package", { index: local.index, mpy: "6", fetcher }));
    expect(e.code).toBe("NotFound");
    expect(e.message).toContain('"no-such-package"');
    expect(e.hint).toMatch(/Install source/);
    const dep = await failure(resolveInstall("textcase@7.7", { index: local.index, mpy: "py", fetcher }));
    expect(dep.message).toContain("at version 7.7");
  });

  it("a file that answers 404 is FileMissing, naming the file and its package", async () => {
    const e = await failure(resolveInstall("missing-file", { index: local.index, mpy: "6", fetcher }));
    expect(e.code).toBe("FileMissing");
    expect(e.message).toContain("absent.py of missing-file 1.0");
  });

  it("a package JSON that is not JSON is BadIndex", async () => {
    const e = await failure(resolveInstall("badjson", { index: local.index, mpy: "6", fetcher }));
    expect(e.code).toBe("BadIndex");
  });

  it("a target path climbing out of lib is refused before any file is fetched", async () => {
    const before = local.requests.length;
    const e = await failure(resolveInstall("evil-path", { index: local.index, mpy: "6", fetcher }));
    expect(e.code).toBe("Refused");
    expect(e.message).toContain('"../boot.py"');
    expect(local.requests.slice(before).some((r) => r.includes("/file/"))).toBe(false);
  });

  it("a slow index times out with words (the page's timeout, and the server's own)", async () => {
    local.slow(1_500);
    try {
      const quick = createProxyFetcher({ endpoint: proxy.endpoint, timeoutMs: 300 });
      const e = await failure(resolveInstall("greet", { index: local.index, mpy: "6", fetcher: quick }));
      expect(e.code).toBe("Timeout");
      expect(e.message).toMatch(/did not arrive in time/);
      expect(e.hint).toMatch(/slow or unreachable/);

      const impatient = await startPackageProxy({ listed: `${local.origin}/`, timeouts: { headers: 200, idle: 200, total: 2_000 } });
      try {
        const viaServer = createProxyFetcher({ endpoint: impatient.endpoint, timeoutMs: 5_000 });
        const s = await failure(resolveInstall("greet", { index: local.index, mpy: "6", fetcher: viaServer }));
        expect(s.code).toBe("Timeout");
      } finally {
        await impatient.close();
      }
    } finally {
      local.slow(0);
    }
  });

  it("Cancel stops a resolve", async () => {
    const controller = new AbortController();
    local.slow(400);
    try {
      const pending = resolveInstall("greet", { index: local.index, mpy: "6", fetcher, signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      expect((await failure(pending)).code).toBe("Cancelled");
    } finally {
      local.slow(0);
    }
  });

  it("limits stop a runaway dependency tree", async () => {
    const e = await failure(resolveInstall("sensor", { index: local.index, mpy: "6", fetcher, limits: { packages: 2 } }));
    expect(e.code).toBe("TooLarge");
  });
});

describe("github: packages (through the local STAND-IN for raw.githubusercontent.com)", () => {
  it("package.json at HEAD: a relative URL, a full github: URL and an index dependency", async () => {
    const gh = githubFetcher(fetcher, local);
    const before = local.requests.length;
    const plan = await resolveInstall("github:mote-tests/blinky", { index: local.index, mpy: "6", fetcher: gh });
    expect(plan.packages.map((p) => [p.key, p.version, p.source])).toEqual([
      ["github:mote-tests/blinky", "0.3", "url"],
      ["textcase", "0.9", "index"],
    ]);
    const asked = local.requests.slice(before);
    expect(asked).toContain("/raw/mote-tests/blinky/HEAD/package.json");
    expect(asked).toContain("/raw/mote-tests/blinky/HEAD/blinky.py");
    expect(asked).toContain("/raw/mote-tests/blinky/HEAD/lib/pattern.py");
    const byPath = Object.fromEntries(plan.files.map((f) => [f.path, f.checked]));
    // GitHub packages carry no hashes: their files are fetched as they are, and the plan says so.
    expect(byPath).toEqual({ "blinky.py": false, "blinky_lib/pattern.py": false, "textcase.py": true });
  });

  it("@ref is the branch or tag for the JSON and for the github: URLs it lists", async () => {
    const gh = githubFetcher(fetcher, local);
    const before = local.requests.length;
    const plan = await resolveInstall("github:mote-tests/blinky@v0.3", { index: local.index, mpy: "6", fetcher: gh });
    expect(plan.packages[0].spec).toBe("github:mote-tests/blinky@v0.3");
    const asked = local.requests.slice(before);
    expect(asked).toContain("/raw/mote-tests/blinky/v0.3/package.json");
    expect(asked).toContain("/raw/mote-tests/blinky/v0.3/lib/pattern.py");
    const e = await failure(resolveInstall("github:mote-tests/blinky@nope", { index: local.index, mpy: "6", fetcher: gh }));
    expect(e.code).toBe("NotFound");
    expect(e.hint).toMatch(/branch/);
  });

  it("a single .py file from github:", async () => {
    const gh = githubFetcher(fetcher, local);
    const plan = await resolveInstall("github:mote-tests/blinky/blinky.py", { index: local.index, mpy: "6", fetcher: gh });
    expect(plan.files.map((f) => [f.path, f.checked])).toEqual([["blinky.py", false]]);
  });
});
