import { beforeEach, describe, expect, it, vi } from "vitest";
import type { DeviceApi, DeviceEvents } from "../device/api";
import { DeviceError } from "../device/errors";
import { ConnectionState, RuntimeState } from "../device/states";
import type { ByteTransport } from "../device/transport";
import { DISCONNECTED_MESSAGE, describeProblem } from "../ui/errorMessages";

/** A device double: records calls and lets the test fire its events. Protocol behaviour is tested in src/device. */
class FakeDevice implements DeviceApi {
  connection = ConnectionState.Connected;
  runtime = RuntimeState.Idle;
  info = {};
  calls: string[] = [];
  written: Array<[string, string]> = [];
  runImpl: (src: string) => Promise<{ stderr: string; interrupted: boolean }> = async () => ({
    stderr: "",
    interrupted: false,
  });
  private listeners: { [K in keyof DeviceEvents]: Set<DeviceEvents[K]> } = {
    output: new Set(),
    state: new Set(),
    lost: new Set(),
  };
  on<K extends keyof DeviceEvents>(event: K, listener: DeviceEvents[K]): () => void {
    (this.listeners[event] as Set<DeviceEvents[K]>).add(listener);
    return () => (this.listeners[event] as Set<DeviceEvents[K]>).delete(listener);
  }
  emitState(c: ConnectionState, r: RuntimeState) {
    this.listeners.state.forEach((l) => l(c, r));
  }
  emitLost(e: DeviceError) {
    this.listeners.lost.forEach((l) => l(e));
  }
  listenerCount() {
    return this.listeners.state.size + this.listeners.lost.size;
  }
  sendInput() {}
  paste() {}
  run(source: string) {
    this.calls.push(`run:${source}`);
    return this.runImpl(source);
  }
  async stop() {
    this.calls.push("stop");
  }
  async softReset() {
    this.calls.push("softReset");
  }
  async exec() {
    return new Uint8Array();
  }
  async writeFile(path: string, data: Uint8Array) {
    this.written.push([path, new TextDecoder().decode(data)]);
  }
  async readFile() {
    return new Uint8Array();
  }
  async listDir() {
    return [];
  }
  async session<T>(): Promise<T> {
    throw new Error("FakeDevice has no raw REPL session");
  }
  async disconnect() {
    this.calls.push("disconnect");
  }
}

const transport = (label: string): ByteTransport => ({
  label,
  write: async () => {},
  onData: () => () => {},
  onClose: () => () => {},
  close: vi.fn(async () => {}),
});

const links = vi.hoisted(() => ({
  openVirtual: vi.fn(),
  serialSupported: vi.fn(() => true),
  serialUnsupportedReason: vi.fn(() => "no serial"),
  requestSerial: vi.fn(),
  openGrantedSerial: vi.fn(),
  connect: vi.fn(),
}));
vi.mock("./boardLinks", () => ({ boardLinks: links }));

const workspace = vi.hoisted(() => ({
  active: { path: "main.py", source: "print(1)" } as { path: string; source: string } | null,
  /** Other project files, path -> text. */
  others: {} as Record<string, string>,
}));
vi.mock("./workspace", () => ({
  useWorkspace: {
    getState: () => ({
      getActiveSource: () => workspace.active,
      files: Object.fromEntries(
        Object.entries({ ...workspace.others, ...(workspace.active ? { [workspace.active.path]: workspace.active.source } : {}) }).map(
          ([path, content]) => [path, { kind: "file", path, content, modified: 0 }],
        ),
      ),
    }),
  },
}));

// A double of the board-files store's save (its conflict logic has its own tests in boardFiles.test.ts): records
// what Save to board hands it and answers with `saveOutcome`.
const boardFiles = vi.hoisted(() => ({
  saved: [] as Array<[string, string]>,
  outcome: null as null | (() => Promise<unknown>),
  /** What each Run asked to copy first; copyForRun answers with `copyOutcome` or "all sent". */
  copied: [] as string[][],
  copyOutcome: null as null | (() => Promise<string[]>),
}));
vi.mock("./boardFiles", () => ({
  boardFilesStore: {
    getState: () => ({
      saveProjectFile: async (_device: unknown, path: string, source: string) => {
        boardFiles.saved.push([path, source]);
        return boardFiles.outcome ? boardFiles.outcome() : { kind: "saved", boardPath: `/${path}`, skipped: false };
      },
      copyForRun: async (_device: unknown, paths: string[]) => {
        boardFiles.copied.push(paths);
        return boardFiles.copyOutcome ? boardFiles.copyOutcome() : paths;
      },
    }),
  },
}));

const { useConnection } = await import("./connection");

let device: FakeDevice;
const words = () => describeProblem(useConnection.getState().error);
beforeEach(async () => {
  await useConnection.getState().disconnect();
  useConnection.setState({ board: "virtual", error: null, notice: null, lastRunPath: null });
  device = new FakeDevice();
  links.openVirtual.mockReset().mockResolvedValue(transport("Virtual board"));
  links.requestSerial.mockReset().mockResolvedValue(transport("USB serial"));
  links.openGrantedSerial.mockReset().mockResolvedValue(null);
  links.serialSupported.mockReset().mockReturnValue(true);
  links.connect.mockReset().mockImplementation(async () => device);
  workspace.active = { path: "main.py", source: "print(1)" };
  workspace.others = {};
  boardFiles.copied = [];
  boardFiles.copyOutcome = null;
});

describe("connection store", () => {
  it("connects to the virtual board and mirrors the device's state events", async () => {
    await useConnection.getState().connect();
    const s = useConnection.getState();
    expect(s.device).toBe(device);
    expect(s.connection).toBe(ConnectionState.Connected);
    expect(s.linkLabel).toBe("Virtual board");
    device.emitState(ConnectionState.Connected, RuntimeState.Running);
    expect(useConnection.getState().runtime).toBe(RuntimeState.Running);
  });

  it("is Connecting while the device handshake is in progress", async () => {
    let release!: (d: DeviceApi) => void;
    links.connect.mockImplementation(() => new Promise((r) => (release = r)));
    const p = useConnection.getState().connect();
    await vi.waitFor(() => expect(links.connect).toHaveBeenCalled());
    expect(useConnection.getState().connection).toBe(ConnectionState.Connecting);
    release(device);
    await p;
    expect(useConnection.getState().connection).toBe(ConnectionState.Connected);
  });

  it("asks for known board vendors unless All ports is ticked", async () => {
    useConnection.setState({ board: "serial", anyPort: false });
    await useConnection.getState().connect();
    expect(links.requestSerial).toHaveBeenLastCalledWith(115200, false);
    await useConnection.getState().disconnect();
    useConnection.getState().setAnyPort(true);
    await useConnection.getState().connect();
    expect(links.requestSerial).toHaveBeenLastCalledWith(115200, true);
  });

  it("turns a failed connect into a human message and closes the transport", async () => {
    const t = transport("USB serial");
    useConnection.setState({ board: "serial" });
    links.requestSerial.mockResolvedValue(t);
    links.connect.mockRejectedValue(new DeviceError("NotMicroPython", "no prompt"));
    await useConnection.getState().connect();
    const s = useConnection.getState();
    expect(s.connection).toBe(ConnectionState.Disconnected);
    expect(words()?.code).toBe("NotMicroPython");
    expect(words()?.text).toMatch(/MicroPython/);
    expect(t.close).toHaveBeenCalled();
  });

  it("says nothing when the person closes the port chooser", async () => {
    useConnection.setState({ board: "serial" });
    links.requestSerial.mockResolvedValue(null);
    await useConnection.getState().connect();
    expect(useConnection.getState().error).toBeNull();
    expect(useConnection.getState().connection).toBe(ConnectionState.Disconnected);
  });

  it("explains a missing Web Serial instead of failing", async () => {
    useConnection.setState({ board: "serial" });
    links.serialSupported.mockReturnValue(false);
    await useConnection.getState().connect();
    expect(words()?.text).toBe("no serial");
    expect(links.requestSerial).not.toHaveBeenCalled();
  });

  it("on a lost serial link: state Lost, the unplug message, and no device", async () => {
    useConnection.setState({ board: "serial" });
    await useConnection.getState().connect();
    device.emitLost(new DeviceError("Disconnected", "port closed"));
    const s = useConnection.getState();
    expect(s.connection).toBe(ConnectionState.Lost);
    expect(s.device).toBeNull();
    expect(words()?.text).toBe(DISCONNECTED_MESSAGE);
    expect(device.listenerCount()).toBe(0);
  });

  it("disconnects and detaches from the device", async () => {
    await useConnection.getState().connect();
    await useConnection.getState().disconnect();
    expect(device.calls).toContain("disconnect");
    expect(useConnection.getState().connection).toBe(ConnectionState.Disconnected);
    expect(useConnection.getState().device).toBeNull();
    expect(device.listenerCount()).toBe(0);
  });

  it("runs the active editor file and remembers its path for tracebacks", async () => {
    workspace.active = { path: "lib/blink.py", source: "print(2)" };
    await useConnection.getState().connect();
    await useConnection.getState().run();
    expect(device.calls).toContain("run:print(2)");
    expect(useConnection.getState().lastRunPath).toBe("lib/blink.py");
  });

  it("copies the project modules a Run imports to the board first, and says so", async () => {
    workspace.others = { "secrets.py": "KEY = 1\n", "wifi.py": "import secrets\n", "unused.py": "" };
    workspace.active = { path: "main.py", source: "import wifi\nprint(wifi)" };
    await useConnection.getState().connect();
    await useConnection.getState().run();
    expect(boardFiles.copied.at(-1)).toEqual(["wifi.py", "secrets.py"]);
    expect(device.calls).toContain("run:import wifi\nprint(wifi)");
    expect(useConnection.getState().notice?.text).toBe("Copied wifi.py, secrets.py to the board for this Run.");
  });

  it("does not run when a module could not be copied, and says why", async () => {
    workspace.others = { "secrets.py": "KEY = 1\n" };
    workspace.active = { path: "main.py", source: "import secrets" };
    boardFiles.copyOutcome = async () => {
      throw Object.assign(new Error("/secrets.py on the board is not the project's secrets.py"), { shownAsIs: true });
    };
    await useConnection.getState().connect();
    await useConnection.getState().run();
    expect(device.calls.some((c) => c.startsWith("run:"))).toBe(false);
    expect(words()?.text).toMatch(/secrets\.py on the board is not the project's/);
  });

  it("marks a traceback's line after a failed Run, but not where a Stop interrupted it", async () => {
    const { runErrors } = await import("../editor/runErrors/store");
    workspace.active = { path: "main.py", source: "x = 1\nraise ValueError('bad')" };
    await useConnection.getState().connect();
    const traceback = (error: string) => `Traceback (most recent call last):\r\n  File "<stdin>", line 2, in <module>\r\n${error}\r\n`;
    device.runImpl = async () => ({ stderr: traceback("ValueError: bad"), interrupted: false });
    await useConnection.getState().run();
    expect(runErrors.getState().marks).toMatchObject([{ path: "main.py", line: 2, severity: "error" }]);
    device.runImpl = async () => ({ stderr: traceback("KeyboardInterrupt: "), interrupted: true });
    await useConnection.getState().run();
    expect(runErrors.getState().marks).toEqual([]);
  });

  it("connects first when Run is pressed with no board", async () => {
    await useConnection.getState().run();
    expect(links.openVirtual).toHaveBeenCalled();
    expect(device.calls).toContain("run:print(1)");
  });

  it("reports a Busy run but not one ended by Stop", async () => {
    await useConnection.getState().connect();
    device.runImpl = async () => {
      throw new DeviceError("Interrupted", "stopped");
    };
    await useConnection.getState().run();
    expect(useConnection.getState().error).toBeNull();
    device.runImpl = async () => {
      throw new DeviceError("Busy", "busy");
    };
    await useConnection.getState().run();
    expect(words()?.code).toBe("Busy");
  });

  it("stop and soft reset go to the device", async () => {
    await useConnection.getState().connect();
    await useConnection.getState().stop();
    await useConnection.getState().softReset();
    expect(device.calls).toEqual(["stop", "softReset"]);
  });

  it("Save to board hands the active file to the board-files store and reports where it went", async () => {
    workspace.active = { path: "main.py", source: "print('é')" };
    boardFiles.saved = [];
    boardFiles.outcome = null;
    await useConnection.getState().connect();
    await useConnection.getState().saveToBoard();
    expect(boardFiles.saved).toEqual([["main.py", "print('é')"]]);
    expect(useConnection.getState().notice?.text).toMatch(/Saved main.py to the board/);
  });

  it("Save to board reports a failure but leaves a conflict to its dialog", async () => {
    await useConnection.getState().connect();
    boardFiles.outcome = async () => ({ kind: "conflict", boardPath: "/main.py" });
    useConnection.setState({ notice: null });
    await useConnection.getState().saveToBoard();
    expect(useConnection.getState().error).toBeNull();
    expect(useConnection.getState().notice).toBeNull();
    boardFiles.outcome = async () => {
      throw new DeviceError("DeviceFull", "full");
    };
    await useConnection.getState().saveToBoard();
    expect(words()?.code).toBe("DeviceFull");
    boardFiles.outcome = null;
  });

  it("autoConnect reopens a granted serial port when serial was last used", async () => {
    useConnection.setState({ board: "serial" });
    links.openGrantedSerial.mockResolvedValue(transport("USB serial"));
    await useConnection.getState().autoConnect();
    expect(links.requestSerial).not.toHaveBeenCalled();
    expect(useConnection.getState().device).toBe(device);
  });

  it("autoConnect without a granted port waits for Connect", async () => {
    useConnection.setState({ board: "serial" });
    await useConnection.getState().autoConnect();
    expect(useConnection.getState().connection).toBe(ConnectionState.Disconnected);
    expect(useConnection.getState().notice?.text).toMatch(/Press Connect/);
  });

  it("switching the board kind drops the current link", async () => {
    await useConnection.getState().connect();
    useConnection.getState().setBoard("serial");
    await vi.waitFor(() => expect(useConnection.getState().connection).toBe(ConnectionState.Disconnected));
    expect(device.calls).toContain("disconnect");
  });

  it("ignores a connect that finishes after Disconnect", async () => {
    let release!: (d: DeviceApi) => void;
    links.connect.mockImplementation(() => new Promise((r) => (release = r)));
    const p = useConnection.getState().connect();
    await vi.waitFor(() => expect(links.connect).toHaveBeenCalled());
    await useConnection.getState().disconnect();
    release(device);
    await p;
    expect(useConnection.getState().device).toBeNull();
    expect(device.calls).toContain("disconnect");
  });
});
