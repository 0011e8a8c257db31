import { describe, expect, it } from "vitest";
import { Mutex } from "./mutex";

describe("Mutex", () => {
  it("runs queued operations one at a time, in order", async () => {
    const m = new Mutex();
    const log: string[] = [];
    const op = (name: string, ms: number) =>
      m.lock(async () => {
        log.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, ms));
        log.push(`end ${name}`);
      });
    await Promise.all([op("a", 20), op("b", 1), op("c", 5)]);
    expect(log).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
  });

  it("tryLock refuses with Busy even in the same tick as a lock, and frees after a failure", async () => {
    const m = new Mutex();
    const first = m.lock(async () => {
      throw new Error("boom");
    });
    await expect(m.tryLock(async () => 1, "x")).rejects.toMatchObject({ code: "Busy" });
    await expect(first).rejects.toThrow("boom");
    expect(m.locked).toBe(false);
    await expect(m.tryLock(async () => 2, "y")).resolves.toBe(2);
  });
});
