import { expect, test } from "./fixtures/test";
import { readFileSync } from "node:fs";
import { MoteApp } from "./app";

// The gallery's files, read as the app bundles them (Playwright's loader has no `?raw` imports).
const example = (id: string) => readFileSync(new URL(`../src/examples/files/${id}/main.py`, import.meta.url), "utf8");
const BLINK_EXAMPLE = example("blink");
const BUTTON_EXAMPLE = example("button");

// The virtual board's hardware panel, driven as a person would: the seed's two examples run unchanged from the editor.
test.describe("virtual board hardware panel", () => {
  let app: MoteApp;

  test.beforeEach(async ({ page }) => {
    app = new MoteApp(page);
    await app.goto();
    await app.waitForBoardReady();
  });

  test("the blink example lights and darkens the LED on Pin 2", async ({ page }) => {
    const led = page.getByRole("img", { name: /^LED on Pin 2:/ });
    await expect(led).toHaveAccessibleName("LED on Pin 2: off");
    await app.setEditorText(BLINK_EXAMPLE);
    await app.run();
    await expect(led).toHaveAccessibleName("LED on Pin 2: on", { timeout: 5_000 });
    await expect(led).toHaveAttribute("data-lit", "true");
    await app.screenshot("60-blink-led-on");
    await expect(led).toHaveAccessibleName("LED on Pin 2: off", { timeout: 5_000 });
    await expect(led).toHaveAttribute("data-lit", "false");
    await app.screenshot("61-blink-led-off");
    await app.stop();
    await expect(app.status).toContainText("Ready", { timeout: 5_000 });
  });

  test("pressing the panel button with the mouse and the keyboard changes what the button loop prints", async ({ page }) => {
    const button = page.getByRole("button", { name: "Button on Pin 0" });
    await app.setEditorText(BUTTON_EXAMPLE);
    await app.run();
    await expect(app.status).toContainText("Running");

    await button.hover();
    await page.mouse.down();
    await expect(button).toHaveAttribute("aria-pressed", "true");
    await app.expectReplToContain(/^Button Pressed$/m, 5_000);
    await app.screenshot("62-button-held");
    await page.mouse.up();
    await expect(button).toHaveAttribute("aria-pressed", "false");
    await app.expectReplToContain(/^Button Released$/m, 5_000);

    // Space held down is a held button; its release lets go.
    await button.focus();
    await page.keyboard.down(" ");
    await expect(button).toHaveAttribute("aria-pressed", "true");
    await expect.poll(async () => ((await app.replText()).match(/Button Pressed/g) ?? []).length).toBe(2);
    await page.keyboard.up(" ");
    await expect.poll(async () => ((await app.replText()).match(/Button Released/g) ?? []).length).toBe(2);

    await app.stop();
    await expect(app.status).toContainText("Ready", { timeout: 5_000 });
  });

  test("the knob sets what ADC.read_u16() returns", async ({ page }) => {
    const knob = page.getByRole("slider", { name: "Knob on ADC pin 34" });
    await knob.focus();
    await page.keyboard.press("End");
    await expect(knob).toHaveAttribute("aria-valuenow", "65535");
    await app.typeInRepl("from machine import ADC; print('adc', ADC(34).read_u16())");
    await app.expectReplToContain(/^adc 65535$/m);
    await knob.focus();
    await page.keyboard.press("Home");
    await expect(knob).toHaveAttribute("aria-valuenow", "0");
    await app.typeInRepl("print('adc', ADC(34).read_u16())");
    await app.expectReplToContain(/^adc 0$/m);
  });
});
