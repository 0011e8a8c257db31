import { describe, expect, it } from "vitest";
import { alignWindow } from "./align";
import { SampleRing } from "./ring";

function ring(samples: Array<[number, number]>, capacity = 1000): SampleRing {
  const r = new SampleRing(capacity);
  // Line numbers as the recorder gives them when one row is one sample per ms: the time plus one.
  for (const [t, v] of samples) r.push(t, v, String(v), t + 1);
  return r;
}

describe("alignWindow", () => {
  it("merges series on time, with null where a series has no sample", () => {
    const a = ring([
      [0, 1],
      [100, 2],
      [200, 3],
    ]);
    const b = ring([
      [100, 20],
      [300, 40],
    ]);
    expect(alignWindow([a, b], 0, 300, 500)).toEqual({
      x: [0, 0.1, 0.2, 0.3],
      y: [
        [1, 2, 3, null],
        [null, 20, null, 40],
      ],
      range: [0, 0.3],
      decimated: false,
    });
  });

  it("keeps only the window, both ends included", () => {
    const a = ring(Array.from({ length: 10 }, (_, i) => [i * 100, i] as [number, number]));
    const w = alignWindow([a], 300, 600, 500);
    expect(w.x).toEqual([0.3, 0.4, 0.5, 0.6]);
    expect(w.y[0]).toEqual([3, 4, 5, 6]);
  });

  it("turns nan and inf into gaps", () => {
    const a = ring([
      [0, NaN],
      [1, Infinity],
      [2, 5],
    ]);
    expect(alignWindow([a], 0, 2, 500).y[0]).toEqual([null, null, 5]);
  });

  it("decimates past two samples per column, keeping each column's extremes in the order they came", () => {
    // 10 columns, 1000 samples: a rising ramp in the first half and a falling one in the second, plus one spike.
    const samples = Array.from({ length: 1000 }, (_, i) => [i, i < 500 ? i : 1000 - i] as [number, number]);
    samples[250][1] = 5000;
    const w = alignWindow([ring(samples, 2000)], 0, 999, 10);
    expect(w.decimated).toBe(true);
    expect(w.x).toHaveLength(20);
    const y = w.y[0] as number[];
    // Column 0 rises: min first. Column 9 falls: max first. The spike survives.
    expect([y[0], y[1]]).toEqual([0, 99]);
    expect([y[18], y[19]]).toEqual([100, 1]);
    expect(Math.max(...y)).toBe(5000);
    expect(Math.min(...y)).toBe(0);
    // x stays inside the window and increasing.
    for (let i = 1; i < w.x.length; i++) expect(w.x[i]).toBeGreaterThan(w.x[i - 1]);
    expect(w.x[0]).toBeGreaterThanOrEqual(0);
    expect(w.x[19]).toBeLessThanOrEqual(0.999);
  });

  it("bounds the decimated size by the columns, not by the samples", () => {
    const big = ring(Array.from({ length: 50_000 }, (_, i) => [i, Math.sin(i / 100)] as [number, number]), 50_000);
    const w = alignWindow([big, big], 0, 49_999, 300);
    expect(w.x.length).toBeLessThanOrEqual(600);
    expect(w.y).toHaveLength(2);
    expect(w.y[0].length).toBe(w.x.length);
  });

  it("returns empty columns for an empty window", () => {
    expect(alignWindow([ring([])], 0, 1000, 100)).toEqual({ x: [], y: [[]], range: [0, 1], decimated: false });
  });

  it("by line: lines that arrived in one burst get one x each, the window still chosen by time", () => {
    const r = new SampleRing(100);
    // Lines 1-3 at t=0, then a burst of lines 4-8 all within 4 µs at t=500.
    [0, 0.001, 0.002].forEach((t, i) => r.push(t, i, String(i), i + 1));
    for (let i = 0; i < 5; i++) r.push(500 + i * 0.001, 10 + i, String(10 + i), 4 + i);
    const w = alignWindow([r], 100, 500.004, 500, "line");
    expect(w.x).toEqual([4, 5, 6, 7, 8]);
    expect(w.y[0]).toEqual([10, 11, 12, 13, 14]);
    expect(w.range).toEqual([4, 8]);
  });

  it("by line, decimated: buckets over line numbers", () => {
    const r = new SampleRing(10_000);
    for (let i = 0; i < 10_000; i++) r.push(0.001 * i, i % 100, "", i + 1); // one burst of 10,000 lines
    const w = alignWindow([r], 0, 10, 50, "line");
    expect(w.decimated).toBe(true);
    expect(w.x.length).toBe(100);
    expect(w.x[0]).toBeGreaterThanOrEqual(1);
    expect(w.x[99]).toBeLessThanOrEqual(10_000);
    expect(Math.max(...(w.y[0] as number[]))).toBe(99);
  });
});
