import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeVirtualBoard } from "../../transports/virtual/node";
import { fromUtf8, utf8 } from "../bytes";
import { connectDevice, type Device } from "../device";
import type { TransferProgress } from "../fs/types";
import type { RawSession } from "../session";
import { boardSha256, cleanupTemporaries, download, upload } from "./index";
import { sha256Hex } from "./hash";
import { sampleSource, seededBytes, WASM_CAPS as caps } from "./testCaps";

// The transfer engine against the REAL MicroPython WebAssembly build (the virtual board in a worker_thread).
describe("transfer engine on the virtual board (real MicroPython WASM)", () => {
  let device: Device;
  const session = <T>(body: (s: RawSession) => Promise<T>) => device.session("test", body);
  const listTemps = async () =>
    fromUtf8(await device.exec("import os\nprint([n for n in os.listdir('/d') if n.startswith('.mote-')])")).trim();

  beforeAll(async () => {
    device = await connectDevice(await createNodeVirtualBoard(), { connectTimeoutMs: 20_000 });
    await device.exec("import os\ntry:os.mkdir('/d')\nexcept OSError:pass");
  }, 60_000);
  afterAll(async () => {
    await device?.disconnect();
  });

  it("round-trips 64 KiB of random bytes uncompressed, byte-equal", async () => {
    const data = seededBytes(65536, 1);
    const events: TransferProgress[] = [];
    const r = await session((s) => upload(s, caps, "/d/rand.bin", data, { onProgress: (p) => events.push(p) }));
    expect(r).toMatchObject({ skipped: false, compressed: false, wireBytes: 65536, sha256: await sha256Hex(data) });
    expect(events.some((e) => e.phase === "sending")).toBe(true);
    expect(events.at(-1)?.phase).toBe("committing");
    const back = await session((s) => download(s, caps, "/d/rand.bin"));
    expect(back).toEqual(data);
    expect(await listTemps()).toBe("[]");
  });

  it("a missing file is NotFound and the same session goes on working", async () => {
    const out = await session(async (s) => {
      await expect(download(s, caps, "/d/missing.bin")).rejects.toMatchObject({ code: "NotFound" });
      return fromUtf8(await s.exec("print(6*7)")).trim();
    });
    expect(out).toBe("42");
  });

  it("carries every byte value, including the REPL's control bytes", async () => {
    const data = new Uint8Array(4096).map((_, i) => i & 0xff);
    await session((s) => upload(s, caps, "/d/all.bin", data));
    expect(await session((s) => download(s, caps, "/d/all.bin"))).toEqual(data);
    // Checked independently of the engine's own download.
    expect(fromUtf8(await device.exec("f=open('/d/all.bin','rb');b=f.read();f.close()\nprint(len(b), all(b[i]==i&255 for i in range(len(b))))")).trim()).toBe("4096 True");
  });

  it("compresses text (fewer bytes on the wire) and the board inflates it exactly", async () => {
    const data = sampleSource(65536);
    const r = await session((s) => upload(s, caps, "/d/src.py", data));
    expect(r.compressed).toBe(true);
    expect(r.wireBytes).toBeLessThan(data.length / 2);
    expect(await session((s) => download(s, caps, "/d/src.py"))).toEqual(data);
    expect(await session((s) => boardSha256(s, caps, "/d/src.py"))).toBe(await sha256Hex(data));
  });

  it("compresses a small text file with a small inflate window and reports download progress", async () => {
    const data = sampleSource(3000);
    const r = await session((s) => upload(s, caps, "/d/small.py", data));
    expect(r.compressed).toBe(true);
    const seen: number[] = [];
    const back = await session((s) => download(s, caps, "/d/small.py", { onProgress: (p) => seen.push(p.done) }));
    expect(back).toEqual(data);
    expect(seen.at(-1)).toBe(data.length);
  });

  it("round-trips an empty file and a small text file", async () => {
    await session((s) => upload(s, caps, "/d/empty", new Uint8Array(0)));
    expect(await session((s) => download(s, caps, "/d/empty"))).toEqual(new Uint8Array(0));
    const text = utf8("héllo\nwörld\r\n\x04\x03 done");
    await session((s) => upload(s, caps, "/d/t.txt", text));
    expect(await session((s) => download(s, caps, "/d/t.txt"))).toEqual(text);
  });

  it("skips identical content unless forced", async () => {
    const data = seededBytes(2000, 7);
    expect((await session((s) => upload(s, caps, "/d/same.bin", data))).skipped).toBe(false);
    expect(await session((s) => upload(s, caps, "/d/same.bin", data))).toMatchObject({ skipped: true, wireBytes: 0 });
    expect((await session((s) => upload(s, caps, "/d/same.bin", data, { force: true }))).skipped).toBe(false);
  });

  it("refuses with Conflict when the board's copy is not the expected one, changing nothing", async () => {
    const old = utf8("board version");
    await session((s) => upload(s, caps, "/d/c.txt", old));
    const stale = await sha256Hex(utf8("what the editor read earlier"));
    await expect(session((s) => upload(s, caps, "/d/c.txt", utf8("mine"), { expectSha256: stale }))).rejects.toMatchObject({
      code: "Conflict",
    });
    await expect(session((s) => upload(s, caps, "/d/c.txt", utf8("mine"), { expectSha256: null }))).rejects.toMatchObject({
      code: "Conflict",
    });
    expect(await session((s) => download(s, caps, "/d/c.txt"))).toEqual(old);
    const oldSha = await sha256Hex(old);
    const ok = await session((s) => upload(s, caps, "/d/c.txt", utf8("mine"), { expectSha256: oldSha }));
    expect(ok.skipped).toBe(false);
    await session((s) => upload(s, caps, "/d/new.txt", utf8("fresh"), { expectSha256: null }));
    expect(await session((s) => boardSha256(s, caps, "/d/missing.txt"))).toBeNull();
  });

  it("cancel mid-transfer leaves the old file and no temp, and the board stays usable", async () => {
    const old = seededBytes(3000, 3);
    await session((s) => upload(s, caps, "/d/cancel.bin", old));
    const ac = new AbortController();
    const data = seededBytes(65536, 4);
    const p = session((s) =>
      upload(s, caps, "/d/cancel.bin", data, {
        signal: ac.signal,
        onProgress: (e) => e.phase === "sending" && e.done > 8000 && ac.abort(),
      }),
    );
    await expect(p).rejects.toMatchObject({ code: "Interrupted", message: expect.stringContaining("unchanged") });
    expect(await session((s) => download(s, caps, "/d/cancel.bin"))).toEqual(old);
    expect(await listTemps()).toBe("[]");
  });

  it("commits through the journal where rename cannot replace (the FAT path)", async () => {
    await session((s) => upload(s, caps, "/d/j.txt", utf8("one")));
    await session((s) => upload(s, caps, "/d/j.txt", utf8("two"), { forceJournal: true }));
    expect(fromUtf8(await session((s) => download(s, caps, "/d/j.txt")))).toBe("two");
    expect(await listTemps()).toBe("[]");
  });

  it("cleanup rolls a journal forward from every intermediate state and removes stray temps", async () => {
    // Each state is what the board holds after a cut between two steps of the journal commit.
    const put = (name: string, body: string) => `f=open('/d/${name}','w');f.write(${JSON.stringify(body)});f.close()`;
    const states = [
      [put("s1", "old"), put(".mote-a1.tmp", "new"), put(".mote-a1.j", "s1")],
      [put(".mote-a2.old", "old"), put(".mote-a2.tmp", "new"), put(".mote-a2.j", "s2")],
      [put(".mote-a3.old", "old"), put("s3", "new"), put(".mote-a3.j", "s3")],
      [put("s4", "new"), put(".mote-a4.j", "s4")],
      [put("s5", "old"), put(".mote-a5.tmp", "partial"), put(".mote-a5.jt", "s")],
    ];
    await device.exec(states.flat().join("\n"));
    expect(await session((s) => cleanupTemporaries(s, caps))).toBeGreaterThanOrEqual(5);
    for (const n of ["s1", "s2", "s3", "s4"]) expect(fromUtf8(await session((s) => download(s, caps, `/d/${n}`)))).toBe("new");
    expect(fromUtf8(await session((s) => download(s, caps, "/d/s5")))).toBe("old");
    expect(await listTemps()).toBe("[]");
  });
});
