import { DeviceError } from "../../device/errors";
import type { ByteTransport, LinkTraits } from "../../device/transport";
import { FsMirror, MemoryFsStore, type FsStore } from "./fs-store";
import { HostFileAccess } from "./file-access";
import { HostHardware, type VirtualHardware } from "./hardware";
import { ResetCause } from "./hardware-layout";
import { HostNet, type NetOptions } from "./net/hostNet";
import {
  createBuffers,
  Ctl,
  interruptAnswer,
  Phase,
  ringPut,
  ringTake,
  type BoardBuffers,
  type HostMessage,
  type ReplMode,
  type WorkerMessage,
} from "./shared";

/** The page's handle on one worker, whatever the environment (browser Worker or Node worker_thread). */
export interface WorkerLike {
  postMessage(msg: HostMessage): void;
  terminate(): void | Promise<unknown>;
}

export type SpawnWorker = (handlers: {
  onMessage(msg: WorkerMessage): void;
  onError(error: unknown): void;
}) => WorkerLike;

export interface VirtualBoardOptions {
  /** Where files persist; defaults to memory (lost when the page goes). */
  store?: FsStore;
  label?: string;
  /** MicroPython heap; boards have far less, but the core's transfers should never be the thing that runs out. */
  heapBytes?: number;
  /** Raw-paste flow-control window the board announces. */
  rawPasteWindow?: number;
  /** How long a Ctrl-C may go unread by a busy worker before it is restarted. */
  interruptGraceMs?: number;
  /** How long the first start may take. */
  startTimeoutMs?: number;
  /** Keep a preloaded spare worker for fast restarts (default true; costs one more interpreter's memory). */
  spare?: boolean;
  /** Mote's network tunnel for the board's sockets; without it, connect() fails with a clear OSError. */
  net?: NetOptions;
}

const CTRL_C = 0x03;
const encoder = new TextEncoder();

interface PendingWrite {
  data: Uint8Array;
  offset: number;
  resolve(): void;
  reject(e: unknown): void;
}

/**
 * The virtual board as a ByteTransport. Owns the shared rings, the worker, the filesystem snapshot and the Ctrl-C
 * watchdog: when a Ctrl-C sits unread while Python runs (a pure busy loop never calls back into JS), the worker is
 * terminated and replaced, and the link answers exactly what a board prints after KeyboardInterrupt.
 *
 * Files written by the run that had to be killed are lost (snapshots are taken between commands; a stuck worker
 * cannot be asked for one). Everything written by earlier commands is kept.
 */
export class VirtualBoardHost implements ByteTransport {
  readonly label: string;
  readonly traits: LinkTraits & { hardware: VirtualHardware };
  /** The board's pins, for the hardware panel (also at `traits.hardware`). */
  readonly hardware: HostHardware;
  /** The board's files without its REPL, for Node-side doubles (file-access.ts); not used by the app. */
  readonly files: HostFileAccess;

  private readonly buf: BoardBuffers = createBuffers();
  private readonly net: HostNet;
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly closeListeners = new Set<(error?: DeviceError) => void>();
  /** Output that arrived before anyone listened (the banner): handed to the first listener. */
  private early: Uint8Array[] = [];
  private writes: PendingWrite[] = [];
  private worker?: WorkerLike;
  private spare?: WorkerLike;
  private readyWaiter?: { resolve(): void; reject(e: unknown): void };
  private restarting?: Promise<void>;
  private watchdog?: ReturnType<typeof setTimeout>;
  private syncSeq = 0;
  private syncWaiter?: { seq: number; resolve(): void };
  private irqFirst = 0;
  private irqLatest = 0;
  private closed = false;
  private resetCause: number = ResetCause.PowerOn;

  private constructor(
    private readonly spawn: SpawnWorker,
    private readonly mirror: FsMirror,
    private readonly options: VirtualBoardOptions,
  ) {
    this.label = options.label ?? "Virtual board";
    this.hardware = new HostHardware(this.buf);
    this.files = new HostFileAccess(this.buf);
    this.net = new HostNet(this.buf, options.net);
    // The input ring is 256 KiB; 16 KiB in flight keeps a fast link busy without hogging it.
    this.traits = {
      hardStop: () => this.hardStop(),
      rxBuffer: 16384,
      hiddenPaths: ["/dev", "/proc", "/tmp"],
      inventedStatvfs: true,
      hardware: this.hardware,
    };
  }

  static async create(spawn: SpawnWorker, options: VirtualBoardOptions = {}): Promise<VirtualBoardHost> {
    const mirror = new FsMirror(options.store ?? new MemoryFsStore());
    await mirror.load();
    const host = new VirtualBoardHost(spawn, mirror, options);
    try {
      await host.start("friendly", false, options.startTimeoutMs ?? 30_000);
    } catch (e) {
      await host.close();
      throw e;
    }
    return host;
  }

  write(data: Uint8Array): Promise<void> {
    if (this.closed) return Promise.reject(new DeviceError("Disconnected", "The virtual board is closed."));
    if (data.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.writes.push({ data: data.slice(), offset: 0, resolve, reject });
      this.pump();
    });
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    if (this.early.length) {
      const early = this.early;
      this.early = [];
      for (const chunk of early) listener(chunk);
    }
    return () => this.dataListeners.delete(listener);
  }

  onClose(listener: (error?: DeviceError) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.sync();
    await this.shutdown(undefined);
    await this.mirror.flush();
  }

  /** Restart the interpreter now, keeping the filesystem; prints a KeyboardInterrupt if code was running. */
  async hardStop(): Promise<void> {
    if (this.closed) return;
    if (this.restarting) return this.restarting;
    await this.restart(null);
  }

  // ---- input ----

  private pump(): void {
    const { ctl, inData } = this.buf;
    while (this.writes.length) {
      const w = this.writes[0];
      const start = Atomics.load(ctl, Ctl.InWrite);
      const chunk = w.data.subarray(w.offset);
      const n = ringPut(ctl, inData, Ctl.InWrite, Ctl.InRead, chunk);
      for (let i = 0; i < n; i++) if (chunk[i] === CTRL_C) this.noteInterrupt((start + i + 1) | 0);
      w.offset += n;
      if (w.offset === w.data.length) {
        this.writes.shift();
        w.resolve();
        continue;
      }
      // Full: ask the worker to say when it has read, then re-check in case it already did.
      Atomics.store(ctl, Ctl.InSpaceWanted, 1);
      if (((Atomics.load(ctl, Ctl.InWrite) - Atomics.load(ctl, Ctl.InRead)) | 0) >= inData.length) return;
    }
  }

  /** A Ctrl-C is in the ring up to counter `end`: wake a sleeping worker, and watch that it gets read. */
  private noteInterrupt(end: number): void {
    const { ctl } = this.buf;
    Atomics.store(ctl, Ctl.Irq, 1);
    Atomics.notify(ctl, Ctl.Irq);
    this.irqLatest = end;
    if (this.watchdog) return;
    this.irqFirst = end;
    this.watchdog = setTimeout(() => this.checkInterrupt(), this.options.interruptGraceMs ?? 500);
  }

  private checkInterrupt(): void {
    this.watchdog = undefined;
    if (this.closed) return;
    const { ctl } = this.buf;
    const read = Atomics.load(ctl, Ctl.InRead);
    const phase = Atomics.load(ctl, Ctl.Phase);
    const stuck = ((read - this.irqFirst) | 0) < 0;
    if (stuck && !this.restarting && (phase === Phase.Exec || phase === Phase.ExecStderr)) {
      void this.restart(this.irqLatest).catch(() => undefined);
      return;
    }
    if (((read - this.irqLatest) | 0) < 0) {
      // Starting up, or a later Ctrl-C still unread: give that one its own grace period.
      this.irqFirst = this.irqLatest;
      this.watchdog = setTimeout(() => this.checkInterrupt(), this.options.interruptGraceMs ?? 500);
    }
  }

  // ---- worker lifecycle ----

  /** A worker that only reports once it becomes the current one; until then its death just loses the spare. */
  private spawnWorker(): WorkerLike {
    const worker: WorkerLike = this.spawn({
      onMessage: (m) => {
        if (this.worker === worker) this.onMessage(m);
      },
      onError: (e) => {
        if (this.worker === worker) this.onWorkerDied(e);
        else if (this.spare === worker) this.spare = undefined;
      },
    });
    worker.postMessage({ type: "preload", heapBytes: this.heapBytes });
    return worker;
  }

  /** Keep a worker with MicroPython already loaded, so replacing a stuck one costs milliseconds, not a reload. */
  private prepareSpare(): void {
    if (this.closed || this.spare || this.options.spare === false) return;
    this.spare = this.spawnWorker();
  }

  private get heapBytes(): number {
    return this.options.heapBytes ?? 2 * 1024 * 1024;
  }

  private async start(mode: ReplMode, quiet: boolean, timeoutMs: number, soft = false): Promise<void> {
    const { ctl } = this.buf;
    Atomics.store(ctl, Ctl.Phase, Phase.Starting);
    Atomics.store(ctl, Ctl.OutKick, 0);
    // A worker killed with a "hw" message in flight would leave the flag set, and its successor silent.
    Atomics.store(ctl, Ctl.HwKick, 0);
    const worker = this.spare ?? this.spawnWorker();
    this.spare = undefined;
    this.worker = worker;
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        // NotMicroPython is the core's code for "no prompt after a bounded wait"; the UI words it for this board.
        () => reject(new DeviceError("NotMicroPython", "The virtual board did not start in time.")),
        timeoutMs,
      );
      this.readyWaiter = {
        resolve: () => (clearTimeout(timer), resolve()),
        reject: (e) => (clearTimeout(timer), reject(e)),
      };
    });
    worker.postMessage({
      type: "init",
      sab: this.buf.sab,
      files: this.mirror.entries(),
      mode,
      quiet,
      soft,
      resetCause: this.resetCause,
      heapBytes: this.heapBytes,
      rawPasteWindow: this.options.rawPasteWindow ?? 2048,
    });
    await ready;
    this.hardware.refresh();
    this.prepareSpare();
  }

  /**
   * Replace the worker. `skipTo` is the input counter just past the Ctrl-C that caused it (a board consumes the
   * interrupt character), or null for a hard stop, which discards all unread input. `reset` is machine.reset() or
   * soft_reset(): the worker has sent its files and gone silent; like a chip's reset, unread input is lost and the
   * banner (or "MPY: soft reboot" and the prompt of the mode it was in) comes back instead of a KeyboardInterrupt.
   */
  private restart(skipTo: number | null, reset?: { soft: boolean }): Promise<void> {
    if (this.restarting) return this.restarting;
    const run = async (): Promise<void> => {
      const { ctl } = this.buf;
      // A worker waiting for input can still hand over its latest files; a stuck one cannot, and is not waited for.
      if (skipTo === null && !reset) await this.sync();
      const old = this.worker;
      this.worker = undefined;
      this.files.abandon("The virtual board restarted during a file request.");
      this.net.closeAll();
      const raw = Atomics.load(ctl, Ctl.Mode) === 1;
      const phase = Atomics.load(ctl, Ctl.Phase);
      const stopped = old?.terminate();
      // A worker stuck past its Ctrl-C writes nothing more, so its answer need not wait for the thread to end; a
      // hard stop may hit a worker that is still printing, so that one is waited for.
      if (skipTo === null) await stopped;
      this.drainOutput();
      if (!reset) this.deliver(encoder.encode(interruptAnswer(raw ? "raw" : "friendly", phase)));
      Atomics.store(ctl, Ctl.InRead, skipTo ?? Atomics.load(ctl, Ctl.InWrite));
      Atomics.store(ctl, Ctl.Irq, 0);
      Atomics.store(ctl, Ctl.InSpaceWanted, 0);
      await stopped;
      if (this.closed) return;
      if (reset?.soft) this.deliver(encoder.encode("MPY: soft reboot\r\n"));
      else if (reset) this.resetCause = ResetCause.Hard;
      const mode: ReplMode = raw && (!reset || reset.soft) ? "raw" : "friendly";
      try {
        await this.start(mode, !reset, this.options.startTimeoutMs ?? 30_000, reset?.soft ?? false);
      } catch (e) {
        // No board to go back to: end the link, so the core reports it instead of waiting on silence.
        await this.shutdown(new DeviceError("Disconnected", "The virtual board could not restart.", String(e)));
        throw e;
      }
      this.pump();
    };
    this.restarting = run().finally(() => (this.restarting = undefined));
    return this.restarting;
  }

  /** Ask the worker for a snapshot of its files and wait (briefly) until it has arrived. */
  private sync(): Promise<void> {
    const { ctl } = this.buf;
    // An idle worker answers at once (the long wait only covers a loaded machine); a busy one may never answer.
    const timeoutMs = Atomics.load(ctl, Ctl.Phase) === Phase.Idle ? 2000 : 200;
    if (!this.worker || Atomics.load(ctl, Ctl.Phase) === Phase.Starting) return Promise.resolve();
    const seq = ++this.syncSeq;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.syncWaiter = { seq, resolve: () => (clearTimeout(timer), resolve()) };
      Atomics.store(ctl, Ctl.SyncRequest, seq);
      Atomics.notify(ctl, Ctl.InWrite);
    });
  }

  private onMessage(m: WorkerMessage): void {
    switch (m.type) {
      case "synced":
        if (this.syncWaiter && this.syncWaiter.seq <= m.seq) {
          this.syncWaiter.resolve();
          this.syncWaiter = undefined;
        }
        break;
      case "out":
        Atomics.store(this.buf.ctl, Ctl.OutKick, 0);
        this.drainOutput();
        break;
      case "space":
        this.pump();
        break;
      case "ready":
        this.drainOutput();
        this.readyWaiter?.resolve();
        this.readyWaiter = undefined;
        break;
      case "fs":
        this.mirror.apply(m.changed, m.removed);
        break;
      case "hw":
        this.hardware.refresh();
        break;
      case "file":
        this.files.answer(m.seq, m.error, m.data);
        break;
      case "reset":
        void this.restart(null, { soft: m.soft }).catch(() => undefined);
        break;
      case "net":
        this.net.onMessage(m);
        break;
      case "fatal":
        this.onWorkerDied(new Error(m.message));
        break;
    }
  }

  private onWorkerDied(e: unknown): void {
    const detail = e instanceof Error ? e.message : String(e);
    const err = new DeviceError("Disconnected", "The virtual board stopped unexpectedly.", detail);
    if (this.readyWaiter) {
      this.readyWaiter.reject(err);
      this.readyWaiter = undefined;
    }
    void this.shutdown(err);
  }

  private async shutdown(error: DeviceError | undefined): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.watchdog) clearTimeout(this.watchdog);
    this.readyWaiter?.reject(error ?? new DeviceError("Disconnected", "The virtual board is closed."));
    this.readyWaiter = undefined;
    const worker = this.worker;
    this.worker = undefined;
    this.files.abandon("The virtual board is closed.");
    this.net.closeAll();
    this.drainOutput();
    for (const w of this.writes) w.reject(new DeviceError("Disconnected", "The virtual board is closed."));
    this.writes = [];
    const spare = this.spare;
    this.spare = undefined;
    await Promise.all([worker?.terminate(), spare?.terminate()]);
    for (const l of [...this.closeListeners]) l(error);
    this.closeListeners.clear();
  }

  // ---- output and files ----

  private drainOutput(): void {
    const { ctl, outData } = this.buf;
    const chunk = ringTake(ctl, outData, Ctl.OutWrite, Ctl.OutRead);
    if (chunk.length) this.deliver(chunk);
  }

  private deliver(chunk: Uint8Array): void {
    if (!chunk.length) return;
    if (this.dataListeners.size === 0) {
      this.early.push(chunk);
      return;
    }
    for (const l of [...this.dataListeners]) {
      try {
        l(chunk);
      } catch {
        // A listener's failure is its own; the others still get the bytes.
      }
    }
  }
}
