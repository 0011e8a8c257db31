import {
  InField,
  inIndex,
  OutField,
  outIndex,
  PIN_COUNT,
  PinModeCode,
  PullCode,
  validPin,
} from "./hardware-layout";
import type { ByteTransport, LinkTraits } from "../../device/transport";
import { Ctl, type BoardBuffers } from "./shared";

export type PinMode = "in" | "out" | "open-drain" | "pwm" | "analog";

/** A pin as the program set it up. */
export interface PinState {
  pin: number;
  mode: PinMode;
  /** The output latch (what an LED on an output pin shows). */
  value: 0 | 1;
  pull: "up" | "down" | null;
  /** PWM frequency in Hz and duty (0..65535); 0 when the pin is not a PWM output. */
  freq: number;
  dutyU16: number;
}

/** Everything the page knows about the virtual hardware, immutable: a new object after every change. */
export interface HardwareState {
  /** Configured pins only, by pin number. */
  pins: ReadonlyMap<number, PinState>;
  /** Inputs the page set: buttons held down, knob values (0..65535). */
  pressed: ReadonlySet<number>;
  analog: ReadonlyMap<number, number>;
}

export type HardwareListener = (state: HardwareState, changedPins: number[]) => void;

/**
 * The page's side of the virtual board's pins (`traits.hardware` / `.hardware` on the virtual board's transport).
 * Outputs come from the program (`machine.Pin`, `PWM`, `ADC` setup); inputs are set here and reach the program at
 * once through shared memory: Pin.value() reads them, and a sleeping program wakes to run its IRQ handlers.
 */
export interface VirtualHardware {
  state(): HardwareState;
  /** Called after each change the program makes to its pins (several quick changes may arrive as one call). */
  onHardware(listener: HardwareListener): () => void;
  /** A push button from `pin` to ground: pressed pulls the pin low; released leaves it to the pull-up. */
  setButton(pin: number, pressed: boolean): void;
  /** The voltage an ADC on `pin` reads, as read_u16() reports it (0..65535). */
  setAnalog(pin: number, value: number): void;
  /** How bright an LED from `pin` to ground shines, 0..1: the output level, or the PWM duty. */
  ledLevel(pin: number): number;
}

/** The pins of a link when it is the virtual board; null for any other link. A small module, safe to import anywhere. */
export function hardwareOf(link: ByteTransport | null | undefined): VirtualHardware | null {
  const traits = link?.traits as (LinkTraits & { hardware?: VirtualHardware }) | undefined;
  return traits?.hardware ?? null;
}

const MODES: Record<number, PinMode | undefined> = {
  [PinModeCode.In]: "in",
  [PinModeCode.Out]: "out",
  [PinModeCode.OpenDrain]: "open-drain",
  [PinModeCode.Pwm]: "pwm",
  [PinModeCode.Analog]: "analog",
};

export class HostHardware implements VirtualHardware {
  private readonly listeners = new Set<HardwareListener>();
  private current: HardwareState;

  constructor(private readonly buf: BoardBuffers) {
    this.current = this.read(new Map());
  }

  state(): HardwareState {
    return this.current;
  }

  onHardware(listener: HardwareListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setButton(pin: number, pressed: boolean): void {
    check(pin);
    const { hw } = this.buf;
    if ((Atomics.load(hw, inIndex(pin, InField.Pressed)) === 1) === pressed) return;
    Atomics.store(hw, inIndex(pin, InField.Pressed), pressed ? 1 : 0);
    Atomics.add(hw, inIndex(pin, InField.PressSeq), 1);
    this.inputChanged();
  }

  setAnalog(pin: number, value: number): void {
    check(pin);
    const v = Math.max(0, Math.min(65535, Math.round(value)));
    if (Atomics.load(this.buf.hw, inIndex(pin, InField.Analog)) === v) return;
    Atomics.store(this.buf.hw, inIndex(pin, InField.Analog), v);
    this.inputChanged();
  }

  ledLevel(pin: number): number {
    const p = this.current.pins.get(pin);
    if (!p) return 0;
    if (p.mode === "pwm") return p.dutyU16 / 65535;
    return p.mode === "out" || p.mode === "open-drain" ? p.value : 0;
  }

  /** The worker said its pins changed (or the board restarted): read the block and tell listeners what moved. */
  refresh(): void {
    // Cleared before reading, so a change the worker makes meanwhile sends a new message rather than being lost.
    Atomics.store(this.buf.ctl, Ctl.HwKick, 0);
    const before = this.current.pins;
    const next = this.read(before);
    const changed: number[] = [];
    for (let pin = 0; pin < PIN_COUNT; pin++) {
      if (!samePin(before.get(pin), next.pins.get(pin))) changed.push(pin);
    }
    if (changed.length === 0) return;
    this.current = next;
    this.emit(changed);
  }

  private inputChanged(): void {
    const { ctl } = this.buf;
    Atomics.add(ctl, Ctl.HwSeq, 1);
    // A sleeping worker waits on the Ctrl-C word, one at its prompt on the input counter; waking either (with no
    // Ctrl-C or byte) lets it run IRQ handlers now.
    Atomics.notify(ctl, Ctl.Irq);
    Atomics.notify(ctl, Ctl.InWrite);
    this.current = this.read(this.current.pins);
    this.emit([]);
  }

  private emit(changed: number[]): void {
    for (const l of [...this.listeners]) {
      try {
        l(this.current, changed);
      } catch {
        // One listener's failure does not keep the others from hearing.
      }
    }
  }

  private read(previous: ReadonlyMap<number, PinState>): HardwareState {
    const { hw } = this.buf;
    const pins = new Map<number, PinState>();
    const pressed = new Set<number>();
    const analog = new Map<number, number>();
    for (let pin = 0; pin < PIN_COUNT; pin++) {
      const mode = MODES[Atomics.load(hw, outIndex(pin, OutField.Mode))];
      if (mode) {
        const pull = Atomics.load(hw, outIndex(pin, OutField.Pull));
        const state: PinState = {
          pin,
          mode,
          value: Atomics.load(hw, outIndex(pin, OutField.Value)) ? 1 : 0,
          pull: pull === PullCode.Up ? "up" : pull === PullCode.Down ? "down" : null,
          freq: mode === "pwm" ? Atomics.load(hw, outIndex(pin, OutField.Freq)) : 0,
          dutyU16: mode === "pwm" ? Atomics.load(hw, outIndex(pin, OutField.Duty)) : 0,
        };
        const old = previous.get(pin);
        // Unchanged pins keep their object, so React can skip them.
        pins.set(pin, old && samePin(old, state) ? old : state);
      }
      if (Atomics.load(hw, inIndex(pin, InField.Pressed))) pressed.add(pin);
      const a = Atomics.load(hw, inIndex(pin, InField.Analog));
      if (a) analog.set(pin, a);
    }
    return { pins, pressed, analog };
  }
}

function check(pin: number): void {
  if (!validPin(pin)) throw new RangeError(`The virtual board has pins 0 to ${PIN_COUNT - 1}, not ${pin}.`);
}

function samePin(a: PinState | undefined, b: PinState | undefined): boolean {
  if (!a || !b) return a === b;
  return (
    a.mode === b.mode && a.value === b.value && a.pull === b.pull && a.freq === b.freq && a.dutyU16 === b.dutyU16
  );
}
