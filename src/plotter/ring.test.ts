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
