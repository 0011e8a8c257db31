import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDevice, type Device } from "../device/device";
import { createNodeVirtualBoard } from "../transports/virtual/node";
import { plotCsv } from "./csv";
import { attachPlotFeed } from "./feed";
import { PlotRecorder } from "./recorder";

// The plot feed on the REAL MicroPython WebAssembly board (a Node worker_thread): what the board prints is what
// the recorder holds, text for text, while another listener (standing in for the terminal) still gets every byte.
describe("plot feed on the virtual board (real MicroPython WASM)", () => {
  let device: Device;

  beforeAll(async () => {
    device = await connectDevice(await createNodeVirtualBoard(), { connectTimeoutMs: 20_000 });
  }, 60_000);
  afterAll(async () => {
    await device?.disconnect();
  });

  it("records a Run's i, sin, cos lines exactly as printed", async () => {
    const recorder = new PlotRecorder();
    let terminal = "";
    const offTerminal = device.on("output", (d) => (terminal += new TextDecoder().decode(d)));
    const off = attachPlotFeed(device, recorder);
    const program = [
      "import math",
      "print('i,sin,cos')",
      "print('starting')",
      "for i in range(200):",
      "    print('%d, %.4f, %.4f' % (i, math.sin(i / 10), math.cos(i / 10)))",
      "print('done')",
    ].join("\n");
    const result = await device.run(program);
    expect(result.stderr).toBe("");
    off();
    offTerminal();

    const printed = terminal.split(/\r?\n/).filter((l) => /^\d+, /.test(l));
    expect(printed).toHaveLength(200);
    expect(recorder.series.map((s) => s.name)).toEqual(["i", "sin", "cos"]);
    const rows = plotCsv(recorder.series).trimEnd().split("\r\n").slice(1);
    expect(rows.map((r) => r.split(",").slice(1).join(", "))).toEqual(printed);
    // Times never go backwards, even for lines that came in one chunk.
    const times = rows.map((r) => Number(r.split(",")[0]));
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]);
  });

  it("records numbers printed at the friendly REPL, not the echo of what was typed nor the prompt", async () => {
    const recorder = new PlotRecorder();
    const off = attachPlotFeed(device, recorder);
    let seen = "";
    const offSeen = device.on("output", (d) => (seen += new TextDecoder().decode(d)));
    device.sendInput(new TextEncoder().encode("for k in range(3): print('k:', k * 11)\r\r"));
    const deadline = Date.now() + 10_000;
    while (!/k: 22\r?\n[\s\S]*>>> $/.test(seen) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    off();
    offSeen();
    expect(seen).toContain("for k in range(3): print(");
    expect(recorder.series.map((s) => s.name)).toEqual(["k"]);
    expect(plotCsv(recorder.series).split("\r\n").slice(1, -1).map((r) => r.split(",")[1])).toEqual(["0", "11", "22"]);
  });
});
