import { beforeEach, describe, expect, it } from "vitest";
import type { DeviceApi } from "../device/api";
import { DeviceError, isDeviceError } from "../device/errors";
import type { BoardEntry, BoardFilesApi, FsCaps, SyncPlan, TransferOptions, WriteOptions, WriteResult } from "../device/fs/types";
import { describeError } from "../ui/errorMessages";
import { MemoryStorage } from "../workspace/storage";
import { sha256Hex } from "../device/transfer/hash";
import { createBoardFilesStore, type BoardFilesState } from "./boardFiles";
import { createWorkspaceStore, type WorkspaceState } from "./workspace";
import type { StoreApi } from "zustand/vanilla";

/**
 * TEST DOUBLE of BoardFilesApi: an in-memory board filesystem that keeps the facade's contract (Conflict on a
 * mismatched expectSha256 with nothing changed, Interrupted on abort with the old file intact, Unsupported where the
 * caps say so). The real facade is tested against the WASM board and QEMU in src/device and in the e2e specs.
 */
class BoardFilesDouble implements BoardFilesApi {
  files = new Map<string, Uint8Array>();
  dirs = new Set<string>(["/"]);
  calls: string[] = [];
  /** Resolves a write only when the test says so, so a cancel can be tried mid-transfer. */
  gate: Promise<void> | null = null;
  cleaned = 0;
  constructor(readonly caps: FsCaps) {}
  async cleanup() {
    this.cleaned++;
    for (const p of [...this.files.keys()]) if (p.split("/").pop()!.startsWith(".mote-")) this.files.delete(p);
  }
  async capabilities() {
    return this.caps;
  }
  async list(dir = "/", options: { recursive?: boolean } = {}): Promise<BoardEntry[]> {
    const under = (p: string) => (dir === "/" ? p !== "/" && p.startsWith("/") : p.startsWith(`${dir}/`));
    const direct = (p: string) => p.slice(0, p.lastIndexOf("/") || 1) === dir;
    const out: BoardEntry[] = [];
    for (const d of this.dirs) if (under(d) && (options.recursive || direct(d))) out.push(entry(d, "dir", 0));
    for (const [p, data] of this.files) if (under(p) && (options.recursive || direct(p))) out.push(entry(p, "file", data.length));
    return out.sort((a, b) => a.path.length - b.path.length);
  }
  async stat(path: string) {
    const f = this.files.get(path);
    return f ? entry(path, "file", f.length) : this.dirs.has(path) ? entry(path, "dir", 0) : null;
  }
  async read(path: string) {
    this.calls.push(`read ${path}`);
    const f = this.files.get(path);
    if (!f) throw new DeviceError("RemoteError", "no such file");
    return f.slice();
  }
  async write(path: string, data: Uint8Array, options: WriteOptions = {}): Promise<WriteResult> {
    this.calls.push(`write ${path} expect=${options.expectSha256 === undefined ? "-" : options.expectSha256}`);
    const old = this.files.get(path);
    if (options.expectSha256 !== undefined) {
      const now = old ? await sha256Hex(old) : null;
      if (now !== options.expectSha256) throw new DeviceError("Conflict", "changed on the board");
    }
    options.onProgress?.({ done: 0, total: data.length, bytesPerSecond: 0, phase: "sending" });
    if (this.gate) await Promise.race([this.gate, aborted(options)]);
    if (options.signal?.aborted) throw new DeviceError("Interrupted", "cancelled");
    this.files.set(path, data.slice());
    return { skipped: false, sha256: await sha256Hex(data), wireBytes: data.length, compressed: false };
  }
  async mkdir(path: string) {
    if (!this.caps.dirs) throw new DeviceError("Unsupported", "Folders are not supported on this board");
    this.dirs.add(path);
  }
  async remove(path: string, options: { recursive?: boolean } = {}) {
    this.calls.push(`remove ${path} recursive=${!!options.recursive}`);
    this.files.delete(path);
    this.dirs.delete(path);
    for (const p of [...this.files.keys()]) if (p.startsWith(`${path}/`)) this.files.delete(p);
  }
  async rename(from: string, to: string) {
    if (!this.caps.rename) throw new DeviceError("Unsupported", "Renaming is not supported on this board");
    const f = this.files.get(from);
    if (f) {
      this.files.delete(from);
      this.files.set(to, f);
    }
  }
  async usage() {
    return { totalBytes: 1000, freeBytes: 600 };
  }
  async sha256(path: string) {
    const f = this.files.get(path);
    return f ? sha256Hex(f) : null;
  }
  async planSync(): Promise<SyncPlan> {
    throw new Error("not used by the panel");
  }
  async applySync() {
    throw new Error("not used by the panel");
  }
}

function entry(path: string, kind: "file" | "dir", size: number): BoardEntry {
  return { path, name: path.slice(path.lastIndexOf("/") + 1), kind, size };
}

function aborted(options: TransferOptions): Promise<void> {
  return new Promise((resolve) => options.signal?.addEventListener("abort", () => resolve()));
}

const MODERN: FsCaps = { dirs: true, rename: true, statvfs: true, sha256: true, deflate: true, binaryIn: "stdin", cwd: "/", rawPaste: true };
const MICROBIT: FsCaps = { dirs: false, rename: false, statvfs: false, sha256: false, deflate: false, binaryIn: "none", cwd: "/", rawPaste: false };

/** A stand-in device: the store only passes it to the API factory, which the test replaces with the double. */
const device = (n: number) => ({ id: n }) as unknown as DeviceApi;
const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

let board: BoardFilesDouble;
let ws: StoreApi<WorkspaceState>;
let store: StoreApi<BoardFilesState>;

async function setup(caps: FsCaps) {
  board = new BoardFilesDouble(caps);
  ws = createWorkspaceStore({ openStorage: async () => new MemoryStorage(), delayMs: 0 });
  await ws.getState().init();
  store = createBoardFilesStore({ makeApi: () => board, workspace: ws });
}

async function connect(d: DeviceApi) {
  store.getState().setDevice(d);
  expect(store.getState().stale).toBe(true);
  await store.getState().refresh();
  expect(store.getState().listed).toBe(true);
}

describe("board files store (against a BoardFilesApi double)", () => {
  beforeEach(() => setup(MODERN));

  it("on connect cleans temporaries and lists the tree without hidden .mote- files", async () => {
    board.files.set("/a.py", enc("a"));
    board.files.set("/.mote-tmp-1", enc("x"));
    board.dirs.add("/lib");
    board.files.set("/lib/b.py", enc("bb"));
    await connect(device(1));
    expect(board.cleaned).toBe(1);
    expect(store.getState().entries.map((e) => e.path).sort()).toEqual(["/a.py", "/lib", "/lib/b.py"]);
    expect(store.getState().usage).toEqual({ totalBytes: 1000, freeBytes: 600 });
    store.getState().setDevice(null);
    expect(store.getState().entries).toEqual([]);
  });

  it("opens a board file into the project, then a save checks the hash it was opened with", async () => {
    board.files.set("/conf.py", enc("x = 1\n"));
    await connect(device(1));
    const path = await store.getState().open("/conf.py");
    expect(path).toBe("conf.py");
    expect(ws.getState().files["conf.py"].content).toBe("x = 1\n");
    expect(ws.getState().activePath).toBe("conf.py");

    const first = await store.getState().saveProjectFile(device(1), "conf.py", "x = 2\n");
    expect(first.kind).toBe("saved");
    expect(dec(board.files.get("/conf.py"))).toBe("x = 2\n");
    expect(board.calls).toContain(`write /conf.py expect=${await sha256Hex(enc("x = 1\n"))}`);
  });

  it("refuses to overwrite a file changed on the board: conflict, then Overwrite writes", async () => {
    board.files.set("/conf.py", enc("x = 1\n"));
    const d = device(1);
    await connect(d);
    await store.getState().open("/conf.py");
    board.files.set("/conf.py", enc("x = 'changed on the board'\n"));
    await ws.getState().writeFile("conf.py", "x = 3\n");

    const outcome = await store.getState().saveProjectFile(d, "conf.py", "x = 3\n");
    expect(outcome.kind).toBe("conflict");
    expect(dec(board.files.get("/conf.py"))).toBe("x = 'changed on the board'\n");
    expect(store.getState().conflict).toEqual({ projectPath: "conf.py", boardPath: "/conf.py" });

    await store.getState().resolveConflict("overwrite");
    expect(store.getState().conflict).toBeNull();
    expect(dec(board.files.get("/conf.py"))).toBe("x = 3\n");
    // The overwrite is now the known version: the next save is checked against it and goes through.
    expect((await store.getState().saveProjectFile(d, "conf.py", "x = 4\n")).kind).toBe("saved");
    expect(dec(board.files.get("/conf.py"))).toBe("x = 4\n");
  });

  it("Open board version replaces the editor's text with the board's; Cancel changes nothing", async () => {
    board.files.set("/conf.py", enc("old\n"));
    const d = device(1);
    await connect(d);
    await store.getState().open("/conf.py");
    board.files.set("/conf.py", enc("board\n"));
    await ws.getState().writeFile("conf.py", "mine\n");

    await store.getState().saveProjectFile(d, "conf.py", "mine\n");
    await store.getState().resolveConflict("cancel");
    expect(dec(board.files.get("/conf.py"))).toBe("board\n");
    expect(ws.getState().files["conf.py"].content).toBe("mine\n");

    await store.getState().saveProjectFile(d, "conf.py", "mine\n");
    await store.getState().resolveConflict("open");
    expect(ws.getState().files["conf.py"].content).toBe("board\n");
    expect(dec(board.files.get("/conf.py"))).toBe("board\n");
  });

  it("a file never opened from the board saves unchecked the first time, then against its last save", async () => {
    const d = device(1);
    await connect(d);
    await store.getState().saveProjectFile(d, "main.py", "print(1)\n");
    expect(board.calls).toContain("write /main.py expect=-");
    board.files.set("/main.py", enc("print('edited on the board')\n"));
    expect((await store.getState().saveProjectFile(d, "main.py", "print(2)\n")).kind).toBe("conflict");
    expect(dec(board.files.get("/main.py"))).toBe("print('edited on the board')\n");
  });

  it("opening a board file does not clobber unsaved project work of the same name", async () => {
    await ws.getState().writeFile("main.py", "unsaved work\n");
    board.files.set("/main.py", enc("board copy\n"));
    await connect(device(1));
    const path = await store.getState().open("/main.py");
    expect(path).toBe("main (board).py");
    expect(ws.getState().files["main.py"].content).toBe("unsaved work\n");
    expect(ws.getState().files["main (board).py"].content).toBe("board copy\n");
    // Saving the copy goes back to the board file it came from.
    await store.getState().saveProjectFile(device(1), "main (board).py", "board copy 2\n");
    expect(dec(board.files.get("/main.py"))).toBe("board copy 2\n");
  });

  it("refuses to open a file that is not UTF-8 text, with words saying to download it", async () => {
    board.files.set("/blob.bin", new Uint8Array([0xff, 0xfe, 0x00]));
    await connect(device(1));
    expect(await store.getState().open("/blob.bin")).toBeNull();
    expect(describeError(store.getState().problem)?.text).toMatch(/not a text file.*Download/);
  });

  it("uploads desktop files and project files, then lists them", async () => {
    await connect(device(1));
    board.dirs.add("/lib");
    await store.getState().upload([{ name: "data.bin", data: new Uint8Array([0, 1, 255]) }], "/lib");
    expect(Array.from(board.files.get("/lib/data.bin")!)).toEqual([0, 1, 255]);
    await store.getState().uploadProjectFile("main.py");
    expect(dec(board.files.get("/main.py"))).toBe(ws.getState().files["main.py"].content);
    expect(store.getState().entries.map((e) => e.path)).toContain("/lib/data.bin");
    // That upload is the version the project knows: a later save is checked against it.
    expect((await store.getState().saveProjectFile(device(1), "main.py", "x")).kind).toBe("saved");
  });

  it("refuses upload names that would leave the chosen folder", async () => {
    await connect(device(1));
    await store.getState().upload([{ name: "..", data: enc("x") }]);
    expect(board.files.size).toBe(0);
    expect(describeError(store.getState().problem)?.text).toMatch(/can't be used/);
    expect(await store.getState().rename("/a.py", "x/y")).toBe(false);
  });

  it("Cancel interrupts a transfer, keeps the old file, and reports nothing", async () => {
    board.files.set("/big.bin", enc("old"));
    await connect(device(1));
    let release!: () => void;
    board.gate = new Promise((r) => (release = r));
    const p = store.getState().upload([{ name: "big.bin", data: enc("new") }]);
    await expect.poll(() => store.getState().transfer?.progress?.phase).toBe("sending");
    expect(store.getState().transfer?.label).toBe("Uploading big.bin");
    store.getState().cancelTransfer();
    await p;
    release();
    expect(dec(board.files.get("/big.bin"))).toBe("old");
    expect(store.getState().transfer).toBeNull();
    expect(store.getState().problem).toBeNull();
  });

  it("delete removes folders recursively and rename moves what was opened", async () => {
    board.dirs.add("/lib");
    board.files.set("/lib/x.py", enc("1"));
    board.files.set("/a.py", enc("a"));
    const d = device(1);
    await connect(d);
    await store.getState().open("/a.py");
    expect(await store.getState().rename("/a.py", "b.py")).toBe(true);
    expect(store.getState().opened["a.py"].boardPath).toBe("/b.py");
    await store.getState().saveProjectFile(d, "a.py", "a2");
    expect(dec(board.files.get("/b.py"))).toBe("a2");
    const lib = store.getState().entries.find((e) => e.path === "/lib")!;
    await store.getState().remove(lib);
    expect(board.calls).toContain("remove /lib recursive=true");
    expect(store.getState().entries.map((e) => e.path)).toEqual(["/b.py"]);
  });
});

describe("board files store on a flat board without rename (double with micro:bit caps)", () => {
  beforeEach(() => setup(MICROBIT));

  it("lists flat, has no usage, and says rename and folders are not supported on this board", async () => {
    board.files.set("/a.py", enc("a"));
    await connect(device(1));
    expect(store.getState().usage).toBeNull();
    expect(await store.getState().rename("/a.py", "b.py")).toBe(false);
    const err = store.getState().problem;
    expect(isDeviceError(err, "Unsupported")).toBe(true);
    expect(describeError(err)?.text).toMatch(/not supported on this board/);
    expect(board.files.has("/a.py")).toBe(true);
    expect(await store.getState().mkdir("lib")).toBe(false);
    expect(describeError(store.getState().problem)?.text).toMatch(/not supported on this board/);
  });
});
