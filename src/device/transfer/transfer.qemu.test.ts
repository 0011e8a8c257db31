import { afterAll, beforeAll, expect, it } from "vitest";
import { startQemuMicrobit, type QemuMicrobit } from "../../transports/node/qemuMicrobit";
import { describeQemu } from "../../transports/node/qemuTest";
import { fromUtf8, utf8 } from "../bytes";
import { connectDevice, type Device } from "../device";
import { isDeviceError } from "../errors";
import type { RawSession } from "../session";
import { FaultLink } from "./faultLink";
import { sha256Hex } from "./hash";
import { boardSha256, cleanupTemporaries, download, upload } from "./index";
import { MICROBIT_CAPS as caps, sampleSource, seededBytes } from "./testCaps";
import { list } from "../fs/ops";
import { RECEIVER_PREFIX } from "./common";
import { RECEIVER_FILE, RECEIVER_SOURCE } from "./uartUpload";

// The transfer engine against REAL MicroPython 1.9.2 firmware (BBC micro:bit under QEMU): no sys.stdin, no hashlib,
// no rename, a flat ~30 KB filesystem and 16 KB of RAM.
// The user's files as os.listdir sees them: Mote's resident upload receiver is left out (it has tests of its own).
const namesOn = async (d: Device) =>
  fromUtf8(await d.exec(`import os\nprint(sorted(n for n in os.listdir() if not n.startswith('${RECEIVER_PREFIX}')))`)).trim();

describeQemu("transfer engine on QEMU micro:bit (real firmware)", () => {
  let board: QemuMicrobit;
  let device: Device;
  const session = <T>(body: (s: RawSession) => Promise<T>) => device.session("test", body);
  const names = async () => namesOn(device);

  beforeAll(async () => {
    board = await startQemuMicrobit();
    device = await connectDevice(board.transport);
  }, 30_000);
  afterAll(async () => {
    await device?.disconnect();
    await board?.stop();
  });

  it("round-trips random bytes (every byte value) byte-equal, verified on the board", async () => {
    const data = seededBytes(3000, 11);
    const r = await session((s) => upload(s, caps, "/r.bin", data));
    expect(r).toMatchObject({ skipped: false, compressed: false, sha256: await sha256Hex(data) });
    expect(await session((s) => download(s, caps, "/r.bin"))).toEqual(data);
    expect(await names()).toBe("['r.bin']");
  }, 120_000);

  it("round-trips a text file and skips it when unchanged", async () => {
    const data = sampleSource(4000);
    await session((s) => upload(s, caps, "/main.py", data));
    expect(await session((s) => download(s, caps, "/main.py"))).toEqual(data);
    expect((await session((s) => upload(s, caps, "/main.py", data))).skipped).toBe(true);
    expect(await session((s) => boardSha256(s, caps, "/main.py"))).toBe(await sha256Hex(data));
    expect(await session((s) => boardSha256(s, caps, "/nope.py"))).toBeNull();
  }, 120_000);

  // Board-full cases each get a fresh board and write the old file with the plain writer: measured on this firmware
  // under QEMU, filling the flash AFTER files were deleted (by anything, plain writes included: 1-2 runs in 8) can hang
  // the board, leave a short file without an error, or lose another file. A fresh filesystem fills cleanly.
  // When the emulated board stops answering (a Timeout) or loses the old file while its flash fills - both measured
  // with the plain writer too, no engine code involved - the case runs once more on another fresh board; any other
  // outcome, or the same fault twice, fails the test.
  const onFreshBoard = async (body: (d: Device) => Promise<void>, retryOnHang = true): Promise<void> => {
    const fresh = await startQemuMicrobit();
    const d = await connectDevice(fresh.transport);
    let hung: unknown;
    try {
      await body(d);
    } catch (e) {
      if (!retryOnHang || !(isDeviceError(e, "Timeout") || e instanceof FirmwareFault)) throw e;
      hung = e;
    } finally {
      await d.disconnect();
      await fresh.stop();
    }
    if (hung) {
      console.warn(`QEMU micro:bit stopped answering while its flash filled (${hung}); once more on a fresh board`);
      await onFreshBoard(body, false);
    }
  };
  class FirmwareFault extends Error {}
  /** The old file after a failed upload; its disappearance is thrown as a suspected firmware fault (see above). */
  const oldFileOn = async (d: Device, path: string): Promise<Uint8Array> => {
    const got = await d.session("t", (s) => download(s, caps, path)).catch((e: unknown) => e);
    if (isDeviceError(got, "NotFound")) throw new FirmwareFault(`${path} vanished after the flash filled`);
    if (!(got instanceof Uint8Array)) throw got;
    return got;
  };
  /** The upload's failure; a Timeout is thrown on (see onFreshBoard), anything else returned to be judged. */
  const failureOf = async (p: Promise<unknown>): Promise<unknown> => {
    const e = await p.then(
      () => new Error("the upload succeeded"),
      (err: unknown) => err,
    );
    if (isDeviceError(e, "Timeout")) throw e;
    return e;
  };

  it("board full: a file bigger than the flash gives DeviceFull, the old file intact and no temp left", async () => {
    await onFreshBoard(async (d) => {
      const old = utf8("print('old')\n");
      await d.writeFile("full.py", old);
      const big = seededBytes(40_000, 5);
      expect(await failureOf(d.session("t", (s) => upload(s, caps, "/full.py", big)))).toMatchObject({ code: "DeviceFull" });
      expect(await oldFileOn(d, "/full.py")).toEqual(old);
      expect(await namesOn(d)).toBe("['full.py']");
      // A new file is written in place under a journal: full, it is removed with its journal.
      expect(await failureOf(d.session("t", (s) => upload(s, caps, "/new.bin", big)))).toMatchObject({ code: "DeviceFull" });
      expect(await namesOn(d)).toBe("['full.py']");
    });
  }, 300_000);

  it("board full at the final copy (no rename: the copy needs room for a second file): DeviceFull, old file intact", async () => {
    await onFreshBoard(async (d) => {
      // A fresh filesystem has 15,104 bytes free (measured): 9 KB fits once, not twice.
      const old = utf8("print('small old')\n");
      await d.writeFile("two.py", old);
      const big = seededBytes(9_000, 9);
      expect(await failureOf(d.session("t", (s) => upload(s, caps, "/two.py", big)))).toMatchObject({ code: "DeviceFull" });
      expect(await oldFileOn(d, "/two.py")).toEqual(old);
      expect(await namesOn(d)).toBe("['two.py']");
    });
  }, 300_000);

  it("the upload receiver is installed once, reinstalled when cut short, hidden from listings; cleanup drops old ones", async () => {
    const raw = async () => fromUtf8(await device.exec("import os\nprint(sorted((n,os.size(n)) for n in os.listdir()))")).trim();
    await device.exec(`import os\nfor n in os.listdir():\n if n.startswith('${RECEIVER_PREFIX}'):os.remove(n)`);
    const data = sampleSource(1500);
    await session((s) => upload(s, caps, "/rx.py", data));
    const installed = `('${RECEIVER_FILE}', ${RECEIVER_SOURCE.length})`;
    expect(await raw()).toContain(installed);
    const listed = (await session((s) => list(s, caps))).map((e) => e.name);
    expect(listed).toContain("rx.py");
    expect(listed).not.toContain(RECEIVER_FILE);
    // Cut short (a pulled cable during the install): the size check finds it and the next upload writes it again.
    await device.exec(`f=open('${RECEIVER_FILE}','w');f.write('import os');f.close()`);
    await session((s) => upload(s, caps, "/rx.py", sampleSource(1200)));
    expect(await raw()).toContain(installed);
    expect(await session((s) => download(s, caps, "/rx.py"))).toEqual(sampleSource(1200));
    // An older Mote's receiver goes at the next cleanup; the current one stays.
    await device.exec(`f=open('${RECEIVER_PREFIX}00000000.py','w');f.write('#');f.close()`);
    expect(await session((s) => cleanupTemporaries(s, caps))).toBe(1);
    expect(await raw()).toContain(installed);
    expect(await raw()).not.toContain("00000000");
    await device.exec("import os\nos.remove('rx.py')");
  }, 120_000);

  it("a call whose arguments arrive damaged (check sum off) is refused before anything is written", async () => {
    const part = RECEIVER_SOURCE.indexOf("def _ad(");
    const load = `import gc\ngc.collect()\nf=open('${RECEIVER_FILE}')\nexec(f.read(${part}))\nexec(f.read())\nf.close()\ndel f`;
    // 'dmg.py' + temp + journal names, 5 bytes, window 30, size 5, sum 0, skip 1: one less than the true sum.
    const check = [..."dmg.py.mote-t.tmp.mote-t.n"].reduce((t, c) => t + c.charCodeAt(0), 0) + 5 + 30 + 5 + 0 + 1;
    await expect(
      device.exec(`${load}\ntry:_mr('dmg.py','.mote-t.tmp','.mote-t.n',5,30,5,0,1,${check - 1})\nfinally:del _ad,_mr,_mv,u,micropython`),
    ).rejects.toMatchObject({ code: "RemoteError", message: expect.stringMatching(/^SyntaxError: damaged/) });
    await device.exec("import gc\ngc.collect()");
    expect(fromUtf8(await device.exec("import os\nprint(os.listdir())"))).not.toMatch(/dmg|mote-t/);
  }, 60_000);

  it("cleanup finishes a journalled copy and removes stray temps", async () => {
    await device.exec(
      "f=open('j.py','w');f.write('old');f.close()\nf=open('.mote-b1.tmp','w');f.write('new');f.close()\n" +
        "f=open('.mote-b1.j','w');f.write('j.py\\n');f.close()\nf=open('.mote-b2.tmp','w');f.write('x');f.close()",
    );
    expect(await session((s) => cleanupTemporaries(s, caps))).toBe(3);
    expect(fromUtf8(await session((s) => download(s, caps, "/j.py")))).toBe("new");
    expect(await names()).not.toContain(".mote-");
  }, 60_000);

  it("cleanup removes a new file its .n journal names (cut before it was verified), and only that file", async () => {
    await device.exec(
      "f=open('half.bin','w');f.write('par');f.close()\nf=open('.mote-c1.n','w');f.write('half.bin\\n');f.close()\n" +
        "f=open('keep.py','w');f.write('k');f.close()\nf=open('.mote-c2.n','w');f.write('keep.p');f.close()",
    );
    expect(await session((s) => cleanupTemporaries(s, caps))).toBe(2);
    const left = await names();
    expect(left).not.toContain("half.bin");
    expect(left).toContain("keep.py");
    expect(left).not.toContain(".mote-");
    await device.exec("import os\nos.remove('keep.py')");
  }, 60_000);

  it("cancel mid-upload: a new file leaves nothing, an existing file keeps its old content, no temp either way", async () => {
    const data = seededBytes(5000, 21);
    for (const existing of [false, true]) {
      const old = utf8("old = 1\n");
      if (existing) await session((s) => upload(s, caps, "/c.bin", old));
      const ac = new AbortController();
      const p = session((s) =>
        upload(s, caps, "/c.bin", data, {
          signal: ac.signal,
          onProgress: (e) => e.phase === "sending" && e.done > 1500 && ac.abort(),
        }),
      );
      await expect(p).rejects.toMatchObject({ code: "Interrupted" });
      expect(await names()).not.toContain(".mote-");
      if (existing) expect(await names()).toContain("'c.bin'");
      else expect(await names()).not.toContain("c.bin");
      if (existing) expect(await session((s) => download(s, caps, "/c.bin"))).toEqual(old);
    }
    await device.exec("import os\nos.remove('c.bin')");
  }, 120_000);

  // Link cuts at spread offsets through the whole upload (helper source, data windows, the check): after a replug
  // (connect writes RECEIVER_FLUSH, then cleanup), the file is its old content or its new one (a new file: absent or
  // complete), and no temp is left. The 100-cut run is on the WASM board (transfer.faults.test.ts); these few cover the
  // micro:bit receiver and its in-place path.
  it("link cuts while writing a new file and while replacing one: old or new, never partial, no temp", async () => {
    const fresh = await startQemuMicrobit();
    try {
      const data = seededBytes(2500, 31);
      const want = await sha256Hex(data);
      const old = utf8("old = 2\n");
      const oldSha = await sha256Hex(old);
      const outcomes = new Set<string>();
      const cuts: Array<[number, boolean]> = [
        [300, false], [2000, false], [3500, false], [4500, false], [8000, false],
        [1500, true], [3000, true], [5000, true], [6000, true], [7000, true],
      ];
      for (const [at, existing] of cuts) {
        const setup = await connectDevice(new FaultLink(fresh.transport), { connectTimeoutMs: 10_000 });
        await setup.session("setup", async (s) => {
          await cleanupTemporaries(s, caps);
          await s.exec("import os\ntry:os.remove('cut.bin')\nexcept OSError:pass");
          if (existing) await upload(s, caps, "/cut.bin", old);
        });
        await setup.disconnect();
        const link = new FaultLink(fresh.transport);
        const d = await connectDevice(link, { connectTimeoutMs: 10_000 });
        link.arm(at);
        await d.session("upload", (s) => upload(s, caps, "/cut.bin", data)).catch((e) => {
          if (!link.cut) throw e;
        });
        if (!link.cut) link.pull();
        const after = await connectDevice(new FaultLink(fresh.transport), { connectTimeoutMs: 10_000 });
        const { sha, listing } = await after.session("check", async (s) => {
          await cleanupTemporaries(s, caps);
          const sha = await boardSha256(s, caps, "/cut.bin");
          return { sha, listing: fromUtf8(await s.exec("import os\nprint(sorted(os.listdir()))")).trim() };
        });
        await after.disconnect();
        expect(listing, `cut at ${at}: temporaries left`).not.toContain(".mote-");
        expect(existing ? [oldSha, want] : [null, want], `cut at ${at}: partial file`).toContain(sha);
        outcomes.add(sha === want ? "new" : "old");
      }
      expect([...outcomes].sort()).toEqual(["new", "old"]);
    } finally {
      await fresh.stop();
    }
  }, 300_000);
});
