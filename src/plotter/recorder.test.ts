import { describe, expect, it } from "vitest";
import { PlotRecorder } from "./recorder";

const row = (names: string[], texts: string[]) => ({ names, texts, values: texts.map(Number) });

describe("PlotRecorder", () => {
  it("makes a series per name in first-appearance order, times in ms after the first sample", () => {
    const r = new PlotRecorder();
    r.add(row(["a", "b"], ["1", "2"]), 1000);
    r.add(row(["c", "a"], ["3", "4"]), 1250);
    expect(r.series.map((s) => [s.name, s.slot, s.ring.length])).toEqual([
      ["a", 0, 2],
      ["b", 1, 1],
      ["c", 2, 1],
    ]);
    expect(r.series[0].ring.timeAt(0)).toBe(0);
    expect(r.series[0].ring.timeAt(1)).toBe(250);
    expect(r.lastTime).toBe(250);
    // Line numbers count rows: a's samples came in rows 1 and 2, c's in row 2.
    expect([r.series[0].ring.lineAt(0), r.series[0].ring.lineAt(1), r.series[2].ring.lineAt(0)]).toEqual([1, 2, 2]);
  });

  it("gives every value of one row the same instant, and rows of one chunk distinct increasing instants", () => {
    const r = new PlotRecorder();
    for (let i = 0; i < 5; i++) r.add(row(["x", "y"], [String(i), String(-i)]), 500);
    const times = (k: number) => Array.from({ length: 5 }, (_, i) => r.series[k].ring.timeAt(i));
    expect(times(0)).toEqual(times(1));
    for (let i = 1; i < 5; i++) expect(times(0)[i]).toBeGreaterThan(times(0)[i - 1]);
  });

  it("holds at most `capacity` samples per series however many rows arrive", () => {
    const r = new PlotRecorder({ capacity: 100 });
    for (let i = 0; i < 50_000; i++) r.add(row(["v"], [String(i)]), i);
    expect(r.series[0].ring.length).toBe(100);
    expect(r.series[0].ring.textAt(0)).toBe("49900");
  });

  it("records no more than maxSeries series and names the ones it refused", () => {
    const r = new PlotRecorder({ maxSeries: 2 });
    r.add(row(["a", "b", "c"], ["1", "2", "3"]), 0);
    r.add(row(["d"], ["4"]), 1);
    expect(r.series.map((s) => s.name)).toEqual(["a", "b"]);
    expect(r.refusedSeries).toEqual(["c", "d"]);
  });

  it("matches rows that share one names array (as the parser hands them) to the same series", () => {
    const r = new PlotRecorder({ maxSeries: 1 });
    const names = ["a", "b"];
    for (let i = 0; i < 3; i++) r.add({ names, texts: [String(i), "x"], values: [i, 0] }, i);
    r.add({ names: ["b", "a"], texts: ["9", "7"], values: [9, 7] }, 10);
    expect(r.series.map((s) => [s.name, s.ring.length])).toEqual([["a", 4]]);
    expect(r.series[0].ring.textAt(3)).toBe("7");
    expect(r.refusedSeries).toEqual(["b"]);
  });

  it("records a chunk's rows with one notification", () => {
    const r = new PlotRecorder();
    let heard = 0;
    r.subscribe(() => heard++);
    r.addAll([row(["a"], ["1"]), row(["a"], ["2"]), row(["a"], ["3"])], 40);
    expect(heard).toBe(1);
    expect(r.series[0].ring.length).toBe(3);
    r.addAll([row([], [])], 50);
    expect(heard).toBe(1);
  });

  it("tells listeners of each change and bumps its version; clear empties it", () => {
    const r = new PlotRecorder();
    let heard = 0;
    const off = r.subscribe(() => heard++);
    r.add(row(["a"], ["1"]), 0);
    r.add(row(["a"], ["2"]), 5);
    expect(heard).toBe(2);
    expect(r.version).toBe(2);
    r.clear();
    expect(r.series).toHaveLength(0);
    expect(r.lastTime).toBeNull();
    off();
    r.add(row(["b"], ["1"]), 100);
    expect(heard).toBe(3);
    // The clock restarts at the first sample after a clear.
    expect(r.series[0].ring.timeAt(0)).toBe(0);
  });
});
