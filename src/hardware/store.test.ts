import { describe, expect, test } from "vitest";
import { hardwareOf, HostHardware } from "../transports/virtual/hardware";
import { OutField, outIndex, PinModeCode, PullCode } from "../transports/virtual/hardware-layout";
import { levelOf } from "../transports/virtual/runtime-hardware";
import { createBuffers, Ctl } from "../transports/virtual/shared";
import { createHardwareStore, PANEL_WIRING } from "./store";

// The panel store on the real page-side hardware over a real shared buffer; the worker's writes are made here with
// the same layout the worker uses, then announced the way its "hw" message is (refresh()).
function rig() {
  const buf = createBuffers();
  const hw = new HostHardware(buf);
  const store = createHardwareStore(hw);
  const unfollow = store.getState().follow();
  const workerSets = (pin: number, fields: Partial<Record<keyof typeof OutField, number>>): void => {
    for (const [name, value] of Object.entries(fields)) {
      Atomics.store(buf.hw, outIndex(pin, OutField[name as keyof typeof OutField]), value);
    }
    hw.refresh();
  };
  return { buf, hw, store, workerSets, unfollow };
}

describe("hardware panel store", () => {
  test("LEDs show nothing set up at first, then follow the pin's level", () => {
    const { store, workerSets } = rig();
    expect(store.getState().leds.map((l) => [l.pin, l.brightness, l.status, l.setup])).toEqual([
      [2, 0, "off", "not set up"],
      [25, 0, "off", "not set up"],
    ]);
    workerSets(2, { Mode: PinModeCode.Out, Value: 1 });
    expect(store.getState().leds[0]).toMatchObject({ brightness: 1, status: "on", setup: "output" });
    workerSets(2, { Value: 0 });
    expect(store.getState().leds[0]).toMatchObject({ brightness: 0, status: "off" });
  });

  test("a PWM pin lights its LED by its duty and says so", () => {
    const { store, workerSets } = rig();
    workerSets(25, { Mode: PinModeCode.Pwm, Freq: 1000, Duty: 16384 });
    const led = store.getState().leds[1];
    expect(led.brightness).toBeCloseTo(0.25, 2);
    expect(led.status).toBe("PWM 25% at 1000 Hz");
    expect(led.setup).toBe("PWM");
  });

  test("pressing and releasing the button reaches the worker's side of the buffer", () => {
    const { buf, store, workerSets } = rig();
    workerSets(0, { Mode: PinModeCode.In, Pull: PullCode.Up });
    const seq0 = Atomics.load(buf.ctl, Ctl.HwSeq);
    expect(levelOf(buf.hw, 0)).toBe(1);
    store.getState().press();
    expect(store.getState().button).toEqual({ pin: PANEL_WIRING.button, pressed: true, setup: "input, pull-up" });
    expect(levelOf(buf.hw, 0)).toBe(0);
    // A second press while held is no new edge.
    store.getState().press();
    expect(Atomics.load(buf.ctl, Ctl.HwSeq)).toBe(seq0 + 1);
    store.getState().release();
    expect(store.getState().button.pressed).toBe(false);
    expect(levelOf(buf.hw, 0)).toBe(1);
  });

  test("the knob sets the ADC value, clamped to 16 bits", () => {
    const { hw, store } = rig();
    store.getState().setKnob(40000.4);
    expect(store.getState().knob.value).toBe(40000);
    store.getState().setKnob(99999);
    expect(hw.state().analog.get(PANEL_WIRING.knob)).toBe(65535);
  });

  test("unfollowing stops updates; following again catches up with what changed meanwhile", () => {
    const { store, workerSets, unfollow } = rig();
    unfollow();
    workerSets(2, { Mode: PinModeCode.Out, Value: 1 });
    expect(store.getState().leds[0].brightness).toBe(0);
    const again = store.getState().follow();
    expect(store.getState().leds[0].brightness).toBe(1);
    workerSets(2, { Value: 0 });
    expect(store.getState().leds[0].brightness).toBe(0);
    again();
  });

  test("hardwareOf finds the pins on a virtual board's link only", () => {
    const { hw } = rig();
    // TEST DOUBLE: just enough of a ByteTransport to carry traits.
    const link = (traits: object) => ({
      label: "x",
      traits,
      write: async () => undefined,
      onData: () => () => undefined,
      onClose: () => () => undefined,
      close: async () => undefined,
    });
    expect(hardwareOf(link({ hardware: hw }))).toBe(hw);
    expect(hardwareOf(link({ rxBuffer: 64 }))).toBeNull();
    expect(hardwareOf(null)).toBeNull();
  });
});
