// Run's copy of the project modules a program imports, with the REAL BoardFiles facade against the REAL MicroPython
// WASM board, through the board-files store as connection.run() uses it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromUtf8 } from "../device/bytes";
import { connectDevice, type Device } from "../device/device";
import { pyStr } from "../device/pyLiteral";
import { createNodeVirtualBoard } from "../transports/virtual/node";
import { MemoryFsStore } from "../transports/virtual/fs-store";
import { MemoryStorage } from "../workspace/storage";
import { createBoardFilesStore } from "./boardFiles";
import { RunCopyConflict } from "./runCopy";
import { createWorkspaceStore } from "./workspace";

describe("copying a Run's modules to the virtual board (real MicroPython WASM)", () => {
  let device: Device;
  const ws = createWorkspaceStore({ openStorage: async () => new MemoryStorage(), delayMs: 0 });
  const store = createBoardFilesStore({ workspace: ws });
  const boardText = async (path: string) => fromUtf8(await device.exec(`print(open(${pyStr(path)}).read(), end='')`));
  const putOnBoard = (path: string, text: string) => device.exec(`with open(${pyStr(path)}, "w") as f:\n    f.write(${pyStr(text)})`);

  beforeAll(async () => {
    device = await connectDevice(await createNodeVirtualBoard({ store: new MemoryFsStore() }), { connectTimeoutMs: 20_000 });
    await ws.getState().init();
    store.getState().setDevice(device);
  }, 60_000);
  afterAll(async () => {
    await device?.disconnect();
  });

  it("copies modules (making lib/ on the way), then skips them while unchanged, and sends an edit again", async () => {
    await ws.getState().writeFile("secrets.py", "KEY = 'a'\n");
    await ws.getState().writeFile("lib/helper.py", "def f():\n    return 42\n");
    expect(await store.getState().copyForRun(device, ["secrets.py", "lib/helper.py"])).toEqual(["secrets.py", "lib/helper.py"]);
    expect(await boardText("/lib/helper.py")).toBe("def f():\n    return 42\n");
    const result = await device.run("import secrets\nimport helper\nprint(secrets.KEY, helper.f())");
    expect(result.stderr).toBe("");

    expect(await store.getState().copyForRun(device, ["secrets.py", "lib/helper.py"])).toEqual([]);
    ws.getState().updateContent("secrets.py", "KEY = 'b'\n");
    expect(await store.getState().copyForRun(device, ["secrets.py", "lib/helper.py"])).toEqual(["secrets.py"]);
    expect(await boardText("/secrets.py")).toBe("KEY = 'b'\n");
  });

  it("leaves a board file alone that Mote did not put there, and says so", async () => {
    await putOnBoard("/wifi.py", "# the person's own wifi.py\n");
    await ws.getState().writeFile("wifi.py", "import secrets\n");
    const attempt = store.getState().copyForRun(device, ["wifi.py"]);
    await expect(attempt).rejects.toBeInstanceOf(RunCopyConflict);
    await expect(attempt).rejects.toThrow(/\/wifi\.py on the board is not the project's wifi\.py/);
    expect(await boardText("/wifi.py")).toBe("# the person's own wifi.py\n");
  });

  it("accepts a board file it did not write when it already holds the project's text", async () => {
    await putOnBoard("/sensor.py", "VALUE = 1\n");
    await ws.getState().writeFile("sensor.py", "VALUE = 1\n");
    expect(await store.getState().copyForRun(device, ["sensor.py"])).toEqual([]);
    // Now it is Mote's copy: the next edit goes through.
    ws.getState().updateContent("sensor.py", "VALUE = 2\n");
    expect(await store.getState().copyForRun(device, ["sensor.py"])).toEqual(["sensor.py"]);
    expect(await boardText("/sensor.py")).toBe("VALUE = 2\n");
  });
});
