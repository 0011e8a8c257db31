import { describe, expect, it } from "vitest";
import { WINDOWS, describeWindow, windowByKey } from "./windows";

describe("plot windows", () => {
  it("offers 10 s, 30 s, 1 min, 5 min and All, widest last", () => {
    expect(WINDOWS.map((w) => w.label)).toEqual(["10 s", "30 s", "1 min", "5 min", "All"]);
    expect(WINDOWS.map((w) => w.ms)).toEqual([10_000, 30_000, 60_000, 300_000, null]);
  });

  it("falls back to 30 s for a missing or unknown remembered choice", () => {
    expect(windowByKey(null).key).toBe("30s");
    expect(windowByKey("2h").key).toBe("30s");
    expect(windowByKey("5m").ms).toBe(300_000);
    expect(describeWindow("all")).toBe("everything recorded");
  });
});
