import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDevice, type Device } from "../device/device";
import { createNodeVirtualBoard } from "../transports/virtual/node";
import type { BoardKnowledge } from "./knowledge";
import { learnBoard, type KnowledgeCache } from "./learn";
import { stubsFromBoard } from "./stubsFromBoard";
import { modulesToInspect } from "./knowledge";

// Against the REAL MicroPython WASM board: what help('modules') and dir() really print there.
describe("learning a board's modules (virtual board)", () => {
  let device: Device;
  beforeAll(async () => {
    device = await connectDevice(await createNodeVirtualBoard());
  }, 30_000);
  afterAll(async () => {
    await device?.disconnect();
  });

  it("lists its modules, reads the ones Mote has no stub for, and asks only once per firmware", async () => {
    const stored: BoardKnowledge[] = [];
    const cache: KnowledgeCache = { get: (b) => stored.find((k) => k.banner === b) ?? null, put: (k) => void stored.push(k) };
    const k = await learnBoard(device, cache);
    expect(k?.banner).toMatch(/^MicroPython v1\.\d+/);
    expect(k?.modules).toEqual(expect.arrayContaining(["js", "sys", "time", "json"]));
    expect(modulesToInspect(k!.modules)).toContain("js");
    expect(modulesToInspect(k!.modules)).not.toContain("time");
    const names = (k!.members["jsffi"] ?? []).map((m) => m.name);
    expect(names).toContain("create_proxy");
    const stubs = stubsFromBoard(k!, modulesToInspect(k!.modules));
    expect(stubs["jsffi.pyi"]).toMatch(/def create_proxy\(\*args: Any, \*\*kwargs: Any\) -> Any: \.\.\./);
    // Same banner: the cache answers, the board is not asked again.
    expect(await learnBoard(device, cache)).toBe(k);
    expect(stored).toHaveLength(1);
  }, 60_000);
});
