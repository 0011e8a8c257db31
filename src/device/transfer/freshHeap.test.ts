import { describe, expect, it } from "vitest";
import { DeviceError } from "../errors";
import type { RawSession } from "../session";
import { withFreshHeapRetry } from "./freshHeap";

// A stand-in session (TEST DOUBLE): only restart() is used here; the real soft reset is covered on QEMU
// (device.qemu.test.ts).
function session(log: string[], withRestart = true): RawSession {
  const s = { restart: async () => void log.push("restart") } as Partial<RawSession>;
  if (!withRestart) delete s.restart;
  return s as RawSession;
}

const memoryError = () => new DeviceError("RemoteError", "MemoryError: memory allocation failed, allocating 760 bytes");

describe("withFreshHeapRetry", () => {
  it("soft-resets, repairs, then runs the work once more after a MemoryError", async () => {
    const log: string[] = [];
    let calls = 0;
    const out = await withFreshHeapRetry(
      session(log),
      async () => {
        log.push(`try ${++calls}`);
        if (calls === 1) throw memoryError();
        return "done";
      },
      async () => log.push("repair"),
    );
    expect(out).toBe("done");
    expect(log).toEqual(["try 1", "restart", "repair", "try 2"]);
  });

  it("gives up after the second MemoryError, and never retries other errors or without restart()", async () => {
    const log: string[] = [];
    await expect(withFreshHeapRetry(session(log), async () => Promise.reject(memoryError()))).rejects.toThrow(/MemoryError/);
    expect(log).toEqual(["restart"]);
    const other = new DeviceError("RemoteError", "OSError: 28");
    await expect(withFreshHeapRetry(session(log), async () => Promise.reject(other))).rejects.toBe(other);
    await expect(withFreshHeapRetry(session(log, false), async () => Promise.reject(memoryError()))).rejects.toThrow(/MemoryError/);
    expect(log).toEqual(["restart"]);
  });
});
