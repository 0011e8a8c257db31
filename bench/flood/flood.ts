import { Terminal } from "@xterm/xterm";
import "@xterm/xterm/css/xterm.css";
import { createWriteBatcher, pageTiming } from "../../src/terminal/writeBatcher";

// Runs in Chromium under bench/flood.ts. Two runs on one page, same bytes: a bare xterm write of the whole flood
// (the floor: xterm's own parse + render), and the app's path: the flood arriving in serial-sized chunks through
// the write batcher. Reports durations and the longest main-thread task of each.

const MB = 1024 * 1024;

function floodBytes(): Uint8Array {
  const enc = new TextEncoder();
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < MB; i++) {
    const line = `${i} sensor=${(Math.sin(i / 50) * 100).toFixed(3)} t=${i * 10}ms ok\r\n`;
    parts.push(line);
    size += line.length;
  }
  return enc.encode(parts.join("")).subarray(0, MB);
}

function watchLongTasks(): () => number {
  let longest = 0;
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
  });
  obs.observe({ type: "longtask" });
  return () => {
    obs.disconnect();
    return longest;
  };
}

function freshTerminal(): Terminal {
  const el = document.getElementById("term")!;
  el.innerHTML = "";
  const term = new Terminal({ cols: 120, rows: 30, scrollback: 5000 });
  term.open(el);
  return term;
}

// A macrotask without setTimeout's 4 ms clamp: how bytes from a worker or a serial read loop arrive.
const yieldTask = () =>
  new Promise<void>((r) => {
    const c = new MessageChannel();
    c.port1.onmessage = () => r();
    c.port2.postMessage(0);
  });

const nextFrame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

async function bare(data: Uint8Array) {
  const term = freshTerminal();
  await nextFrame();
  const stop = watchLongTasks();
  const t0 = performance.now();
  await new Promise<void>((r) => term.write(data, r));
  await nextFrame(); // include the render that follows the parse
  const ms = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 100));
  const longest = stop();
  term.dispose();
  return { ms, longest };
}

async function app(data: Uint8Array, chunk: number) {
  const term = freshTerminal();
  await nextFrame();
  const stop = watchLongTasks();
  const t0 = performance.now();
  let finished!: () => void;
  const done = new Promise<void>((r) => (finished = r));
  let fed = false;
  const batcher = createWriteBatcher({
    write: (d, ack) =>
      term.write(d, () => {
        ack();
        if (fed && batcher.pendingBytes === 0) finished();
      }),
    ...pageTiming, // as ReplTerminal paces it
  });
  // Bytes arrive as a serial port delivers them: many small reads, each its own macrotask.
  for (let i = 0; i < data.length; i += chunk * 16) {
    for (let j = i; j < Math.min(i + chunk * 16, data.length); j += chunk) batcher.push(data.subarray(j, j + chunk), "stdout");
    await yieldTask();
  }
  fed = true;
  if (batcher.pendingBytes === 0) finished();
  await done;
  await nextFrame();
  const ms = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 100));
  const longest = stop();
  const dropped = batcher.droppedBytes;
  batcher.dispose();
  term.dispose();
  return { ms, longest, dropped };
}

declare global {
  interface Window {
    runFlood(): Promise<unknown>;
  }
}

window.runFlood = async () => {
  const data = floodBytes();
  await bare(data.subarray(0, 64 * 1024)); // warm up xterm's parser and renderer
  const b = await bare(data);
  const a = await app(data, 255); // Web Serial's default read size
  return { bytes: data.length, bare: b, app: a };
};
