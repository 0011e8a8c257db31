// The Packages dialog's store with the REAL package manager: a REAL MicroPython WASM board, Mote's REAL package proxy
// and a LOCAL mip index (src/packages/testing/localIndex.ts). What the dialog does, below the UI.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPackageProxy } from "../../server/mip/standalone.mjs";
import { connectDevice, type Device } from "../device/device";
import { isPackageError } from "../packages/errors";
import { createProxyFetcher } from "../packages/fetcher";
import { DEFAULT_INDEX } from "../packages/spec";
import { startLocalIndex, type LocalIndex } from "../packages/testing/localIndex";
import { MemoryFsStore } from "../transports/virtual/fs-store";
import { createNodeVirtualBoard } from "../transports/virtual/node";
import { describePackageProblem, outcomeWords } from "../packagesDialog/packageWords";
import { createPackagesStore, isCancel, type PackagesState } from "./packages";

// prefs.ts reads localStorage; Node has none, so a Map stands in for the browser's (a plain key-value store).
const saved = new Map<string, string>();
Object.assign(globalThis, {
  localStorage: { getItem: (k: string) => saved.get(k) ?? null, setItem: (k: string, v: string) => void saved.set(k, v) },
});

let local: LocalIndex;
let proxy: { endpoint: string; close: () => Promise<void> };
let device: Device;
let changed = 0;
let store: ReturnType<typeof createPackagesStore>;
const state = (): PackagesState => store.getState();

beforeAll(async () => {
  local = await startLocalIndex();
  proxy = await startPackageProxy({ listed: `${local.origin}/` });
  device = await connectDevice(await createNodeVirtualBoard({ store: new MemoryFsStore() }), { connectTimeoutMs: 20_000 });
  saved.set("mote.mip.index", local.index);
  store = createPackagesStore({
    getDevice: () => device,
    fetcher: createProxyFetcher({ endpoint: proxy.endpoint, timeoutMs: 10_000 }),
    onBoardChanged: () => void changed++,
  });
}, 60_000);
afterAll(async () => {
  await device?.disconnect();
  await proxy?.close();
  await local?.close();
});

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

describe("packages store (real WASM board, real proxy, local index)", () => {
  it("opening the dialog loads the remembered index and reads the board", async () => {
    expect(state().indexUrl).toBe(local.index);
    state().openDialog();
    await until(() => state().index.status === "ready" && state().board.status === "ready", "index and board");
    const index = state().index;
    expect(index.status === "ready" && index.packages.some((p) => p.name === "greet")).toBe(true);
    const board = state().board;
    expect(board.status === "ready" && board.target).toMatchObject({ lib: "/lib", mpy: "6" });
  });

  it("a refused index URL keeps the old one; a good one is remembered", async () => {
    expect(await state().setIndexUrl("ftp://example.com/pi")).toBe(false);
    expect(state().indexUrl).toBe(local.index);
    const failed = state().index;
    expect(failed.status === "failed" && isPackageError(failed.error, "Refused")).toBe(true);

    expect(await state().setIndexUrl(`${DEFAULT_INDEX}/`)).toBe(true);
    expect(saved.get("mote.mip.index")).toBe(DEFAULT_INDEX);
    // No network in tests: the default index cannot be reached, and says so in words.
    const offline = state().index;
    expect(offline.status).toBe("failed");
    expect(describePackageProblem(offline.status === "failed" ? offline.error : null)?.text.length).toBeGreaterThan(0);

    expect(await state().setIndexUrl(`${local.index}/`)).toBe(true);
    expect(state().index.status).toBe("ready");
  }, 60_000);

  it("install: progress while it runs, the outcome in words, the board's list updated, the panel told", async () => {
    const phases: string[] = [];
    const unsubscribe = store.subscribe((s) => {
      if (s.operation.kind === "installing" && s.operation.progress) phases.push(s.operation.progress.phase);
    });
    const before = changed;
    await state().install("greet");
    unsubscribe();
    expect(new Set(phases)).toEqual(new Set(["resolving", "downloading", "writing", "recording"]));
    expect(state().operation.kind).toBe("idle");
    expect(state().error).toBeNull();
    const outcome = state().outcome!;
    expect(outcomeWords(outcome, "/lib")[0]).toBe("Installed greet 1.2.0 into /lib, with textcase 0.9.");
    const board = state().board;
    expect(board.status === "ready" && board.packages.installed.map((p) => `${p.key} ${p.version}`)).toEqual(["greet 1.2.0", "textcase 0.9"]);
    expect(changed).toBe(before + 1);
  }, 60_000);

  it("one operation at a time; Cancel ends as the person's choice, not an error", async () => {
    local.slow(300);
    try {
      const first = state().install("sensor");
      await state().install("weather");
      expect(local.requests.some((r) => r.includes("/weather/"))).toBe(false);
      state().cancel();
      await first;
    } finally {
      local.slow(0);
    }
    expect(isCancel(state().error)).toBe(true);
    const board = state().board;
    expect(board.status === "ready" && board.packages.installed.map((p) => p.key)).toEqual(["greet", "textcase"]);
  }, 60_000);

  it("a failure is kept for the words; dismiss clears it", async () => {
    await state().install("tampered");
    expect(describePackageProblem(state().error)).toMatchObject({ code: "HashMismatch" });
    state().dismissError();
    expect(state().error).toBeNull();
  }, 60_000);

  it("remove asks first with the plan, then removes; Keep changes nothing", async () => {
    state().askRemove("textcase");
    const q = state().confirm;
    expect(q?.kind === "tracked" && q.plan.neededBy).toEqual(["greet"]);
    state().cancelRemove();
    expect(state().confirm).toBeNull();

    state().askRemove("greet");
    await state().confirmRemove();
    expect(outcomeWords(state().outcome!, "/lib")[0]).toBe("Removed greet, textcase (3 files deleted).");
    const board = state().board;
    expect(board.status === "ready" && board.packages.installed).toEqual([]);
  }, 60_000);

  it("files found without a manifest can be removed by their group", async () => {
    await device.exec("f=open('/lib/greet.py','w');f.write('X=1\\n');f.close()");
    await state().refreshBoard();
    state().askRemoveUntracked("greet");
    const q = state().confirm;
    expect(q?.kind === "untracked" && q.group).toEqual({ name: "greet", inIndex: true, files: ["greet.py"] });
    await state().confirmRemove();
    const board = state().board;
    expect(board.status === "ready" && board.packages.untracked).toEqual([]);
  }, 60_000);
});
