import { describe, expect, it } from "vitest";
import { alignWindow } from "./align";
import { SampleRing } from "./ring";

function ring(samples: Array<[number, number]>, capacity = 1000): SampleRing {
  const r = new SampleRing(capacity);
  for (const [t, v] of samples) r.push(t, v, String(v));
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
    expect(alignWindow([ring([])], 0, 1000, 100)).toEqual({ x: [], y: [[]], decimated: false });
  });
});
