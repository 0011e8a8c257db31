import { connectDevice } from "../src/device/device";
import type { ByteTransport } from "../src/device/transport";
import { percentile, type Figure } from "./results";

/**
 * Exec round trip through the whole core: enter raw REPL, send `print(1)`, read stdout/stderr, leave. This is
 * what every helper operation pays, and what the UI waits for on Run of a tiny script.
 */
export async function execRoundTrip(label: string, transport: ByteTransport, n = 30): Promise<Figure[]> {
  const device = await connectDevice(transport);
  try {
    await device.exec("pass"); // learn raw-paste support first, as a session would
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await device.exec("print(1)");
      times.push(performance.now() - t0);
    }
    return [
      { name: `exec round trip p50, ${label}`, value: percentile(times, 50), unit: "ms" },
      { name: `exec round trip p95, ${label}`, value: percentile(times, 95), unit: "ms" },
    ];
  } finally {
    await device.disconnect();
  }
}
