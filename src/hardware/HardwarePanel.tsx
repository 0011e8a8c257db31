import { useEffect, useMemo, type KeyboardEvent, type PointerEvent, type ReactNode } from "react";
import { useStore } from "zustand";
import type { VirtualHardware } from "../transports/virtual/hardware";
import { createHardwareStore, type LedView } from "./store";
import "./hardware.css";

function Led({ led }: { led: LedView }) {
  return (
    <div className="hw-item">
      <span
        className="hw-led"
        role="img"
        aria-label={`LED on Pin ${led.pin}: ${led.status}`}
        data-lit={led.brightness > 0 ? "true" : "false"}
        // A CSS variable, so the glow follows PWM duty without a style per level.
        style={{ ["--hw-brightness" as string]: String(led.brightness) }}
      />
      <span className="hw-label">
        LED · Pin {led.pin}
        <span className="hw-setup">{led.setup}</span>
      </span>
    </div>
  );
}

/**
 * The virtual board's hardware beside the terminal: LEDs on Pin 2 and Pin 25 (PWM shows as brightness), a push
 * button on Pin 0 (active low, like an ESP32's BOOT button) and a knob on ADC Pin 34. Render it only for the virtual
 * board; `hardware` is the link's `traits.hardware`.
 */
export function HardwarePanel({ hardware }: { hardware: VirtualHardware }) {
  const store = useMemo(() => createHardwareStore(hardware), [hardware]);
  useEffect(() => store.getState().follow(), [store]);
  const leds = useStore(store, (s) => s.leds);
  const button = useStore(store, (s) => s.button);
  const knob = useStore(store, (s) => s.knob);
  const { press, release, setKnob } = store.getState();

  const onPointerDown = (e: PointerEvent<HTMLButtonElement>): void => {
    if (e.button !== 0) return;
    // Captured, so letting go outside the button still releases it.
    e.currentTarget.setPointerCapture(e.pointerId);
    press();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>): void => {
    if (e.key !== " " && e.key !== "Enter") return;
    e.preventDefault();
    if (!e.repeat) press();
  };
  const onKeyUp = (e: KeyboardEvent<HTMLButtonElement>): void => {
    if (e.key !== " " && e.key !== "Enter") return;
    e.preventDefault();
    release();
  };

  return (
    <section className="hw-panel" aria-label="Virtual hardware">
      <h2 className="hw-title">Hardware</h2>
      {leds.map((led) => (
        <Led key={led.pin} led={led} />
      ))}
      <div className="hw-item">
        <button
          type="button"
          className="hw-button"
          aria-label={`Button on Pin ${button.pin}`}
          aria-pressed={button.pressed}
          onPointerDown={onPointerDown}
          onPointerUp={release}
          onPointerCancel={release}
          onLostPointerCapture={release}
          onKeyDown={onKeyDown}
          onKeyUp={onKeyUp}
          onBlur={release}
          // Clicks are handled as press and release above; a synthetic click (assistive tech) taps it.
          onClick={(e) => {
            if (e.detail === 0 && !button.pressed) {
              press();
              setTimeout(release, 150);
            }
          }}
        />
        <span className="hw-label">
          Button · Pin {button.pin}
          <span className="hw-setup">{button.pressed ? "pressed (low)" : "released"}</span>
        </span>
      </div>
      <div className="hw-item hw-knob">
        <input
          type="range"
          min={0}
          max={65535}
          step={1}
          value={knob.value}
          aria-label={`Knob on ADC pin ${knob.pin}`}
          aria-valuemin={0}
          aria-valuemax={65535}
          aria-valuenow={knob.value}
          aria-valuetext={`${knob.value} of 65535, ${((knob.value * 3.3) / 65535).toFixed(2)} volts`}
          onChange={(e) => setKnob(Number(e.currentTarget.value))}
        />
        <span className="hw-label">
          Knob · ADC Pin {knob.pin}
          <span className="hw-setup">read_u16() = {knob.value}</span>
        </span>
      </div>
      <p className="hw-note">PWM brightness shown on the LED pins.</p>
    </section>
  );
}

/** Lays `children` (the terminal) out with the panel on its right when there is hardware (the virtual board). */
export function HardwareBeside({ hardware, children }: { hardware: VirtualHardware | null; children: ReactNode }) {
  return (
    <div className="hw-beside">
      <div className="hw-beside-main">{children}</div>
      {hardware ? <HardwarePanel hardware={hardware} /> : null}
    </div>
  );
}
