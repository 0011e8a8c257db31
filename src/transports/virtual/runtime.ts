import type { LoadOptions, MicroPython } from "@micropython/micropython-webassembly-pyscript";
import { FsTracker } from "./fs-snapshot";
import { DISPATCH_INTERRUPTED, WorkerHardware } from "./runtime-hardware";
import { WorkerNet } from "./net/workerNet";
import { installPythonHooks } from "./runtime-hooks";
import {
  Ctl,
  Phase,
  RAW_BANNER,
  viewBuffers,
  type BoardBuffers,
  type FsEntry,
  type HostMessage,
  type InitMessage,
  type ReplMode,
  type WorkerMessage,
} from "./shared";
import { WorkerIo } from "./worker-io";
import { WorkerFiles } from "./runtime-files";

/** What differs between a browser Worker and a Node worker_thread: how to post and how to load the WASM. */
export interface RuntimeEnv {
  post(msg: WorkerMessage, transfer?: ArrayBuffer[]): void;
  load(options: LoadOptions): Promise<MicroPython>;
}

const EINTR = 27; // Emscripten's errno numbering, not Linux's
const SOFT_RESET = 256; // replProcessChar's answer to Ctrl-D on an empty line
const CTRL_A = 0x01;
const CTRL_B = 0x02;
const CTRL_C = 0x03;
const CTRL_D = 0x04;
const CTRL_E = 0x05;
const CR = 0x0d;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * One virtual board inside one worker: the MicroPython REPL fed from the input ring, with raw-paste emulated here
 * (the port's own raw-paste reads stdin through a stub that always returns 0, so it hangs), soft reset done by
 * loading a fresh interpreter with the same files, and Ctrl-C delivered wherever Python calls back into JS.
 */
export class BoardRuntime {
  private mp!: MicroPython;
  private fs!: FsTracker;
  private readonly io: WorkerIo;
  private readonly buf: BoardBuffers;
  private mode: ReplMode;
  private rawLineLen = 0;
  /** Output bytes to drop: the "OK" the raw REPL prints, which raw-paste does not. */
  private swallow = 0;
  private muted = false;
  private capture: number[] | null = null;
  /** True while the REPL may be running Python (the byte just fed can start execution). */
  private executing = false;
  private fsDirty = false;
  /**
   * A KeyboardInterrupt was scheduled but may not have surfaced yet (Python only checks at jumps and at the end of
   * the program). The next sleep or input() returns at once so that check comes quickly instead of after the wait.
   */
  private kiScheduled = false;
  private hw!: WorkerHardware;

  constructor(
    private readonly init: InitMessage,
    private readonly env: RuntimeEnv,
    /** An interpreter loaded while this worker waited as the page's spare. */
    private preloaded?: Promise<Loaded>,
  ) {
    this.buf = viewBuffers(init.sab);
    const files = new WorkerFiles(
      this.buf,
      () => this.mp.FS,
      () => this.snapshot(),
    );
    this.io = new WorkerIo(
      this.buf,
      (m) => env.post(m),
      () => this.snapshot(),
      (seq) => files.serve(seq),
    );
    this.mode = init.mode;
  }

  async run(): Promise<never> {
    await this.boot(this.init.files, this.init.soft ? "soft" : this.init.quiet ? "quiet" : "banner");
    this.env.post({ type: "ready" });
    for (;;) {
      if (this.io.available() === 0) {
        this.idle();
        this.serviceAtPrompt();
      }
      const b = this.io.readByte();
      if (this.mode === "raw" && this.rawLineLen === 0 && b === CTRL_E) {
        this.rawPasteCommand();
        continue;
      }
      if (this.feed(b) === SOFT_RESET) await this.softReset();
    }
  }

  /** Nothing to read: the moment a board would sit at its prompt, so persist what the last command changed. */
  private idle(): void {
    this.setPhase(Phase.Idle);
    this.kiScheduled = false;
    if (this.fsDirty) this.snapshot();
  }

  /**
   * A board runs Timer and IRQ callbacks while its friendly REPL waits for a line, so a handler set up at the prompt
   * fires when the button is pressed. Not in the raw REPL, where their output would land inside the host's protocol.
   */
  private serviceAtPrompt(): void {
    while (this.hw.armed && this.mode === "friendly" && this.io.available() === 0) {
      // Exec while callbacks run, so a Ctrl-C into one that never returns gets the worker replaced.
      this.setPhase(Phase.Exec);
      this.executing = true;
      let due: number;
      try {
        due = this.hw.dispatch();
      } finally {
        this.executing = false;
        this.setPhase(Phase.Idle);
      }
      // A Ctrl-C that ended a callback is spent; the REPL just keeps its prompt.
      this.kiScheduled = false;
      if (this.io.available() > 0) return;
      this.io.waitForInput(due === DISPATCH_INTERRUPTED ? 0 : Math.min(due, 1000));
    }
  }

  private snapshot(): void {
    if (!this.fs) return;
    this.fsDirty = false;
    const { changed, removed } = this.fs.diff();
    if (changed.length || removed.length) this.env.post({ type: "fs", changed, removed });
  }

  private async boot(files: FsEntry[], greeting: "banner" | "quiet" | "soft"): Promise<void> {
    this.setPhase(Phase.Starting);
    const loaded = await (this.preloaded ?? loadInterpreter(this.env, this.init.heapBytes));
    this.preloaded = undefined;
    loaded.sink.write = (b) => this.emit(b);
    this.mp = loaded.mp;
    this.fs = new FsTracker(this.mp.FS);
    this.fs.restore(files);
    this.installStdin();
    installPythonHooks(this.mp, {
      io: this.io,
      hw: () => this.hw,
      intrChar: () => this.intrChar(),
      interrupt: () => this.interrupt(),
      takeScheduled: () => this.takeScheduled(),
      emitText: (t) => this.emitText(t),
      emitByte: (b) => this.emitByte(b),
    });
    this.installHardware(greeting);
    this.installNet();
    this.rawLineLen = 0;
    Atomics.store(this.buf.ctl, Ctl.Mode, this.mode === "raw" ? 1 : 0);
    this.muted = greeting !== "banner" && !(greeting === "soft" && this.mode === "friendly");
    this.mp.replInit();
    if (this.mode === "raw") this.mp.replProcessChar(CTRL_A);
    this.muted = false;
    if (greeting === "soft" && this.mode === "raw") this.emitText(RAW_BANNER);
  }

  private async softReset(): Promise<void> {
    this.snapshot(); // the page must hear of the last command's files too, not only the next interpreter
    const files = this.fs.all();
    this.emitText("MPY: soft reboot\r\n");
    await this.boot(files, "soft");
  }

  private feed(b: number): number {
    const triggers = b === CR || b === CTRL_D;
    if (triggers) {
      // Save what the previous command wrote before this one may start a loop that only a kill can end.
      if (this.fsDirty) this.snapshot();
      this.executing = true;
      this.setPhase(Phase.Exec);
    }
    if (this.mode === "friendly" && b === CTRL_A) this.capture = [];
    let r: number;
    try {
      r = this.mp.replProcessChar(b);
    } finally {
      this.executing = false;
    }
    if (triggers) this.fsDirty = true;
    if (this.mode === "raw") {
      if (b === CTRL_B) this.mode = "friendly";
      else if (b === CTRL_A || b === CTRL_C || b === CTRL_D) this.rawLineLen = 0;
      else this.rawLineLen++;
    } else if (this.capture) {
      // Ctrl-A only switches to raw REPL on an empty line; the banner in the output says whether it did.
      if (decoder.decode(new Uint8Array(this.capture)).endsWith(RAW_BANNER)) {
        this.mode = "raw";
        this.rawLineLen = 0;
      }
      this.capture = null;
    }
    Atomics.store(this.buf.ctl, Ctl.Mode, this.mode === "raw" ? 1 : 0);
    return r;
  }

  /** Raw REPL saw Ctrl-E on an empty line: `\x05A\x01` starts raw-paste; anything else goes to the REPL as usual. */
  private rawPasteCommand(): void {
    const kind = this.io.readByte();
    const end = this.io.readByte();
    if (end !== CTRL_A) {
      this.feed(CTRL_E);
      this.io.unread([kind, end]);
      return;
    }
    if (kind !== 0x41) {
      this.emitText("R\x00>");
      return;
    }
    this.rawPaste();
  }

  private rawPaste(): void {
    const window = this.init.rawPasteWindow;
    // The header grants one window and the trailing 0x01 a second, as firmware does.
    this.emitBytes(new Uint8Array([0x52, 0x01, window & 0xff, window >> 8, 0x01]));
    const chunks: Uint8Array[] = [];
    let total = 0;
    let sinceGrant = 0;
    for (;;) {
      const got = this.io.readSome(window);
      const stop = got.findIndex((b) => b === CTRL_D || b === CTRL_C);
      const data = stop < 0 ? got : got.subarray(0, stop);
      chunks.push(data);
      total += data.length;
      sinceGrant += data.length;
      while (sinceGrant >= window) {
        sinceGrant -= window;
        this.emitByte(0x01);
      }
      if (stop < 0) continue;
      if (stop + 1 < got.length) this.io.unread([...got.subarray(stop + 1)]);
      if (got[stop] === CTRL_C) {
        // Firmware raises KeyboardInterrupt from its reader: end marker, then an (empty) stdout and the exception.
        this.emitText(`\x04\x04KeyboardInterrupt: \r\n\x04>`);
        return;
      }
      break;
    }
    this.emitByte(CTRL_D);
    if (total === 0) {
      // An empty raw-REPL line plus Ctrl-D would mean soft reset; firmware just runs the empty program.
      this.emitText("\x04\x04>");
      return;
    }
    const source = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      source.set(c, at);
      at += c.length;
    }
    // Run it as a plain raw-REPL exec; its "OK" is not part of raw-paste's answer.
    for (const b of source) this.mp.replProcessChar(b);
    this.swallow = 2;
    this.feed(CTRL_D);
    this.swallow = 0;
    this.rawLineLen = 0;
  }

  private emit(b: number): void {
    if (this.swallow > 0) {
      this.swallow--;
      return;
    }
    if (this.capture) this.capture.push(b);
    if (this.muted) return;
    if (b === CTRL_D && this.mode === "raw" && Atomics.load(this.buf.ctl, Ctl.Phase) === Phase.Exec) {
      this.setPhase(Phase.ExecStderr);
    }
    this.io.writeByte(b);
    // Printing is one of the few ways busy Python comes back to JS: the moment to deliver a pending Ctrl-C.
    if (this.executing && this.io.pollInterrupt(this.intrChar())) this.interrupt();
  }

  private emitByte(b: number): void {
    this.io.writeByte(b);
  }

  private emitBytes(bytes: Uint8Array): void {
    this.io.writeBytes(bytes);
  }

  private emitText(text: string): void {
    this.io.writeBytes(encoder.encode(text));
  }

  private intrChar(): number {
    return this.mp._module._mp_hal_get_interrupt_char();
  }

  private interrupt(): void {
    this.kiScheduled = true;
    this.mp._module._mp_sched_keyboard_interrupt();
  }

  /** Consume the scheduled-interrupt note; true if the caller should return at once. */
  private takeScheduled(): boolean {
    const was = this.kiScheduled;
    this.kiScheduled = false;
    return was;
  }

  private setPhase(p: number): void {
    Atomics.store(this.buf.ctl, Ctl.Phase, p);
  }

  /**
   * sys.stdin reads go through Emscripten's /dev/stdin device, whose stock read treats "no byte yet" as end of file.
   * Replace its read with one that blocks until at least one byte arrives. On Ctrl-C it fails with EINTR, which
   * MicroPython answers by handling the pending KeyboardInterrupt right there, as a board does.
   */
  private installStdin(): void {
    const stream = this.mp.FS.streams[0];
    if (!stream) return;
    const ErrnoError = this.mp.FS.ErrnoError;
    stream.stream_ops.read = (_s, buffer, offset, length) => {
      if (length === 0) return 0;
      // Already pending: EINTR makes MicroPython raise it now, inside this read.
      if (this.takeScheduled()) throw new ErrnoError(EINTR);
      const got = this.io.readForProgram(length, this.intrChar());
      if (!got) {
        this.interrupt();
        throw new ErrnoError(EINTR);
      }
      for (let i = 0; i < got.length; i++) buffer[offset + i] = got[i];
      return got.length;
    };
  }

  /** The `machine` and `network` modules; a board's reset (not a forced restart) also forgets the pins' setup. */
  private installHardware(greeting: "banner" | "quiet" | "soft"): void {
    this.hw = new WorkerHardware(
      this.buf,
      {
        post: (m) => this.env.post(m),
        pollInterrupt: () => {
          if (this.executing && this.io.pollInterrupt(this.intrChar())) this.interrupt();
        },
        reset: (soft) => this.boardReset(soft),
      },
      this.init.resetCause,
    );
    if (greeting !== "quiet") this.hw.clearOutputs();
    this.hw.install(this.mp);
  }

  /** Sockets (the `socket` module's hooks); a fresh interpreter starts with none, so the page closes the last ones. */
  private installNet(): void {
    new WorkerNet({
      buf: this.buf,
      io: this.io,
      hw: () => this.hw,
      intrChar: () => this.intrChar(),
      takeScheduled: () => this.takeScheduled(),
      post: (m) => this.env.post(m),
    }).install(this.mp);
  }

  /**
   * machine.reset() / soft_reset(): hand the page this run's files, say nothing more, and wait to be replaced. The page
   * restarts the board with its banner, as the chip's reset would; nothing after the call runs.
   */
  private boardReset(soft: boolean): never {
    this.snapshot();
    this.muted = true;
    this.env.post({ type: "reset", soft });
    const never = new Int32Array(new SharedArrayBuffer(4));
    for (;;) Atomics.wait(never, 0, 0);
  }

}

/** An interpreter plus the switch its output goes through, so it can be loaded before it has a board to serve. */
export interface Loaded {
  mp: MicroPython;
  sink: { write: (b: number) => void };
}

export async function loadInterpreter(env: RuntimeEnv, heapBytes: number): Promise<Loaded> {
  const sink = { write: (_b: number): void => undefined };
  const out = (data: Uint8Array): void => {
    for (const b of data) sink.write(b);
  };
  const mp = await env.load({ stdout: out, stderr: out, linebuffer: false, heapsize: heapBytes });
  return { mp, sink };
}

/**
 * The worker's message handler, shared by both adapters: "preload" (sent to a spare at spawn time) loads the
 * interpreter early so a restart costs milliseconds, "init" starts the board.
 */
export function workerEntry(env: RuntimeEnv): (msg: HostMessage) => void {
  let preloaded: Promise<Loaded> | undefined;
  return (msg) => {
    if (msg.type === "preload") {
      preloaded = loadInterpreter(env, msg.heapBytes);
      preloaded.catch(() => undefined); // reported when init awaits it
      return;
    }
    new BoardRuntime(msg, env, preloaded).run().catch((e: unknown) => {
      env.post({ type: "fatal", message: describeError(e) });
    });
  };
}

export function describeError(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
