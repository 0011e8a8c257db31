import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { HostHardware } from "../transports/virtual/hardware";
import { OutField, outIndex, PinModeCode } from "../transports/virtual/hardware-layout";
import { createBuffers } from "../transports/virtual/shared";
import { HardwareBeside, HardwarePanel } from "./HardwarePanel";

// No DOM here: the panel's markup, rendered on the server from the real page-side hardware, carries the accessible
// names and states a person (and the e2e spec) finds it by.
function hardware() {
  const buf = createBuffers();
  const hw = new HostHardware(buf);
  return { buf, hw };
}

describe("HardwarePanel markup", () => {
  test("names every part and shows its state", () => {
    const { buf, hw } = hardware();
    Atomics.store(buf.hw, outIndex(2, OutField.Mode), PinModeCode.Out);
    Atomics.store(buf.hw, outIndex(2, OutField.Value), 1);
    hw.refresh();
    hw.setButton(0, true);
    hw.setAnalog(34, 1000);
    const html = renderToStaticMarkup(createElement(HardwarePanel, { hardware: hw }));
    expect(html).toContain('aria-label="LED on Pin 2: on"');
    expect(html).toContain('aria-label="LED on Pin 25: off"');
    expect(html).toMatch(/<button[^>]*aria-label="Button on Pin 0"[^>]*aria-pressed="true"|<button[^>]*aria-pressed="true"[^>]*aria-label="Button on Pin 0"/);
    expect(html).toMatch(/<input[^>]*type="range"[^>]*aria-label="Knob on ADC pin 34"[^>]*aria-valuenow="1000"/);
    for (const label of ["LED · Pin 2", "Button · Pin 0", "Knob · ADC Pin 34", "PWM brightness shown on the LED pins"]) {
      expect(html).toContain(label);
    }
  });

  test("HardwareBeside shows the panel only when there is hardware", () => {
    const { hw } = hardware();
    const child = createElement("p", null, "terminal");
    expect(renderToStaticMarkup(createElement(HardwareBeside, { hardware: null, children: child }))).not.toContain("Virtual hardware");
    expect(renderToStaticMarkup(createElement(HardwareBeside, { hardware: hw, children: child }))).toContain('aria-label="Virtual hardware"');
  });
});
