import path from "node:path";
import { buildAndServe, launchBenchBrowser, median } from "./browserPage";
import { percentile, type Figure } from "./results";

const root = path.resolve(import.meta.dirname, "plotterPage");
const out = path.resolve(import.meta.dirname, "../node_modules/.cache/bench-plotter");
const ROUNDS = 3;

interface Flood {
  ms: number;
  rows: number;
  frames: number;
  /** The plotter's own main-thread time in the flood: feed (decode, parse, record) plus draws. */
  plotterMs: number;
  feedMs: number;
  drawMs: number;
}
interface Steady {
  frames: number[];
  lines: number;
  elapsed: number;
  kept: number;
}
interface Round {
  lineCount: number;
  closed: Flood;
  open: Flood;
  live: Steady;
  full: Steady;
}

/**
 * The plotter's cost (bench/plotterPage/page.ts, in Chromium): a 1 MB flood of numeric lines through the terminal's
 * batcher with the plotter closed and open (the plotter listening and drawing beside it), and the plotter's own
 * draw time per frame while a board prints 100 lines/s: a 30 s window, and a full 5 min window (30,000 rows of 3).
 */
export async function plotterBench(): Promise<Figure[]> {
  const server = await buildAndServe(root, out);
  try {
    const rounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const browser = await launchBenchBrowser();
      try {
        const page = await browser.newPage({ viewport: { width: 1100, height: 600 } });
        await page.goto(server.url);
        rounds.push((await page.evaluate((n) => window.runPlotterBench(n), i)) as Round);
      } finally {
        await browser.close();
      }
    }
    const closed = median(rounds.map((r) => r.closed.ms));
    const open = median(rounds.map((r) => r.open.ms));
    const each = rounds.map((r) => `${Math.round(r.open.ms)}/${Math.round(r.closed.ms)}`).join(", ");
    const missed = rounds.reduce((n, r) => n + (r.lineCount - r.open.rows), 0);
    const frameFigure = (name: string, pick: (r: Round) => Steady, goalMs: number): Figure => {
      const all = rounds.flatMap((r) => pick(r).frames);
      const p95 = percentile(all, 95);
      const rate = median(rounds.map((r) => pick(r).frames.length / (pick(r).elapsed / 1000)));
      const kept = pick(rounds[0]).kept;
      return {
        name,
        value: median(all),
        unit: "ms",
        goal: `p95 ≤ ${goalMs} ms`,
        ok: p95 <= goalMs,
        note: `median of ${all.length} frames over ${ROUNDS} rounds; p95 ${p95.toFixed(2)} ms, max ${Math.max(...all).toFixed(2)} ms; ${rate.toFixed(0)} redraws/s for 100 lines/s; ${kept} rows kept`,
      };
    };
    return [
      { name: "REPL flood 1 MB of numeric lines, plotter closed", value: closed, unit: "ms", note: `median of ${ROUNDS}` },
      {
        name: "REPL flood 1 MB of numeric lines, plotter open",
        value: open,
        unit: "ms",
        baseline: "the same flood with the plotter closed",
        ratio: open / closed,
        goal: "≤ 1.25×",
        ok: open / closed <= 1.25,
        note: `median of ${ROUNDS} (open/closed ms: ${each}); ${rounds[0].lineCount} lines a round, ${missed} not plotted; ${median(rounds.map((r) => r.open.frames))} redraws`,
      },
      {
        name: "plotter's own main-thread time in that flood",
        value: median(rounds.map((r) => r.open.plotterMs)),
        unit: "ms",
        baseline: "the flood with the plotter closed",
        ratio: median(rounds.map((r) => r.open.plotterMs / r.closed.ms)),
        note:
          `feed (decode, parse, record) ${Math.round(median(rounds.map((r) => r.open.feedMs)))} ms + draws ` +
          `${Math.round(median(rounds.map((r) => r.open.drawMs)))} ms, timed inside the page (steadier than the ratio above on a busy machine)`,
      },
      frameFigure("plotter frame cost at 100 lines/s, 30 s window", (r) => r.live, 4),
      frameFigure("plotter frame cost at 100 lines/s, 5 min window full", (r) => r.full, 8),
    ];
  } finally {
    server.close();
  }
}
