/**
 * The hardware block of the virtual board's SharedArrayBuffer (BoardBuffers.hw), shared by the worker's `machine`
 * module and the page's VirtualHardware.
 *
 * Pins the program drives (mode, level, PWM) are written by the worker and read by the page after a "hw" message;
 * inputs (a button's press, a knob's value) are written by the page and read by the worker whenever Python asks.
 * Shared memory rather than messages in the page -> worker direction because the worker never runs its event loop
 * while Python runs; in the other direction it lets many quick changes cost one message (the last state wins).
 */

/** Pins 0..PIN_COUNT-1 exist: enough for an ESP32 (0..39) and a Pico (0..29). */
export const PIN_COUNT = 48;
/** The Pico's on-board LED; `Pin("LED")` names it. */
export const LED_ALIAS_PIN = 25;

/** Per-pin words the worker writes. */
export const OutField = { Mode: 0, Value: 1, Pull: 2, Freq: 3, Duty: 4 } as const;
const OUT_STRIDE = 5;
/** Per-pin words the page writes. */
export const InField = { Pressed: 0, PressSeq: 1, Analog: 2 } as const;
const IN_STRIDE = 3;
const IN_BASE = PIN_COUNT * OUT_STRIDE;

/** Pin modes as stored; 0 (what a fresh buffer holds) is a pin nobody configured. */
export const PinModeCode = { Unused: 0, In: 1, Out: 2, OpenDrain: 3, Pwm: 4, Analog: 5 } as const;
export const PullCode = { None: 0, Up: 1, Down: 2 } as const;

/** machine.reset_cause() values, as on an ESP32. */
export const ResetCause = { PowerOn: 1, Hard: 2, Wdt: 3, DeepSleep: 4, Soft: 5 } as const;

export function outIndex(pin: number, field: number): number {
  return pin * OUT_STRIDE + field;
}

export function inIndex(pin: number, field: number): number {
  return IN_BASE + pin * IN_STRIDE + field;
}

export function validPin(pin: number): boolean {
  return Number.isInteger(pin) && pin >= 0 && pin < PIN_COUNT;
}

/** Forget every pin the program configured (a reset); inputs stay, as the person's hand stays on the button. */
export function clearOutputs(hw: Int32Array): void {
  for (let pin = 0; pin < PIN_COUNT; pin++) {
    for (const f of Object.values(OutField)) Atomics.store(hw, outIndex(pin, f), 0);
  }
}
