import path from "node:path";
import { buildAndServe, launchBenchBrowser, median } from "./browserPage";
import type { Figure } from "./results";

const root = path.resolve(import.meta.dirname, "flood");
const out = path.resolve(import.meta.dirname, "../node_modules/.cache/bench-flood");
const ROUNDS = 3;

/** 1 MB printed to the terminal through the app's batcher, against a bare xterm write of the same bytes. */
export async function terminalFlood(): Promise<Figure[]> {
  const server = await buildAndServe(root, out);
  try {
    // Three rounds, each in a fresh browser (later pages of one browser measured ~1.5x slower for the app's path
    // alone), medians reported: one round's bare write varied 389-566 ms on this machine.
    type Round = { bare: { ms: number; longest: number }; app: { ms: number; longest: number; dropped: number } };
    const rounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const browser = await launchBenchBrowser();
      try {
        const page = await browser.newPage({ viewport: { width: 1100, height: 600 } });
        await page.goto(server.url);
        rounds.push((await page.evaluate(() => window.runFlood())) as Round);
      } finally {
        await browser.close();
      }
    }
    const r = {
      bare: { ms: median(rounds.map((x) => x.bare.ms)), longest: Math.max(...rounds.map((x) => x.bare.longest)) },
      app: {
        ms: median(rounds.map((x) => x.app.ms)),
        longest: Math.max(...rounds.map((x) => x.app.longest)),
        dropped: rounds.reduce((n, x) => n + x.app.dropped, 0),
      },
    };
    const each = rounds.map((x) => `${Math.round(x.app.ms)}/${Math.round(x.bare.ms)}`).join(", ");
    return [
      { name: "REPL flood 1 MB, bare xterm write", value: r.bare.ms, unit: "ms", note: `longest task ${Math.round(r.bare.longest)} ms` },
      {
        name: "REPL flood 1 MB through the app's batcher",
        value: r.app.ms,
        unit: "ms",
        baseline: "bare xterm write of the same bytes",
        ratio: r.app.ms / r.bare.ms,
        goal: "≤ 1.5×",
        ok: r.app.ms / r.bare.ms <= 1.5,
        note: `median of ${ROUNDS} (app/bare ms: ${each}); dropped ${r.app.dropped} bytes`,
      },
      {
        name: "REPL flood longest main-thread task (app)",
        value: r.app.longest,
        unit: "ms",
        goal: "≤ 200 ms",
        ok: r.app.longest <= 200,
        note: `worst of ${ROUNDS}`,
      },
    ];
  } finally {
    server.close();
  }
}
