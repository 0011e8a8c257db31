import type { MicroPython } from "@micropython/micropython-webassembly-pyscript";
import {
  clearOutputs,
  InField,
  inIndex,
  OutField,
  outIndex,
  PinModeCode,
  PullCode,
  validPin,
} from "./hardware-layout";
import { MACHINE_SOURCE } from "./machine-py";
import { NET_LIBRARY } from "./net/library";
import { Ctl, type BoardBuffers, type WorkerMessage } from "./shared";

// The hooks the Python modules call, on the worker's global object (reachable from Python as `js.<name>`).
interface HardwareHooks {
  moteHwGet?: (pin: number, field: number) => number;
  moteHwSet?: (pin: number, field: number, value: number) => void;
  moteHwLevel?: (pin: number) => number;
  moteHwPresses?: (pin: number) => number;
  moteHwAdc?: (pin: number) => number;
  moteSetDispatch?: (fn: () => number) => void;
  moteReset?: (soft: number) => void;
  moteResetCause?: () => number;
}

/** What the hardware needs from the runtime it lives in. */
export interface HardwareHost {
  post(msg: WorkerMessage): void;
  /** Check for a Ctrl-C now (reads are the only JS calls a polling loop makes); schedules it when one is waiting. */
  pollInterrupt(): void;
  /** machine.reset()/soft_reset(): send the last files, fall silent and let the page replace this worker. */
  reset(soft: boolean): never;
}

/** _dispatch's answer when a KeyboardInterrupt ended a callback: the sleep must let it surface in the caller. */
export const DISPATCH_INTERRUPTED = -2;

/**
 * The worker's half of the virtual hardware: the `js` hooks behind the `machine` module and the dispatch of IRQ and
 * Timer callbacks from inside sleeps. One per interpreter; pin state itself lives in the shared buffer.
 */
export class WorkerHardware {
  private dispatcher: (() => number) | null = null;
  /** PressSeq as last seen by Python, per pin, so each press and release is counted once. */
  private readonly seen = new Map<number, number>();
  private hwSeqSeen = 0;

  constructor(
    private readonly buf: BoardBuffers,
    private readonly host: HardwareHost,
    private readonly resetCause: number,
  ) {}

  /** Forget what the last program configured (soft reset, machine.reset()). */
  clearOutputs(): void {
    clearOutputs(this.buf.hw);
    this.kick();
  }

  install(mp: MicroPython): void {
    const g = globalThis as HardwareHooks;
    const hw = this.buf.hw;
    const pin = (p: number): number => {
      const n = Number(p);
      if (!validPin(n)) throw new RangeError(`invalid pin ${String(p)}`);
      return n;
    };
    g.moteHwGet = (p, field) => Atomics.load(hw, outIndex(pin(p), Number(field)));
    g.moteHwSet = (p, field, value) => {
      const i = outIndex(pin(p), Number(field));
      if (Atomics.load(hw, i) === Number(value)) return;
      Atomics.store(hw, i, Number(value));
      this.kick();
    };
    g.moteHwLevel = (p) => {
      this.host.pollInterrupt();
      return levelOf(hw, pin(p));
    };
    g.moteHwPresses = (p) => {
      const n = pin(p);
      const seq = Atomics.load(hw, inIndex(n, InField.PressSeq));
      const before = this.seen.get(n) ?? seq;
      this.seen.set(n, seq);
      return (seq - before) | 0;
    };
    g.moteHwAdc = (p) => {
      this.host.pollInterrupt();
      return Atomics.load(hw, inIndex(pin(p), InField.Analog));
    };
    g.moteSetDispatch = (fn) => {
      this.dispatcher = fn;
    };
    g.moteReset = (soft) => this.host.reset(Boolean(soft));
    g.moteResetCause = () => this.resetCause;
    this.dispatcher = null;
    this.seen.clear();
    this.hwSeqSeen = Atomics.load(this.buf.ctl, Ctl.HwSeq);
    // The modules are compiled when a program first imports them, not here: a restart after Stop must stay fast.
    // /tmp is never persisted nor shown in the board's file tree.
    const dir = "/tmp/mote";
    try {
      mp.FS.mkdir(dir);
    } catch {
      // Already there: harmless, the files are written again below.
    }
    const encoder = new TextEncoder();
    for (const [file, source] of Object.entries({ "machine.py": MACHINE_SOURCE, ...NET_LIBRARY })) {
      const slash = file.lastIndexOf("/");
      if (slash > 0) {
        try {
          mp.FS.mkdir(`${dir}/${file.slice(0, slash)}`);
        } catch {
          // Already there.
        }
      }
      mp.FS.writeFile(`${dir}/${file}`, encoder.encode(source));
    }
    // Last on the path. A program's own machine.py would shadow it (a board's built-in would win): see README.
    mp.runPython(`__import__('sys').path.append('${dir}')`);
  }

  /** A program registered an IRQ handler or a Timer in this interpreter. */
  get armed(): boolean {
    return this.dispatcher !== null;
  }

  /** True when an input changed since the last dispatch (so a sleep should wake and dispatch now). */
  inputChanged(): boolean {
    return this.dispatcher !== null && Atomics.load(this.buf.ctl, Ctl.HwSeq) !== this.hwSeqSeen;
  }

  /**
   * Run due callbacks. Returns ms until the next timer is due (Infinity when none), or DISPATCH_INTERRUPTED.
   * A no-op until a program registers an IRQ handler or a Timer.
   */
  dispatch(): number {
    if (!this.dispatcher) return Infinity;
    this.hwSeqSeen = Atomics.load(this.buf.ctl, Ctl.HwSeq);
    const next = Number(this.dispatcher());
    if (next === DISPATCH_INTERRUPTED) return next;
    return next >= 0 ? next : Infinity;
  }

  /** Ask the page to read the pin state, unless a request is already on its way. */
  private kick(): void {
    if (Atomics.compareExchange(this.buf.ctl, Ctl.HwKick, 0, 1) === 0) this.host.post({ type: "hw" });
  }
}

/**
 * The level a program reads on `pin`: its own output when it drives one, else the button (pressed pulls to ground),
 * else the pull resistor. GPIO0 has the board's pull-up for its BOOT button; other floating pins read 0.
 */
export function levelOf(hw: Int32Array, pin: number): number {
  const mode = Atomics.load(hw, outIndex(pin, OutField.Mode));
  const out = Atomics.load(hw, outIndex(pin, OutField.Value));
  if (mode === PinModeCode.Out || (mode === PinModeCode.OpenDrain && out === 0)) return out;
  if (Atomics.load(hw, inIndex(pin, InField.Pressed))) return 0;
  const pull = Atomics.load(hw, outIndex(pin, OutField.Pull));
  if (pull === PullCode.Up) return 1;
  if (pull === PullCode.Down) return 0;
  return pin === 0 ? 1 : 0;
}
