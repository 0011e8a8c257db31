import type { MicroPython } from "@micropython/micropython-webassembly-pyscript";
import { DISPATCH_INTERRUPTED, type WorkerHardware } from "../runtime-hardware";
import { Ctl, ringTake, used, type BoardBuffers, type WorkerMessage } from "../shared";
import type { WorkerIo } from "../worker-io";
import { Errno, genOf, SLOTS, SlotState, stateOf, stateWord, TX_WINDOW, W, type NetSlot } from "./layout";

/** What a wait hook answers besides a count: Python turns these into EAGAIN/ETIMEDOUT and KeyboardInterrupt. */
export const WOULD_BLOCK = -1;
export const INTERRUPTED = -2;

/** The device nodes Python opens for a socket's bytes: /dev/motenet<slot>. */
export const DEVICE_PREFIX = "/dev/motenet";
const DEVICE_MAJOR = 77;

export interface NetContext {
  buf: BoardBuffers;
  io: WorkerIo;
  hw(): WorkerHardware;
  intrChar(): number;
  /** Consume the "interrupt already scheduled" note; true when a wait should end at once. */
  takeScheduled(): boolean;
  post(msg: WorkerMessage): void;
}

// The hooks the Python `socket` module calls, on the worker's global object (reachable as `js.<name>`).
interface NetHooks {
  moteNetAlloc?: () => number;
  moteNetConnect?: (slot: number, host: string, port: number, timeoutMs: number) => number;
  moteNetReadable?: (slot: number, timeoutMs: number) => number;
  moteNetWritable?: (slot: number, timeoutMs: number) => number;
  moteNetFind?: (slot: number, byte: number) => number;
  moteNetReason?: (slot: number) => string;
  moteNetClose?: (slot: number) => void;
}

interface DeviceStream {
  node: { rdev: number };
}

const decoder = new TextDecoder();

/**
 * The worker's half of the virtual board's sockets. Bytes cross between Python and the shared buffer through one
 * Emscripten character device per slot (Python's `open('/dev/motenet3', 'r+b')`), so a recv is one copy from the
 * ring into the interpreter's heap with no per-byte conversion. The device never blocks; blocking, timeouts and
 * Ctrl-C live in the wait hooks, which Python calls first and which tell it exactly how many bytes to move.
 */
export class WorkerNet {
  private readonly slots: NetSlot[];

  constructor(private readonly ctx: NetContext) {
    this.slots = ctx.buf.net;
  }

  /** A fresh interpreter: free every slot (keeping generations) and let the page close the last one's sockets. */
  install(mp: MicroPython): void {
    for (const s of this.slots) {
      const gen = genOf(Atomics.load(s.header, W.State));
      Atomics.store(s.header, W.State, stateWord(gen, SlotState.Free));
    }
    this.ctx.post({ type: "net", op: "reset" });
    this.installDevices(mp);
    const g = globalThis as NetHooks;
    g.moteNetAlloc = () => this.alloc();
    g.moteNetConnect = (slot, host, port, timeoutMs) => this.connect(slot, String(host), Number(port), Number(timeoutMs));
    g.moteNetReadable = (slot, timeoutMs) => this.readable(slot, Number(timeoutMs));
    g.moteNetWritable = (slot, timeoutMs) => this.writable(slot, Number(timeoutMs));
    g.moteNetFind = (slot, byte) => this.find(slot, Number(byte));
    g.moteNetReason = (slot) => this.reason(slot);
    g.moteNetClose = (slot) => this.close(slot);
  }

  private alloc(): number {
    for (let i = 0; i < SLOTS; i++) {
      const h = this.slots[i].header;
      const word = Atomics.load(h, W.State);
      if (stateOf(word) !== SlotState.Free) continue;
      Atomics.store(h, W.State, stateWord(genOf(word) + 1, SlotState.Allocated));
      Atomics.store(h, W.Errno, 0);
      Atomics.store(h, W.ReasonLen, 0);
      return i;
    }
    return -1;
  }

  /** 0 when connected; -errno when refused; WOULD_BLOCK on timeout; INTERRUPTED; -EINPROGRESS for timeout 0. */
  private connect(slot: number, host: string, port: number, timeoutMs: number): number {
    const h = this.slot(slot).header;
    const word = Atomics.load(h, W.State);
    const state = stateOf(word);
    const gen = genOf(word);
    if (state === SlotState.Allocated) {
      Atomics.store(h, W.TxSent, 0);
      Atomics.store(h, W.State, stateWord(gen, SlotState.Connecting));
      this.ctx.post({ type: "net", op: "connect", slot, gen, host, port });
      if (timeoutMs === 0) return -Errno.EINPROGRESS;
    } else if (state !== SlotState.Connecting) {
      return state === SlotState.Failed ? -Atomics.load(h, W.Errno) : -Errno.EINVAL; // EISCONN on a board
    }
    const r = this.wait(timeoutMs, () => {
      const s = stateOf(Atomics.load(h, W.State));
      if (s === SlotState.Connecting) return null;
      return s === SlotState.Failed ? -Atomics.load(h, W.Errno) : 0;
    });
    return r;
  }

  /** Bytes waiting (> 0), 0 at the end of the stream, -errno, WOULD_BLOCK or INTERRUPTED. */
  private readable(slot: number, timeoutMs: number): number {
    const h = this.slot(slot).header;
    return this.wait(timeoutMs, () => {
      const n = used(h, W.RxWrite, W.RxRead);
      if (n > 0) return n;
      const s = stateOf(Atomics.load(h, W.State));
      if (s === SlotState.Eof) return 0;
      if (s === SlotState.Failed) return -Atomics.load(h, W.Errno);
      if (s === SlotState.Open || s === SlotState.Connecting) return null;
      return -Errno.ENOTCONN;
    });
  }

  /** Room in the send window (> 0), -errno, WOULD_BLOCK or INTERRUPTED. */
  private writable(slot: number, timeoutMs: number): number {
    const h = this.slot(slot).header;
    return this.wait(timeoutMs, () => {
      const s = stateOf(Atomics.load(h, W.State));
      if (s === SlotState.Failed) return -Atomics.load(h, W.Errno);
      if (s === SlotState.Connecting) return null;
      if (s !== SlotState.Open) return -Errno.ENOTCONN;
      const room = TX_WINDOW - ((Atomics.load(h, W.TxSent) - Atomics.load(h, W.TxAcked)) | 0);
      return room > 0 ? room : null;
    });
  }

  /** Index of `byte` among the bytes waiting, or -1: lets readline() take a line without reading past it. */
  private find(slot: number, byte: number): number {
    const { header: h, rx } = this.slot(slot);
    const r = Atomics.load(h, W.RxRead);
    const n = used(h, W.RxWrite, W.RxRead);
    for (let i = 0; i < n; i++) if (rx[(r + i) & (rx.length - 1)] === byte) return i;
    return -1;
  }

  private reason(slot: number): string {
    const { header: h, reason } = this.slot(slot);
    const len = Math.min(Atomics.load(h, W.ReasonLen), reason.length);
    return decoder.decode(reason.slice(0, len));
  }

  private close(slot: number): void {
    const h = this.slot(slot).header;
    const word = Atomics.load(h, W.State);
    if (stateOf(word) === SlotState.Free) return;
    Atomics.store(h, W.State, stateWord(genOf(word), SlotState.Free));
    this.ctx.post({ type: "net", op: "close", slot, gen: genOf(word) });
  }

  /**
   * Wait until `ready` answers, the time is up (negative timeout: never) or Ctrl-C. Runs due IRQ and Timer callbacks
   * meanwhile, as a board's scheduler does while a socket blocks. The page sets the Ctrl-C word for socket news as
   * well as for Ctrl-C, so checking it before each look at the slot and waiting on it loses no wake-up.
   */
  private wait(timeoutMs: number, ready: () => number | null): number {
    const { io, buf } = this.ctx;
    if (this.ctx.takeScheduled()) return INTERRUPTED;
    const end = timeoutMs < 0 ? Infinity : performance.now() + timeoutMs;
    for (;;) {
      if (io.pollInterrupt(this.ctx.intrChar())) return INTERRUPTED;
      const r = ready();
      if (r !== null) return r;
      const due = this.ctx.hw().dispatch();
      if (due === DISPATCH_INTERRUPTED) return INTERRUPTED;
      const left = end - performance.now();
      if (left <= 0) return WOULD_BLOCK;
      Atomics.wait(buf.ctl, Ctl.Irq, 0, Math.min(left, due, 1000));
    }
  }

  private slot(slot: number): NetSlot {
    const s = this.slots[Number(slot)];
    if (!s) throw new RangeError(`no socket slot ${String(slot)}`);
    return s;
  }

  private installDevices(mp: MicroPython): void {
    const fs = mp.FS;
    const slotOf = (stream: DeviceStream): NetSlot => this.slot(stream.node.rdev & 0xff);
    for (let i = 0; i < SLOTS; i++) {
      const dev = fs.makedev(DEVICE_MAJOR, i);
      fs.registerDevice(dev, {
        open: () => undefined,
        close: () => undefined,
        // Never blocks: Python asked moteNetReadable first and reads no more than it said.
        read: (stream, buffer, offset, length) => {
          const { header: h, rx } = slotOf(stream as DeviceStream);
          const got = ringTake(h, rx, W.RxWrite, W.RxRead, length);
          buffer.set(got, offset);
          if (got.length && Atomics.compareExchange(h, W.RxWanted, 1, 0) === 1) {
            const slot = (stream as DeviceStream).node.rdev & 0xff;
            this.ctx.post({ type: "net", op: "drained", slot, gen: genOf(Atomics.load(h, W.State)) });
          }
          return got.length;
        },
        // Python writes no more than moteNetWritable allowed; the bytes go to the page as one message.
        write: (stream, buffer, offset, length) => {
          const slot = (stream as DeviceStream).node.rdev & 0xff;
          const h = slotOf(stream as DeviceStream).header;
          const data = new Uint8Array(length);
          data.set(new Uint8Array(buffer.buffer, buffer.byteOffset + offset, length));
          Atomics.add(h, W.TxSent, length);
          this.ctx.post({ type: "net", op: "send", slot, gen: genOf(Atomics.load(h, W.State)), data });
          return length;
        },
      });
      try {
        fs.mkdev(`${DEVICE_PREFIX}${i}`, 0o666, dev);
      } catch {
        // Already there (a soft reset reuses nothing, but be safe): the registration above is what counts.
      }
    }
  }
}
