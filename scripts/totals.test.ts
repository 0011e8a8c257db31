import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { addUp, countPlaywright, countVitest, totalsLine } from "./totals.mjs";

const dir = mkdtempSync(path.join(os.tmpdir(), "mote-totals-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

describe("countVitest", () => {
  it("reads passed, failed and skipped (pending + todo)", () => {
    const file = write("v.json", { numTotalTests: 9, numPassedTests: 5, numFailedTests: 2, numPendingTests: 1, numTodoTests: 1 });
    expect(countVitest(file)).toEqual({ passed: 5, failed: 2, skipped: 2 });
  });

  it("returns null for a missing or broken report", () => {
    expect(countVitest(path.join(dir, "absent.json"))).toBeNull();
    expect(countVitest(write("broken.json", "{ not json"))).toBeNull();
  });
});

describe("countPlaywright", () => {
  it("reads the stats block, counting flaky as passed", () => {
    const file = write("p.json", { stats: { expected: 3, unexpected: 1, flaky: 1, skipped: 2 }, errors: [] });
    expect(countPlaywright(file)).toEqual({ passed: 4, failed: 1, skipped: 2, errors: 0 });
  });

  it("treats a run with no specs as zero tests", () => {
    const file = write("empty.json", { stats: { expected: 0, unexpected: 0, flaky: 0, skipped: 0 }, errors: [], suites: [] });
    expect(countPlaywright(file)).toEqual({ passed: 0, failed: 0, skipped: 0, errors: 0 });
  });

  it("reports errors outside tests, e.g. a web server that did not start", () => {
    const file = write("err.json", { stats: { expected: 0, unexpected: 0, flaky: 0, skipped: 0 }, errors: [{ message: "x" }] });
    expect(countPlaywright(file)?.errors).toBe(1);
  });
});

describe("addUp and totalsLine", () => {
  it("counts a failed step without failed tests (typecheck, build, crash) as one failure", () => {
    const total = addUp([
      { ok: false },
      { ok: true },
      { ok: false, counts: { passed: 10, failed: 2, skipped: 1 } },
      { ok: false, counts: null },
    ]);
    expect(total).toEqual({ passed: 10, failed: 4, skipped: 1 });
  });

  it("mentions skipped only when something was skipped", () => {
    expect(totalsLine({ passed: 3, failed: 0, skipped: 0 })).toBe("3 passed, 0 failed");
    expect(totalsLine({ passed: 3, failed: 1, skipped: 2 })).toBe("3 passed, 1 failed, 2 skipped");
  });
});
