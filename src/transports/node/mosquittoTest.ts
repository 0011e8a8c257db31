/**
 * Test-only: describe() for suites that need a real MQTT broker. With mosquitto installed it is plain describe().
 * Without it: in CI (CI === "true") the suite FAILS, because CI installs mosquitto; elsewhere it is skipped loudly.
 */
import { describe, it } from "vitest";
import { mosquittoAvailable } from "./mosquitto";

let warned = false;

export function describeMosquitto(name: string, body: () => void): void {
  const availability = mosquittoAvailable();
  if (availability.available) {
    describe(name, body);
    return;
  }
  const why = `mosquitto ${availability.reason}`;
  if (process.env.CI === "true") {
    describe(name, () => {
      it("needs mosquitto in CI", () => {
        throw new Error(`${why}. CI must install mosquitto and mosquitto-clients (.ci/run).`);
      });
    });
    return;
  }
  if (!warned) {
    warned = true;
    const bar = "!".repeat(78);
    console.warn(`\n${bar}\n!! SKIPPING MQTT tests against a real broker: ${why}\n${bar}\n`);
  }
  describe.skip(`${name} [skipped: ${why}]`, body);
}
