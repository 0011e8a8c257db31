import { Terminal } from "@xterm/xterm";
import "@xterm/xterm/css/xterm.css";
import "../../src/ui/app.css";
import "../../src/plotter/beside.css";
import "../../src/plotter/plotter.css";
import { createWriteBatcher, pageTiming } from "../../src/terminal/writeBatcher";
import { createPlotFeed } from "../../src/plotter/feed";
import { PlotRecorder } from "../../src/plotter/recorder";
import { PlotView } from "../../src/plotter/view";

// Runs in Chromium under bench/plotter.ts. The app's own pieces, wired as ui/ReplPanel wires them: device output
// goes to the terminal's write batcher and, with the plotter open, also to the plot feed (a second listener),
// while the PlotView draws once per frame. The flood is numeric lines, so the open plotter has every line to plot.

const MB = 1024 * 1024;
const enc = new TextEncoder();
const line = (i: number) => `${i}, ${Math.sin(i / 50).toFixed(4)}, ${Math.cos(i / 50).toFixed(4)}\r\n`;

function floodBytes(): Uint8Array {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < MB; i++) {
    parts.push(line(i));
    size += parts[parts.length - 1].length;
  }
  return enc.encode(parts.join(""));
}

const yieldTask = () =>
  new Promise<void>((r) => {
    const c = new MessageChannel();
    c.port1.onmessage = () => r();
    c.port2.postMessage(0);
  });
const nextFrame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Rig {
  term: Terminal;
  push(data: Uint8Array): void;
  /** Resolves once the terminal has consumed everything pushed so far. */
  drained(): Promise<void>;
  recorder: PlotRecorder | null;
  view: PlotView | null;
  frames: number[];
  /** Main-thread ms spent in the plot feed (decode, parse, record). */
  feedMs(): number;
  dispose(): void;
}

function rig(plotter: boolean, windowMs: number | null = 30_000): Rig {
  const termEl = document.getElementById("term")!;
  termEl.innerHTML = "";
  const plotEl = document.getElementById("plot")!;
  plotEl.innerHTML = "";
  const term = new Terminal({ cols: 80, rows: 30, scrollback: 5000 });
  term.open(termEl);
  let waiting: (() => void) | null = null;
  const batcher = createWriteBatcher({
    write: (d, ack) =>
      term.write(d, () => {
        ack();
        if (waiting && batcher.pendingBytes === 0) waiting();
      }),
    ...pageTiming, // as ReplTerminal paces it
  });
  const listeners: Array<(d: Uint8Array) => void> = [(d) => batcher.push(d, "stdout")];
  const frames: number[] = [];
  let recorder: PlotRecorder | null = null;
  let view: PlotView | null = null;
  let feedMs = 0;
  if (plotter) {
    recorder = new PlotRecorder();
    const feed = createPlotFeed(recorder);
    listeners.push((d) => {
      const t0 = performance.now();
      feed.push(d, "stdout");
      feedMs += performance.now() - t0;
    });
    const host = document.createElement("div");
    host.className = "plot-chart";
    plotEl.append(host);
    view = new PlotView(host, recorder, { windowMs, onFrame: (ms) => frames.push(ms) });
  }
  return {
    term,
    push: (d) => listeners.forEach((l) => l(d)),
    drained: () =>
      batcher.pendingBytes === 0
        ? nextFrame().then(() => undefined)
        : new Promise<void>((r) => (waiting = () => ((waiting = null), r()))).then(nextFrame).then(() => undefined),
    recorder,
    view,
    frames,
    feedMs: () => feedMs,
    dispose() {
      view?.destroy();
      batcher.dispose();
      term.dispose();
    },
  };
}

/** The 1 MB numeric flood in 255-byte reads (Web Serial's default), 16 reads per macrotask, as flood.ts does. */
async function flood(data: Uint8Array, plotter: boolean) {
  const r = rig(plotter);
  await nextFrame();
  const t0 = performance.now();
  for (let i = 0; i < data.length; i += 255 * 16) {
    for (let j = i; j < Math.min(i + 255 * 16, data.length); j += 255) r.push(data.subarray(j, j + 255));
    await yieldTask();
  }
  await r.drained();
  const ms = performance.now() - t0;
  const rows = r.recorder?.series[0]?.ring.length ?? 0;
  const frames = r.frames.length;
  const feedMs = r.feedMs();
  const drawMs = r.frames.reduce((a, b) => a + b, 0);
  r.dispose();
  return { ms, rows, frames, plotterMs: feedMs + drawMs, feedMs, drawMs };
}

/** 100 lines/s, one line per read, for `seconds`; returns each frame's draw time. Optionally prefilled first. */
async function steady(seconds: number, windowMs: number | null, prefillRows = 0) {
  const r = rig(true, windowMs);
  const rec = r.recorder!;
  if (prefillRows) {
    // What 100 lines/s for prefillRows/100 s leaves behind, stamped as if it had arrived that way.
    const start = performance.now() - prefillRows * 10;
    for (let i = 0; i < prefillRows; i++) {
      const texts = line(i).trim().split(", ");
      rec.add({ names: ["i", "sin", "cos"], texts, values: texts.map(Number) }, start + i * 10);
    }
    r.view!.drawNow();
    r.frames.length = 0;
  }
  await nextFrame();
  const lines = seconds * 100;
  const t0 = performance.now();
  for (let i = 0; i < lines; i++) {
    // Each line due at t0 + 10 ms * i, so timer slack does not lower the rate.
    const due = t0 + i * 10 - performance.now();
    if (due > 0) await sleep(due);
    r.push(enc.encode(line(prefillRows + i)));
  }
  await r.drained();
  const elapsed = performance.now() - t0;
  const frames = [...r.frames];
  const kept = rec.series[0].ring.length;
  r.dispose();
  return { frames, lines, elapsed, kept };
}

declare global {
  interface Window {
    runPlotterBench(round: number): Promise<unknown>;
    /** One flood, plotter open or closed: for profiling by hand. */
    runFloodOnce(plotter: boolean): Promise<unknown>;
  }
}

window.runPlotterBench = async (round: number) => {
  const data = floodBytes();
  const lineCount = new TextDecoder().decode(data).split("\n").length - 1;
  await flood(data.subarray(0, 64 * 1024), true); // warm up xterm, the parser and uPlot
  // Alternate the order between rounds so neither side always runs on the warmer page.
  const closedFirst = round % 2 === 0;
  const a = await flood(data, !closedFirst);
  const b = await flood(data, closedFirst);
  const [closed, open] = closedFirst ? [a, b] : [b, a];
  const live = await steady(5, 30_000);
  const full = await steady(3, 300_000, 30_000);
  return { lineCount, closed, open, live, full };
};

window.runFloodOnce = (plotter: boolean) => flood(floodBytes(), plotter);
