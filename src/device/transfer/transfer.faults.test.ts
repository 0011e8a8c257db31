import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeVirtualBoard } from "../../transports/virtual/node";
import { fromUtf8 } from "../bytes";
import { connectDevice, type Device } from "../device";
import type { ByteTransport } from "../transport";
import { FaultLink } from "./faultLink";
import { sha256Hex } from "./hash";
import { boardSha256, cleanupTemporaries, upload } from "./index";
import { sampleSource, seededBytes, WASM_CAPS as caps } from "./testCaps";

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CUTS = 100;
const FILES = ["/f/a.bin", "/f/b.py", "/f/c.bin", "/f/d.txt"];

// 100 link cuts at seeded random byte offsets during uploads to the REAL WASM board, through a fault injector (the
// board keeps running); after each, a replug: connect (which writes RECEIVER_FLUSH) and cleanupTemporaries, as the app
// does. Every file must then be exactly its old or its new content, and no temporary may remain.
describe("transfer engine: random link cuts during writes (fault injector over the WASM board)", () => {
  let board: ByteTransport;
  // NOFLUSH=1 connects without RECEIVER_FLUSH: the run then fails (an orphaned receiver eats the Ctrl-Cs), which
  // shows the flush is what makes reconnecting work.
  const connect = async () => {
    const link = new FaultLink(board);
    return { link, device: await connectDevice(link, { connectTimeoutMs: 10_000, flushReceiver: process.env.NOFLUSH !== "1" }) };
  };

  beforeAll(async () => {
    board = await createNodeVirtualBoard();
  }, 60_000);
  afterAll(async () => {
    await board?.close();
  });

  it(`keeps every file old-or-new and leaves no temp across ${CUTS} cuts`, async () => {
    const rand = mulberry32(20261125);
    const content = (i: number, f: number): Uint8Array => {
      const n = 200 + Math.floor(rand() * 5000);
      return f % 2 ? sampleSource(n + i) : seededBytes(n, i * 31 + f + 1);
    };
    let { device } = await connect();
    const current = new Map<string, string>();
    await device.exec("import os\ntry:os.mkdir('/f')\nexcept OSError:pass");
    for (const [f, path] of FILES.entries()) {
      const data = content(0, f);
      await device.session("seed", (s) => upload(s, caps, path, data));
      current.set(path, await sha256Hex(data));
    }
    await device.disconnect();

    const outcomes = { committed: 0, kept: 0 };
    for (let i = 1; i <= CUTS; i++) {
      const f = Math.floor(rand() * FILES.length);
      const path = FILES[f];
      const data = content(i, f);
      const next = await sha256Hex(data);
      const armed = await connect();
      const link = armed.link;
      device = armed.device;
      // Upload sizes are source (~2.5 KB of helper code) + data: offsets spread over all of it and a little past.
      link.arm(Math.floor(rand() * (data.length + 4000)));
      await device.session("upload", (s) => upload(s, caps, path, data, { force: true })).catch((e) => {
        if (!link.cut) throw e;
      });
      if (!link.cut) link.pull();

      ({ device } = await connect());
      const { found, temps } = await device.session("cleanup and check", async (s) => {
        await cleanupTemporaries(s, caps);
        const out = new Map<string, string | null>();
        for (const p of FILES) out.set(p, await boardSha256(s, caps, p));
        const names = await s.exec("import os\nprint([n for n in os.listdir('/f') if n.startswith('.mote-')])");
        return { found: out, temps: fromUtf8(names).trim() };
      });
      await device.disconnect();

      expect(temps, `cut ${i}: temporaries left`).toBe("[]");
      for (const p of FILES) {
        const want = p === path ? [current.get(p), next] : [current.get(p)];
        expect(want, `cut ${i}: ${p} is neither old nor new`).toContain(found.get(p));
      }
      if (found.get(path) === next && next !== current.get(path)) outcomes.committed++;
      else outcomes.kept++;
      current.set(path, found.get(path) as string);
    }
    // Both outcomes must occur, or the offsets did not cover the transfer.
    expect(outcomes.committed).toBeGreaterThan(5);
    expect(outcomes.kept).toBeGreaterThan(5);
  }, 300_000);
});
