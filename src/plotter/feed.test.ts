import { describe, expect, it } from "vitest";
import type { DeviceEvents, OutputStream } from "../device/api";
import { attachPlotFeed, createPlotFeed } from "./feed";
import { plotCsv } from "./csv";
import { PlotRecorder } from "./recorder";

const enc = new TextEncoder();

describe("createPlotFeed (scripted byte chunks)", () => {
  it("decodes UTF-8 split across chunks, stamps rows with the chunk's arrival time, and ignores stderr", () => {
    const r = new PlotRecorder();
    let now = 100;
    const feed = createPlotFeed(r, () => now);
    const bytes = enc.encode("température,hum\r\n21.5,40\r\n");
    // Cut inside the two-byte "é".
    const cut = bytes.indexOf(0xc3) + 1;
    feed.push(bytes.subarray(0, cut), "stdout");
    feed.push(bytes.subarray(cut), "stdout");
    now = 350;
    feed.push(enc.encode("Traceback (most recent call last):\r\n1,2\r\n"), "stderr");
    feed.push(enc.encode("22.0,41\r\n"), "repl");
    expect(r.series.map((s) => s.name)).toEqual(["température", "hum"]);
    expect(plotCsv(r.series)).toBe("time_s,température,hum\r\n0.000,21.5,40\r\n0.250,22.0,41\r\n");
  });

  it("listens on the device's output event alongside other listeners, and stops when detached", () => {
    const listeners = new Set<DeviceEvents["output"]>();
    const device = {
      on: (_event: string, l: DeviceEvents["output"]) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    } as unknown as Parameters<typeof attachPlotFeed>[0];
    const terminal: string[] = [];
    listeners.add((d) => terminal.push(new TextDecoder().decode(d)));
    const r = new PlotRecorder();
    const off = attachPlotFeed(device, r, () => 0);
    const emit = (s: string, stream: OutputStream = "stdout") => listeners.forEach((l) => l(enc.encode(s), stream));
    emit("1 2\r\n");
    off();
    emit("3 4\r\n");
    expect(terminal).toEqual(["1 2\r\n", "3 4\r\n"]);
    expect(r.series[0].ring.length).toBe(1);
  });
});
