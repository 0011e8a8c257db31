/**
 * The hardware panel's state: what its LEDs, button and knob show, derived from the virtual board's pins, and the
 * actions that press the button and turn the knob. One store per board link (a new link is a new board).
 */
import { createStore, type StoreApi } from "zustand/vanilla";
import type { HardwareState, PinState, VirtualHardware } from "../transports/virtual/hardware";

/** How the panel is wired: an ESP32-style LED on GPIO2, the Pico's LED on 25, BOOT button on GPIO0, a pot on 34. */
export const PANEL_WIRING = {
  leds: [2, 25],
  button: 0,
  knob: 34,
} as const;

export interface LedView {
  pin: number;
  /** 0..1: off, fully on, or the PWM duty. */
  brightness: number;
  /** Words for the LED's state, e.g. "off", "on", "PWM 25% at 1000 Hz". */
  status: string;
  /** How the program set the pin up, e.g. "output", "PWM", "not set up". */
  setup: string;
}

export interface HardwarePanelState {
  leds: LedView[];
  button: { pin: number; pressed: boolean; setup: string };
  knob: { pin: number; value: number; setup: string };
  press(): void;
  release(): void;
  /** 0..65535, what ADC.read_u16() returns. */
  setKnob(value: number): void;
  /** Follow the board's pins from now on (reading them once at once); returns the function that stops following. */
  follow(): () => void;
}

const SETUP_WORDS: Record<PinState["mode"], string> = {
  in: "input",
  out: "output",
  "open-drain": "open-drain output",
  pwm: "PWM",
  analog: "ADC",
};

function setupOf(pin: PinState | undefined): string {
  if (!pin) return "not set up";
  const pull = pin.pull ? `, pull-${pin.pull}` : "";
  return SETUP_WORDS[pin.mode] + pull;
}

export function ledView(pin: number, state: HardwareState): LedView {
  const p = state.pins.get(pin);
  let brightness = 0;
  let status = "off";
  if (p?.mode === "pwm") {
    brightness = p.dutyU16 / 65535;
    status = `PWM ${Math.round(brightness * 100)}% at ${p.freq} Hz`;
  } else if ((p?.mode === "out" || p?.mode === "open-drain") && p.value === 1) {
    brightness = 1;
    status = "on";
  }
  return { pin, brightness, status, setup: setupOf(p) };
}

function derive(state: HardwareState): Pick<HardwarePanelState, "leds" | "button" | "knob"> {
  const { button, knob, leds } = PANEL_WIRING;
  return {
    leds: leds.map((pin) => ledView(pin, state)),
    button: { pin: button, pressed: state.pressed.has(button), setup: setupOf(state.pins.get(button)) },
    knob: { pin: knob, value: state.analog.get(knob) ?? 0, setup: setupOf(state.pins.get(knob)) },
  };
}

export function createHardwareStore(hardware: VirtualHardware): StoreApi<HardwarePanelState> {
  const store = createStore<HardwarePanelState>()(() => ({
    ...derive(hardware.state()),
    press: () => hardware.setButton(PANEL_WIRING.button, true),
    release: () => hardware.setButton(PANEL_WIRING.button, false),
    setKnob: (value) => hardware.setAnalog(PANEL_WIRING.knob, value),
    follow: () => {
      // Changes made while nobody followed are picked up here, so following can stop and start again freely.
      store.setState(derive(hardware.state()));
      return hardware.onHardware((state) => store.setState(derive(state)));
    },
  }));
  return store;
}
