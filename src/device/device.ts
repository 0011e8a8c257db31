import type { BoardInfo, DeviceApi, DeviceEvents, ExecOptions, OutputStream, RunResult } from "./api";
import { bytesOf, concat, fromUtf8, sleep, utf8 } from "./bytes";
import { DeviceError, isDeviceError, remoteError } from "./errors";
import { Mutex } from "./mutex";
import {
  enterRawRepl,
  execRaw,
  leaveRawRepl,
  RAW_BANNER,
  writePaced,
  type Link,
  type RawPasteSupport,
} from "./rawRepl";
import { ByteReader } from "./reader";
import { ResetWatch } from "./resetWatch";
import { streamExec } from "./stream";
import type { RawSession, StreamIo, StreamOptions } from "./session";
import { ConnectionState, RuntimeState } from "./states";
import type { ByteTransport } from "./transport";
import * as files from "./simpleFiles";
import { RECEIVER_FLUSH } from "./transfer/flush";

export interface DeviceOptions {
  /** How long connect waits for a MicroPython prompt before NotMicroPython. */
  connectTimeoutMs?: number;
  /** Idle timeout for protocol replies and Mote's own helper code. */
  replyMs?: number;
  /** How long each step of Stop's escalation waits before the next. */
  interruptStepMs?: number;
  /**
   * Write RECEIVER_FLUSH before entering the raw REPL (default true): a transfer receiver orphaned by a cut link
   * runs with Ctrl-C off and would eat the Ctrl-Cs; the flush makes it give up, and a REPL prompt ignores it.
   */
  flushReceiver?: boolean;
}

type Mode = "friendly" | "raw" | "unknown";

/** Keystrokes kept while Mote's own operation holds the board; more than a person types in a few seconds. */
const MAX_HELD_INPUT = 4096;
type Listeners = { [K in keyof DeviceEvents]: Set<DeviceEvents[K]> };

/** Open a session on a board behind `transport`: proves it runs MicroPython and leaves it at the friendly REPL. */
export async function connectDevice(transport: ByteTransport, options: DeviceOptions = {}): Promise<Device> {
  const device = new Device(transport, options);
  try {
    await device.start();
  } catch (e) {
    await transport.close().catch(() => {});
    throw e;
  }
  return device;
}

export class Device implements DeviceApi {
  connection = ConnectionState.Connecting;
  runtime = RuntimeState.Idle;
  readonly info: BoardInfo = {};

  private readonly reader = new ByteReader();
  private readonly mutex = new Mutex();
  private readonly link: Link;
  private readonly listeners: Listeners = { output: new Set(), state: new Set(), lost: new Set() };
  private readonly replyMs: number;
  private readonly stepMs: number;
  /** When true the protocol code owns incoming bytes; otherwise they go straight to the terminal. */
  private capturing = true;
  private mode: Mode = "unknown";
  private rawPaste: RawPasteSupport;
  /** Settles when the operation holding the board has finished (including its recovery). */
  private operation?: Promise<void>;
  private stopping = false;
  /** Terminal input that arrived while one of Mote's own operations held the board. */
  private heldInput: Uint8Array[] = [];
  private heldBytes = 0;
  private readonly unsubscribe: Array<() => void> = [];
  /** Output from before the first `output` listener (connect prints the banner before the caller can subscribe). */
  private early?: Array<[Uint8Array, OutputStream]> = [];

  constructor(
    private readonly transport: ByteTransport,
    private readonly options: DeviceOptions = {},
  ) {
    this.replyMs = options.replyMs ?? 3000;
    this.stepMs = options.interruptStepMs ?? 500;
    // Raw-paste's window reply is a binary u16 (0x80 0x00 on most boards), which a text-only link cannot carry.
    if (transport.traits?.textOnly) this.rawPaste = false;
    this.link = {
      reader: this.reader,
      write: (data) => this.transport.write(data),
      pacing: transport.traits?.pacing,
    };
    this.unsubscribe.push(
      transport.onData((chunk) => (this.capturing ? this.reader.push(chunk) : this.emit("output", chunk, "repl"))),
      transport.onClose((error) => this.linkClosed(error)),
    );
  }

  on<K extends keyof DeviceEvents>(event: K, listener: DeviceEvents[K]): () => void {
    this.listeners[event].add(listener);
    if (event === "output" && this.early) {
      // The banner and first prompt were printed before anyone could listen: they belong to the first listener.
      const early = this.early;
      this.early = undefined;
      for (const [data, stream] of early) (listener as DeviceEvents["output"])(data, stream);
    }
    return () => this.listeners[event].delete(listener);
  }

  /** Called once by connectDevice. */
  async start(): Promise<void> {
    this.setState(ConnectionState.Connecting, RuntimeState.Idle);
    if (this.options.flushReceiver !== false) await writePaced(this.link, RECEIVER_FLUSH);
    await enterRawRepl(this.link, this.options.connectTimeoutMs ?? 4000);
    const banner = await leaveRawRepl(this.link, { replyMs: this.replyMs });
    this.info.banner = banner.split(/\r?\n/).find((l) => l.includes("MicroPython"))?.replace(/^\0+/, "").trim();
    this.mode = "friendly";
    if (this.info.banner) this.emit("output", utf8(`${this.info.banner}\r\n`), "repl");
    this.emit("output", bytesOf(">>> "), "repl");
    this.release();
    this.setState(ConnectionState.Connected, RuntimeState.Idle);
  }

  sendInput(data: Uint8Array): void {
    if (this.connection !== ConnectionState.Connected) return;
    if (this.runtime === RuntimeState.Running) {
      // A Ctrl-C typed while a program runs is Stop, with its escalation, not a lone byte that may be lost.
      if (data.includes(0x03)) {
        void this.stop().catch(() => {});
        return;
      }
    } else if (this.runtime !== RuntimeState.Idle || this.mutex.locked) {
      // Mote's own operation (a file listing, a save) holds the board for a moment: keep what the person typed and
      // send it when the board is free, rather than losing keystrokes. Bounded, in case the operation is long.
      if (this.heldBytes + data.length <= MAX_HELD_INPUT) {
        this.heldInput.push(data);
        this.heldBytes += data.length;
      }
      return;
    }
    void writePaced(this.link, data).catch(() => {});
  }

  paste(text: string): void {
    const normalised = text.replace(/\r\n?/g, "\n");
    if (this.runtime === RuntimeState.Idle && normalised.includes("\n")) {
      this.sendInput(utf8(`\x05${normalised.replace(/\n/g, "\r")}\x04`));
    } else {
      this.sendInput(utf8(normalised.replace(/\n/g, "\r")));
    }
  }

  run(source: string): Promise<RunResult> {
    // Taking the lock in this very call when the board is free keeps "first come, first served" exact.
    if (!this.mutex.locked) return this.runNow(source);
    return this.afterShortOperation().then(() => this.runNow(source));
  }

  private runNow(source: string): Promise<RunResult> {
    return this.operate(RuntimeState.Running, "Run", async () => {
      let stderr = "";
      const watch = new ResetWatch();
      try {
        await this.ensureRaw();
        this.rawPaste = await execRaw(this.link, utf8(source), this.rawPaste, { replyMs: this.replyMs }, {
          onStdout: (d) => {
            this.emit("output", d, "stdout");
            watch.feed(d);
          },
          onStderr: (d) => {
            stderr += fromUtf8(d);
            this.emit("output", d, "stderr");
          },
        });
        this.info.rawPaste = this.rawPaste;
      } catch (e) {
        if (!isDeviceError(e, "Interrupted") || !watch.resetSeen) throw e;
        // The board rebooted under the program and is at its friendly prompt already.
        this.mode = "friendly";
        this.emit("output", utf8("\r\n[the board reset while the program ran]\r\n"), "repl");
        return { stderr, interrupted: false, reset: true };
      }
      await this.leaveRaw();
      this.emit("output", bytesOf(">>> "), "repl");
      return { stderr, interrupted: this.stopping || /KeyboardInterrupt/.test(stderr) };
    });
  }

  async stop(): Promise<void> {
    if (this.connection !== ConnectionState.Connected) return;
    const op = this.operation;
    if (!op) {
      // Nothing of ours runs, but main.py or a REPL line might: a plain Ctrl-C, as a terminal would send.
      await this.transport.write(bytesOf("\x03")).catch(() => {});
      return;
    }
    this.stopping = true;
    const settled = op.then(() => true);
    // The first Ctrl-C gets twice as long: a link with its own watchdog (the virtual board restarts a busy worker
    // after ~500 ms) answers it, and a second Ctrl-C landing after the program ended would print a stray prompt.
    let step = 0;
    const waitStep = () =>
      Promise.race([settled, new Promise<false>((r) => setTimeout(() => r(false), this.stepMs * (step++ === 0 ? 2 : 1)))]);
    const steps: Array<() => Promise<void>> = [
      () => this.transport.write(bytesOf("\x03")),
      () => this.transport.write(bytesOf("\x03")),
      async () => {
        this.mode = "unknown"; // Ctrl-B may leave the raw REPL under our feet
        await this.transport.write(bytesOf("\x03\x02"));
      },
    ];
    const hard = this.transport.traits?.hardStop;
    if (hard) steps.push(hard);
    for (const step of steps) {
      await step().catch(() => {});
      if (await waitStep()) return;
    }
    // Nothing worked: free the session so the user can act, and say so.
    this.mode = "unknown";
    this.reader.abortWait(
      new DeviceError("Timeout", "The board does not respond to Stop", "Press its reset button, or unplug it and connect again."),
    );
    await settled;
  }

  softReset(): Promise<void> {
    return this.operate(RuntimeState.Busy, "Soft reset", async () => {
      await this.ensureRaw();
      await this.leaveRaw();
      // Ctrl-D on an empty friendly line reboots; the output (including boot.py/main.py) is the user's to see.
      await this.link.write(bytesOf("\x04"));
      this.mode = "friendly";
      try {
        await this.reader.readUntil(bytesOf(">>> "), {
          idleTimeoutMs: this.replyMs,
          what: "the prompt after a soft reset",
          onData: (d) => this.emit("output", d, "repl"),
        });
        this.emit("output", bytesOf(">>> "), "repl");
      } catch (e) {
        // main.py may run for ever: that is not a failure; its output keeps flowing to the terminal.
        if (!isDeviceError(e, "Timeout")) throw e;
      }
    });
  }

  exec(source: string, options: ExecOptions = {}): Promise<Uint8Array> {
    return this.operate(RuntimeState.Busy, "exec", async () => {
      await this.ensureRaw();
      const out = await this.execInRaw(source, options);
      await this.leaveRaw();
      return out;
    });
  }

  writeFile(path: string, data: Uint8Array, onProgress?: (sent: number, total: number) => void): Promise<void> {
    return this.operate(RuntimeState.Transferring, "Save to board", async () => {
      await this.ensureRaw();
      await files.writeFile((src) => this.execInRaw(src), path, data, { small: !!this.link.pacing, onProgress });
      await this.leaveRaw();
    });
  }

  readFile(path: string): Promise<Uint8Array> {
    return this.operate(RuntimeState.Transferring, "Read file", async () => {
      await this.ensureRaw();
      const data = await files.readFile((src) => this.execInRaw(src), path);
      await this.leaveRaw();
      return data;
    });
  }

  listDir(path = ""): Promise<string[]> {
    return this.operate(RuntimeState.Busy, "List files", async () => {
      await this.ensureRaw();
      const names = await files.listDir((src) => this.execInRaw(src), path);
      await this.leaveRaw();
      return names;
    });
  }

  /**
   * Hold the board in the raw REPL for `body` (file operations, transfers): one raw-REPL entry for many execs, the
   * friendly prompt back afterwards. Refuses with Busy while another operation runs.
   */
  session<T>(what: string, body: (s: RawSession) => Promise<T>, runtime = RuntimeState.Busy): Promise<T> {
    return this.operate(runtime, what, async () => {
      await this.ensureRaw();
      const session: RawSession = {
        exec: (source, options) => this.execInRaw(source, options),
        stream: (source, streamBody, options) => this.streamInRaw(source, streamBody, options),
        restart: () => this.restartInRaw(),
        pacing: this.link.pacing,
        rxBuffer: this.transport.traits?.rxBuffer,
        hiddenPaths: this.transport.traits?.hiddenPaths,
        inventedStatvfs: this.transport.traits?.inventedStatvfs,
        textOnly: this.transport.traits?.textOnly,
        files: this.transport.traits?.files,
        info: this.info,
        replyMs: this.replyMs,
      };
      const result = await body(session);
      await this.leaveRaw();
      return result;
    });
  }

  async disconnect(): Promise<void> {
    if (this.connection === ConnectionState.Disconnected || this.connection === ConnectionState.Lost) return;
    this.setState(ConnectionState.Disconnecting, this.runtime);
    this.reader.end(new DeviceError("Disconnected", "Disconnected"));
    await this.transport.close().catch(() => {});
    this.finish(ConnectionState.Disconnected);
  }

  // ---- internals ----

  /** Helper code in the raw REPL: stdout collected, a traceback becomes RemoteError. */
  private async execInRaw(source: string, options: ExecOptions = {}): Promise<Uint8Array> {
    for (let attempt = 1; ; attempt++) {
      const out: Uint8Array[] = [];
      let err = "";
      this.rawPaste = await execRaw(this.link, utf8(source), this.rawPaste, { replyMs: this.replyMs }, {
        runIdleMs: options.timeoutMs ?? this.replyMs * 3,
        onStdout: (d) => (options.onStdout ? options.onStdout(d) : out.push(d)),
        onStderr: (d) => {
          err += fromUtf8(d);
          options.onStderr?.(d);
        },
      });
      this.info.rawPaste = this.rawPaste;
      if (!err) return concat(out);
      // Mote's helper code is never a syntax error (its tests compile it on real firmware), so on a link without flow
      // control that drops bytes (micro:bit) one means the source arrived damaged. Nothing ran: compiling failed
      // first, so sending it again is safe.
      if (!(this.link.pacing && this.rawPaste === false && attempt < 3 && /^SyntaxError\b/m.test(err))) {
        throw remoteError(err);
      }
    }
  }

  private async streamInRaw<T>(source: string, body: (io: StreamIo) => Promise<T>, options: StreamOptions = {}): Promise<T> {
    const learned = (support: RawPasteSupport) => {
      this.rawPaste = support;
      this.info.rawPaste = support;
    };
    return streamExec(this.link, source, this.rawPaste, this.replyMs, learned, body, options);
  }

  /**
   * Run `body` holding the board: state `runtime` while it runs, capture on, and on failure a recovery to a known
   * prompt so the next operation starts clean. Refuses (Busy) instead of queueing behind another operation.
   */
  private operate<T>(runtime: RuntimeState, what: string, body: () => Promise<T>): Promise<T> {
    if (this.connection !== ConnectionState.Connected) {
      return Promise.reject(new DeviceError("Disconnected", `No board is connected; ${what} was not started`));
    }
    return this.mutex.tryLock(async () => {
      let settle!: () => void;
      this.operation = new Promise<void>((r) => (settle = r));
      this.stopping = false;
      this.capture();
      this.setState(this.connection, runtime);
      try {
        return await body();
      } catch (e) {
        if (this.connection === ConnectionState.Connected && !this.reader.isEnded) await this.recover();
        throw e;
      } finally {
        this.operation = undefined;
        settle();
        if (this.connection === ConnectionState.Connected) {
          this.release();
          this.setState(this.connection, RuntimeState.Idle);
          this.sendHeldInput();
        } else {
          this.heldInput = [];
          this.heldBytes = 0;
        }
      }
    }, what);
  }

  /**
   * Run waits for one of Mote's own short operations (a file listing, the clean-up after connect) instead of failing
   * with Busy: the person pressed Run, not the panel. A program or a transfer still makes Run answer Busy.
   */
  private async afterShortOperation(): Promise<void> {
    const deadline = Date.now() + this.replyMs;
    while (this.mutex.locked && Date.now() < deadline) {
      if (this.runtime === RuntimeState.Running || this.runtime === RuntimeState.Transferring) return;
      await (this.operation ?? sleep(10));
    }
  }

  private sendHeldInput(): void {
    if (!this.heldInput.length) return;
    const held = concat(this.heldInput);
    this.heldInput = [];
    this.heldBytes = 0;
    // Straight to the link: the mutex is still counted as held until this operation's promise settles.
    void writePaced(this.link, held).catch(() => {});
  }

  /** RawSession.restart: a raw-REPL soft reset, from a known-empty raw prompt. */
  private async restartInRaw(): Promise<void> {
    this.emit("output", utf8("\r\n[the board's memory was too fragmented for Mote's helper: soft reset]\r\n"), "repl");
    // Ctrl-D soft-resets only on an empty raw line (otherwise it runs the line), and a board still swallowing an
    // abort flush may drop it: enter the raw REPL afresh first, and send it again if no reboot shows.
    this.reader.drain();
    await enterRawRepl(this.link, this.replyMs * 3);
    for (let attempt = 0; ; attempt++) {
      await this.link.write(bytesOf("\x04"));
      try {
        await this.reader.readUntil(RAW_BANNER, { idleTimeoutMs: this.replyMs, what: "the raw prompt after a soft reset" });
        await this.reader.readUntil(bytesOf(">"), { idleTimeoutMs: this.replyMs, what: "the raw prompt" });
        return;
      } catch (e) {
        if (attempt >= 2 || !isDeviceError(e, "Timeout")) throw e;
        await enterRawRepl(this.link, this.replyMs * 3);
      }
    }
  }

  private async ensureRaw(): Promise<void> {
    if (this.mode === "raw") return;
    try {
      await enterRawRepl(this.link, this.replyMs);
    } catch (e) {
      // It answered as MicroPython when we connected: now it is not answering, which is a Timeout, not a new board.
      if (isDeviceError(e, "NotMicroPython")) throw new DeviceError("Timeout", "The board stopped answering", e.detail);
      throw e;
    }
    this.mode = "raw";
  }

  private async leaveRaw(): Promise<void> {
    await leaveRawRepl(this.link, { replyMs: this.replyMs });
    this.mode = "friendly";
  }

  /** Back to the friendly prompt after a failed operation; best effort, never throws. */
  private async recover(): Promise<void> {
    this.mode = "unknown";
    try {
      this.reader.drain();
      await enterRawRepl(this.link, this.replyMs);
      await leaveRawRepl(this.link, { replyMs: this.replyMs });
      this.mode = "friendly";
      this.emit("output", bytesOf("\r\n>>> "), "repl");
    } catch {
      // Still unknown: the next operation starts with a full interrupt + raw REPL entry.
    }
  }

  private capture(): void {
    this.reader.drain();
    this.capturing = true;
  }

  /** Hand incoming bytes back to the terminal, including any that arrived after the last marker. */
  private release(): void {
    this.capturing = false;
    const rest = this.reader.drain();
    if (rest.length) this.emit("output", rest, "repl");
  }

  private linkClosed(error?: DeviceError): void {
    if (this.connection === ConnectionState.Disconnected || this.connection === ConnectionState.Lost) return;
    if (this.connection === ConnectionState.Disconnecting) return this.finish(ConnectionState.Disconnected);
    const err = error ?? new DeviceError("Disconnected", "The board was disconnected");
    this.reader.end(err);
    this.finish(ConnectionState.Lost);
    for (const l of this.listeners.lost) l(err);
  }

  private finish(state: ConnectionState): void {
    for (const u of this.unsubscribe.splice(0)) u();
    this.setState(state, RuntimeState.Idle);
  }

  private setState(connection: ConnectionState, runtime: RuntimeState): void {
    if (connection === this.connection && runtime === this.runtime) return;
    this.connection = connection;
    this.runtime = runtime;
    for (const l of this.listeners.state) l(connection, runtime);
  }

  private emit(_event: "output", data: Uint8Array, stream: OutputStream): void {
    if (this.early) this.early.push([data, stream]);
    for (const l of this.listeners.output) l(data, stream);
  }
}
