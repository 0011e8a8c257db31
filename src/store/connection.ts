/**
 * The link to one board: which kind the person picked, its state as the device reports it, and the actions the
 * toolbar calls. State comes from the Device's `state` events so the UI never guesses.
 */
import { create } from "zustand";
import { marksFromTraceback } from "../editor/runErrors/fromTraceback";
import { setRunErrors } from "../editor/runErrors/store";
import { learnOnConnect } from "../boardKnowledge/learn";
import { hardwareOf, type VirtualHardware } from "../transports/virtual/hardware";
import type { DeviceApi } from "../device/api";
import { DeviceError, type DeviceErrorCode } from "../device/errors";
import { ConnectionState, RuntimeState } from "../device/states";
import type { ByteTransport } from "../device/transport";
import type { SerialPortLike } from "../transports/serial/webSerialTypes";
import { boardFilesStore } from "./boardFiles";
import { boardLinks } from "./boardLinks";
import { readPref, writePref } from "./prefs";
import { useWorkspace } from "./workspace";
import { moduleNameOf, projectModulesFor } from "../workspace/imports";
import { pyStr } from "../device/pyLiteral";
import { useWebReplPrompt } from "./webrepl";

export type BoardKind = "virtual" | "serial" | "webrepl";

export const BAUD_RATES = [9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600] as const;
export const DEFAULT_BAUD = 115200;

/**
 * What went wrong, as data. The store never words it: src/ui/errorMessages.ts turns a Problem into a sentence, so
 * there is one place for the words and the store stays below the UI layer.
 */
export type Problem =
  /** An operation failed; `error` is what it threw (usually a DeviceError). */
  | { kind: "failed"; error: unknown; board: BoardKind }
  /** The link ended on its own (cable pulled, board reset, worker died). */
  | { kind: "lost"; error?: unknown; board: BoardKind }
  /** Already in words from the layer that knows best (e.g. why this browser has no Web Serial). */
  | { kind: "explained"; text: string; code?: DeviceErrorCode };

export interface Notice {
  text: string;
  /** Bumps on every notice so the same text twice still shows. */
  id: number;
}

export interface ConnectionStore {
  board: BoardKind;
  baud: number;
  /** Offer every serial port in the chooser, not only known board vendors. */
  anyPort: boolean;
  connection: ConnectionState;
  runtime: RuntimeState;
  device: DeviceApi | null;
  /** Label of the link in use, e.g. "Virtual board". */
  linkLabel: string | null;
  /** The virtual board's pins for the hardware panel; null for a serial board or no link. */
  hardware: VirtualHardware | null;
  error: Problem | null;
  notice: Notice | null;
  /** Path of the editor file most recently run, so `<stdin>` in a traceback can point at it. */
  lastRunPath: string | null;
  /** Browser support for Web Serial (fixed per page load). */
  serialSupported: boolean;
  /** Why Web Serial is missing, in words to show when the person picks Serial port. */
  serialUnsupportedReason: string;

  setBoard(board: BoardKind): void;
  setBaud(baud: number): void;
  setAnyPort(anyPort: boolean): void;
  /** Load-time: connect to the virtual board, or reopen an already granted serial port if serial was last used. */
  autoConnect(): Promise<void>;
  connect(): Promise<void>;
  /** Connect to a serial port already chosen (after flashing firmware through it); true when connected. */
  connectPort(port: SerialPortLike): Promise<boolean>;
  /** Connect over WebREPL (the dialog calls this with what the person typed); true when connected. */
  connectWebRepl(url: string, password: string): Promise<boolean>;
  disconnect(): Promise<void>;
  run(): Promise<void>;
  stop(): Promise<void>;
  softReset(): Promise<void>;
  saveToBoard(): Promise<void>;
  dismissError(): void;
}

let noticeId = 0;

/** Python that drops the project's modules from the board's import cache (ports without sys.modules skip it). */
function forgetModules(paths: string[]): string {
  const names = paths.map(moduleNameOf).filter((n): n is string => n !== null);
  // A comprehension, so no loop variable is left in the REPL's globals.
  return `import sys\nif hasattr(sys, "modules"):\n    [sys.modules.pop(n, None) for n in (${names.map((n) => `${pyStr(n)},`).join("")})]`;
}

function listNames(paths: string[]): string {
  return paths.length > 4 ? `${paths.slice(0, 3).join(", ")} and ${paths.length - 3} more` : paths.join(", ");
}
// Detaches listeners from the current device; replaced on every connect.
let unsubscribeDevice: (() => void) | null = null;
// The transport being opened, so Disconnect during Connecting can abandon it.
let pendingTransport: ByteTransport | null = null;
// Bumped on every connect/disconnect so a slow, superseded attempt does not overwrite newer state.
let attempt = 0;

function initialBoard(): BoardKind {
  const board = readPref("board");
  return board === "serial" || board === "webrepl" ? board : "virtual";
}

function initialBaud(): number {
  const n = Number(readPref("baud"));
  return (BAUD_RATES as readonly number[]).includes(n) ? n : DEFAULT_BAUD;
}

export const useConnection = create<ConnectionStore>()((set, get) => {
  const fail = (e: unknown) => {
    set({ error: { kind: "failed", error: e, board: get().board } });
  };
  const notify = (text: string) => set({ notice: { text, id: ++noticeId } });

  function attach(device: DeviceApi, board: BoardKind, label: string): void {
    unsubscribeDevice?.();
    const offs = [
      device.on("state", (connection, runtime) => {
        if (get().device !== device) return;
        set({ connection, runtime });
      }),
      device.on("lost", (error) => {
        if (get().device !== device) return;
        unsubscribeDevice?.();
        unsubscribeDevice = null;
        set({
          device: null,
          hardware: null,
          connection: ConnectionState.Lost,
          runtime: RuntimeState.Idle,
          error: { kind: "lost", error, board },
        });
      }),
    ];
    unsubscribeDevice = () => offs.forEach((off) => off());
    set({ device, connection: device.connection, runtime: device.runtime, linkLabel: label, error: null });
  }

  async function open(board: BoardKind, openTransport: () => Promise<ByteTransport | null>): Promise<boolean> {
    const mine = ++attempt;
    set({ connection: ConnectionState.Connecting, runtime: RuntimeState.Idle, error: null });
    let transport: ByteTransport | null = null;
    try {
      transport = await openTransport();
      if (!transport) {
        set({ connection: ConnectionState.Disconnected });
        return false;
      }
      if (mine !== attempt) {
        await transport.close();
        return false;
      }
      pendingTransport = transport;
      const device = await boardLinks.connect(transport, board);
      pendingTransport = null;
      // The editor completes a real board's own modules too (read once per firmware). Not the virtual board: its
      // modules are fixed and stubbed, and new stubs restart the editor's language worker (a cold start).
      if (board !== "virtual" && mine === attempt) await learnOnConnect(device);
      if (mine !== attempt) {
        await device.disconnect();
        return false;
      }
      attach(device, board, transport.label);
      set({ hardware: hardwareOf(transport) });
      return true;
    } catch (e) {
      pendingTransport = null;
      if (mine === attempt) {
        set({ connection: ConnectionState.Disconnected, device: null });
        fail(e);
      }
      await transport?.close().catch(() => {});
      return false;
    }
  }

  /** The connected device, connecting first when there is none (Run on a fresh page should just work). */
  async function ensureDevice(): Promise<DeviceApi | null> {
    const current = get().device;
    if (current) return current;
    if (get().connection === ConnectionState.Connecting) return null;
    await get().connect();
    return get().device;
  }

  return {
    board: initialBoard(),
    baud: initialBaud(),
    anyPort: readPref("anyPort") === "1",
    connection: ConnectionState.Disconnected,
    runtime: RuntimeState.Idle,
    device: null,
    linkLabel: null,
    hardware: null,
    error: null,
    notice: null,
    lastRunPath: null,
    serialSupported: boardLinks.serialSupported(),
    serialUnsupportedReason: boardLinks.serialSupported() ? "" : boardLinks.serialUnsupportedReason(),

    setBoard(board) {
      if (board === get().board) return;
      writePref("board", board);
      set({ board, error: null });
      // A different kind of board means the current link no longer matches the picker.
      if (get().device || get().connection === ConnectionState.Connecting) void get().disconnect();
    },

    setBaud(baud) {
      writePref("baud", String(baud));
      set({ baud });
    },

    setAnyPort(anyPort) {
      writePref("anyPort", anyPort ? "1" : "0");
      set({ anyPort });
    },

    async autoConnect() {
      const { board, baud } = get();
      if (board === "virtual") {
        await open("virtual", () => boardLinks.openVirtual());
        return;
      }
      if (board === "webrepl") {
        // The password is asked for (or confirmed) by a person: never connect to a network board unasked.
        notify("Press Connect to reach your board over WebREPL.");
        return;
      }
      if (!boardLinks.serialSupported()) return;
      // Only a port granted before can open without a click; otherwise wait for the person to press Connect.
      const ok = await open("serial", () => boardLinks.openGrantedSerial(baud));
      if (!ok && !get().error) notify("Press Connect to choose your board's serial port.");
    },

    async connect() {
      const { board, baud, device } = get();
      if (device) return;
      if (board === "virtual") {
        await open("virtual", () => boardLinks.openVirtual());
        return;
      }
      if (board === "webrepl") {
        useWebReplPrompt.getState().show();
        return;
      }
      if (!boardLinks.serialSupported()) {
        set({ error: { kind: "explained", text: boardLinks.serialUnsupportedReason(), code: "Unsupported" } });
        return;
      }
      await open("serial", () => boardLinks.requestSerial(baud, get().anyPort));
    },

    async connectPort(port) {
      if (get().device) await get().disconnect();
      if (get().board !== "serial") {
        writePref("board", "serial");
        set({ board: "serial" });
      }
      return open("serial", () => boardLinks.openSerialPort(port, get().baud));
    },

    connectWebRepl(url, password) {
      if (get().device) return Promise.resolve(false);
      return open("webrepl", () => boardLinks.openWebRepl(url, password));
    },

    async disconnect() {
      ++attempt;
      const { device } = get();
      unsubscribeDevice?.();
      unsubscribeDevice = null;
      const transport = pendingTransport;
      pendingTransport = null;
      set({ device: null, hardware: null, connection: ConnectionState.Disconnecting });
      try {
        if (device) await device.disconnect();
        else await transport?.close();
      } catch (e) {
        fail(e);
      } finally {
        set({ connection: ConnectionState.Disconnected, runtime: RuntimeState.Idle, linkLabel: null });
      }
    },

    async run() {
      const active = useWorkspace.getState().getActiveSource();
      if (!active) {
        notify("Open a file to run.");
        return;
      }
      const device = await ensureDevice();
      if (!device) return;
      set({ lastRunPath: active.path, error: null });
      setRunErrors([]);
      try {
        // The project modules it imports (secrets.py, helpers, lib/) must be on the board for the import to work.
        const modules = projectModulesFor(active.path, useWorkspace.getState().files);
        if (modules.length) {
          const copied = await boardFilesStore.getState().copyForRun(device, modules);
          if (copied.length) {
            notify(`Copied ${listNames(copied)} to the board for this Run.`);
            // An earlier Run's import is still cached on the board; without this the program would see the old text.
            await device.exec(forgetModules(modules));
          }
        }
        const result = await device.run(active.source);
        // A Stop (or Ctrl-C) leaves a KeyboardInterrupt traceback at wherever the program was: not an error in it.
        if (!result.interrupted) setRunErrors(marksFromTraceback(result.stderr, active.path, Object.keys(useWorkspace.getState().files)));
      } catch (e) {
        // A Stop that ends the run is the person's own doing, not a failure to report.
        if (e instanceof DeviceError && e.code === "Interrupted") return;
        fail(e);
      }
    },

    async stop() {
      const { device } = get();
      if (!device) return;
      try {
        await device.stop();
      } catch (e) {
        fail(e);
      }
    },

    async softReset() {
      const { device } = get();
      if (!device) return;
      try {
        await device.softReset();
      } catch (e) {
        fail(e);
      }
    },

    async saveToBoard() {
      const active = useWorkspace.getState().getActiveSource();
      if (!active) {
        notify("Open a file to save it to the board.");
        return;
      }
      const device = await ensureDevice();
      if (!device) return;
      try {
        // Checked against the board's copy as it was opened or last saved, so a change made on the board since is
        // never overwritten silently: a Conflict opens the dialog instead (the board-files store holds it).
        const outcome = await boardFilesStore.getState().saveProjectFile(device, active.path, active.source);
        if (outcome.kind === "saved") notify(`Saved ${outcome.boardPath.replace(/^\/+/, "")} to the board.`);
      } catch (e) {
        fail(e);
      }
    },

    dismissError() {
      set({ error: null });
    },
  };
});

/** A short, non-error message for the status line (e.g. from a traceback link that points nowhere). */
export function showNotice(text: string): void {
  useConnection.setState({ notice: { text, id: ++noticeId } });
}

/** Whether the toolbar's toggle should offer Disconnect (a link exists or is being made) rather than Connect. */
export function isLinked(connection: ConnectionState): boolean {
  return connection === ConnectionState.Connected || connection === ConnectionState.Connecting;
}
