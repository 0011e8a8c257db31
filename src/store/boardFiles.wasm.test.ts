import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromUtf8 } from "../device/bytes";
import { connectDevice, type Device } from "../device/device";
import { isDeviceError } from "../device/errors";
import { pyStr } from "../device/pyLiteral";
import { createNodeVirtualBoard } from "../transports/virtual/node";
import { MemoryFsStore } from "../transports/virtual/fs-store";
import { MemoryStorage } from "../workspace/storage";
import { createBoardFilesStore } from "./boardFiles";
import { createWorkspaceStore } from "./workspace";

// The board-files store with the REAL BoardFiles facade against the REAL MicroPython WASM board: what the panel and
// Save to board do, end to end below the UI.
describe("board files store on the virtual board (real MicroPython WASM)", () => {
  let device: Device;
  const ws = createWorkspaceStore({ openStorage: async () => new MemoryStorage(), delayMs: 0 });
  const store = createBoardFilesStore({ workspace: ws });
  const boardText = async (path: string) => fromUtf8(await device.exec(`print(open(${pyStr(path)}).read(), end='')`));

  beforeAll(async () => {
    device = await connectDevice(await createNodeVirtualBoard({ store: new MemoryFsStore() }), { connectTimeoutMs: 20_000 });
    await ws.getState().init();
    store.getState().setDevice(device);
    await store.getState().refresh();
  }, 60_000);
  afterAll(async () => {
    await device?.disconnect();
  });

  it("uploads, lists (no temporaries), and reads back the same bytes", async () => {
    expect(store.getState().listed).toBe(true);
    expect(store.getState().problem).toBeNull();
    const bytes = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7) & 0xff);
    await store.getState().upload([{ name: "data.bin", data: bytes }]);
    expect(store.getState().problem).toBeNull();
    const paths = store.getState().entries.map((e) => e.path);
    expect(paths).toContain("/data.bin");
    expect(paths.some((p) => p.includes(".mote-"))).toBe(false);
    expect(store.getState().entries.find((e) => e.path === "/data.bin")?.size).toBe(3000);
    expect(Array.from((await store.getState().download("/data.bin")) ?? [])).toEqual(Array.from(bytes));
    // The virtual board's statvfs numbers are made up by Emscripten: no usage bar rather than a false one.
    expect(store.getState().usage).toBeNull();
  }, 60_000);

  it("a save after the board's copy changed is refused; Overwrite then writes", async () => {
    await device.exec("f = open('conf.py', 'w'); f.write('v = 1\\n'); f.close()");
    await store.getState().refresh();
    const projectPath = await store.getState().open("/conf.py");
    expect(projectPath).toBe("conf.py");
    expect(ws.getState().files["conf.py"].content).toBe("v = 1\n");

    await device.exec("f = open('conf.py', 'w'); f.write('board = 2\\n'); f.close()");
    const outcome = await store.getState().saveProjectFile(device, "conf.py", "editor = 3\n");
    expect(outcome.kind).toBe("conflict");
    expect(await boardText("/conf.py")).toBe("board = 2\n");

    await ws.getState().writeFile("conf.py", "editor = 3\n");
    await store.getState().resolveConflict("overwrite");
    expect(store.getState().problem).toBeNull();
    expect(await boardText("/conf.py")).toBe("editor = 3\n");
    expect((await store.getState().saveProjectFile(device, "conf.py", "editor = 4\n")).kind).toBe("saved");
    expect(await boardText("/conf.py")).toBe("editor = 4\n");
  }, 60_000);

  it("makes a folder, renames into place, deletes recursively", async () => {
    expect(await store.getState().mkdir("lib")).toBe(true);
    await store.getState().upload([{ name: "x.py", data: new TextEncoder().encode("x = 1\n") }], "/lib");
    expect(store.getState().entries.map((e) => e.path)).toContain("/lib/x.py");
    expect(await store.getState().rename("/lib/x.py", "y.py")).toBe(true);
    expect(store.getState().entries.map((e) => e.path)).toContain("/lib/y.py");
    const lib = store.getState().entries.find((e) => e.path === "/lib")!;
    await store.getState().remove(lib);
    expect(store.getState().problem).toBeNull();
    expect(store.getState().entries.map((e) => e.path)).not.toContain("/lib");
    expect(fromUtf8(await device.exec("import os; print('lib' in os.listdir())")).trim()).toBe("False");
  }, 60_000);

  it("a missing file gives a typed error, not a crash", async () => {
    await store.getState().open("/nope.py");
    expect(isDeviceError(store.getState().problem)).toBe(true);
  }, 60_000);
});
