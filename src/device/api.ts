import type { DeviceError } from "./errors";
import type { RawSession } from "./session";
import type { ConnectionState, RuntimeState } from "./states";

/** Which stream a chunk of terminal output came from. */
export type OutputStream = "repl" | "stdout" | "stderr";

export interface DeviceEvents {
  /** Bytes for the terminal: the friendly REPL's echo, and a running program's stdout/stderr as they arrive. */
  output: (data: Uint8Array, stream: OutputStream) => void;
  /** Any change of connection or runtime state. */
  state: (connection: ConnectionState, runtime: RuntimeState) => void;
  /** The link ended on its own (connection -> Lost). */
  lost: (error: DeviceError) => void;
}

export interface BoardInfo {
  /** The banner line, e.g. "MicroPython v1.27.0 on 2025-12-10; JS with Emscripten". */
  banner?: string;
  /** Whether raw-paste works; undefined until first tried. */
  rawPaste?: boolean;
}

export interface RunResult {
  /** The traceback text, empty when the program ended normally. */
  stderr: string;
  /** True when Stop (or Ctrl-C) ended it. */
  interrupted: boolean;
  /** True when the board reset itself while the program ran (watchdog, machine.reset(), brown-out). */
  reset?: boolean;
}

export interface ExecOptions {
  timeoutMs?: number;
  onStdout?: (data: Uint8Array) => void;
  onStderr?: (data: Uint8Array) => void;
}

/** The surface the UI (and CLI, bench, tests) uses to talk to one board. Implemented by Device in device.ts. */
export interface DeviceApi {
  readonly connection: ConnectionState;
  readonly runtime: RuntimeState;
  readonly info: BoardInfo;
  on<K extends keyof DeviceEvents>(event: K, listener: DeviceEvents[K]): () => void;
  /** Keystrokes/paste from the terminal. Idle: to the REPL (paced if the link needs it). Running: to the program's
   * stdin; a Ctrl-C byte while running means stop(). Ignored while Mote's own operations hold the board. */
  sendInput(data: Uint8Array): void;
  /** Paste text from the terminal. Several lines at the idle REPL go through paste mode (Ctrl-E ... Ctrl-D) so the
   * board's auto-indent does not mangle them; paced on slow links. */
  paste(text: string): void;
  /** Run source without saving it; output streams through `output` events; resolves when it ends. */
  run(source: string): Promise<RunResult>;
  /** Interrupt whatever runs, escalating (Ctrl-C, again, Ctrl-C + Ctrl-B, then the link's hard stop). */
  stop(): Promise<void>;
  softReset(): Promise<void>;
  /** Run helper code in raw REPL; throws DeviceError("RemoteError") with the traceback when it raises. */
  exec(source: string, options?: ExecOptions): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array, onProgress?: (sent: number, total: number) => void): Promise<void>;
  readFile(path: string): Promise<Uint8Array>;
  listDir(path?: string): Promise<string[]>;
  /** Hold the board in the raw REPL for several helper execs; see RawSession. Busy if another operation runs. */
  session<T>(what: string, body: (s: RawSession) => Promise<T>, runtime?: RuntimeState): Promise<T>;
  disconnect(): Promise<void>;
}
