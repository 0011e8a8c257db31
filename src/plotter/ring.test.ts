import { describe, expect, it } from "vitest";
import { SampleRing } from "./ring";

const contents = (r: SampleRing) =>
  Array.from({ length: r.length }, (_, i) => [r.timeAt(i), r.valueAt(i), r.textAt(i)] as const);

describe("SampleRing", () => {
  it("keeps samples oldest first until full", () => {
    const r = new SampleRing(4);
    r.push(0, 1, "1");
    r.push(10, 2.5, "2.50");
    expect(r.length).toBe(2);
    expect(contents(r)).toEqual([
      [0, 1, "1"],
      [10, 2.5, "2.50"],
    ]);
  });

  it("never holds more than its capacity: each new sample replaces the oldest", () => {
    const r = new SampleRing(3);
    for (let i = 0; i < 10_000; i++) r.push(i, i * 2, String(i));
    expect(r.length).toBe(3);
    expect(contents(r)).toEqual([
      [9997, 19994, "9997"],
      [9998, 19996, "9998"],
      [9999, 19998, "9999"],
    ]);
  });

  it("finds the first sample at or after a time, across the wrap", () => {
    const r = new SampleRing(5);
    for (let i = 0; i < 8; i++) r.push(i * 10, i, String(i)); // keeps times 30..70, stored wrapped
    expect(r.lowerBound(-1)).toBe(0);
    expect(r.lowerBound(30)).toBe(0);
    expect(r.lowerBound(31)).toBe(1);
    expect(r.lowerBound(70)).toBe(4);
    expect(r.lowerBound(71)).toBe(5);
  });

  it("hands out the raw runs of a logical range, split where it wraps", () => {
    const r = new SampleRing(5);
    for (let i = 0; i < 8; i++) r.push(i * 10, i, String(i)); // physical: [5,6,7,3,4] -> logical 3..7
    const read = (lo: number, hi: number) => {
      const { times, values, runs } = r.runs(lo, hi);
      return { runs, times: runs.flatMap(([s, e]) => Array.from(times.subarray(s, e))), values: runs.flatMap(([s, e]) => Array.from(values.subarray(s, e))) };
    };
    expect(read(0, 5)).toEqual({ runs: [[3, 5], [0, 3]], times: [30, 40, 50, 60, 70], values: [3, 4, 5, 6, 7] });
    expect(read(2, 4).runs).toEqual([[0, 2]]);
    expect(read(0, 2).runs).toEqual([[3, 5]]);
    expect(read(3, 3).runs).toEqual([]);
  });

  it("empties on clear and fills again from the start", () => {
    const r = new SampleRing(2);
    r.push(1, 1, "1");
    r.push(2, 2, "2");
    r.push(3, 3, "3");
    r.clear();
    expect(r.length).toBe(0);
    expect(r.lowerBound(0)).toBe(0);
    r.push(4, 4, "4");
    expect(contents(r)).toEqual([[4, 4, "4"]]);
  });

  it("refuses a capacity that is not a positive integer", () => {
    expect(() => new SampleRing(0)).toThrow(RangeError);
    expect(() => new SampleRing(1.5)).toThrow(RangeError);
  });
});
