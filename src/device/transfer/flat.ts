import { concat, latin1 } from "../bytes";
import { DeviceError, isDeviceError } from "../errors";
import type { FsCaps } from "../fs/types";
import { parsePyBytesRepr, pyBytes, pyStr } from "../pyLiteral";
import type { ExecOptions } from "../api";
import type { RawSession } from "../session";
import { flatName, pyPath, RECEIVER_PREFIX, TEMP_PREFIX, type Progress, type tempPaths } from "./common";

/**
 * Transfers for small, old ports (micro:bit 1.9.2: no sys.stdin, no hashlib, no rename, ~1 KB of source per exec).
 * Data goes in as bytes literals in execs; verification is a length + chunk-weighted sum computed by the board re-reading the
 * file from flash, compared with the host's.
 */

// Keep each exec's source under ~1 KB: the board compiles it in 16 KB of RAM.
const LITERAL_BUDGET = 700;

// Length + chunk-weighted sum (t = t*31 + sum(chunk), 24 bits, 96-byte chunks) of a file as the board re-reads it
// from flash: sum() is a C loop, where a per-byte Python loop (Adler-32) made verifying cost more than sending.
const SUM_FN = `def _ad(n):
 t=0;z=0
 try:f=open(n,'rb')
 except OSError:print('-');return
 while 1:
  c=f.read(96)
  if not c:break
  z+=len(c);t=(t*31+sum(c))&0xffffff
 f.close();print(z,t)
`;

export interface FlatSum {
  size: number;
  sum: number;
}

export function hostSum(data: Uint8Array): FlatSum {
  return { size: data.length, sum: chunkSum(data) };
}

/** Length + chunk-weighted sum of a board file as the board re-reads it, or null when it does not exist. */
export async function boardSum(s: RawSession, caps: FsCaps, path: string): Promise<FlatSum | null> {
  const source = `${SUM_FN}_ad(${pyPath(caps, path)})\ndel _ad`;
  const out = latin1(await execSafe(s, source, { timeoutMs: s.replyMs * 20 })).trim();
  if (out === "-") return null;
  const m = /^(\d+) (\d+)$/.exec(out);
  if (!m) throw new DeviceError("ProtocolError", "The board's checksum is malformed", out);
  return { size: Number(m[1]), sum: Number(m[2]) };
}

/**
 * A byte the UART dropped (QEMU and real micro:bits drop bytes when the board falls behind) can leave source that
 * still compiles but names another file: measured under load, a journal name lost two letters. Every exec that opens,
 * removes or copies files therefore travels as a string literal with its length and sum; the board runs it only when
 * both match, else raises a SyntaxError. A SyntaxError means nothing ran, so the same exec is simply sent again.
 *
 * The literal is deleted afterwards and, unless `scope` is "global", the helper runs in a dict of its own: on a 16 KB
 * heap the previous helper's ~1 KB source or its variables left as globals made the next one fail with MemoryError.
 */
export function guarded(source: string, scope: "own" | "global" = "own"): string {
  let sum = 0;
  for (let i = 0; i < source.length; i++) sum = (sum + source.charCodeAt(i)) % 65521;
  const check = `len(_c)==${source.length} and sum(ord(x) for x in _c)%65521==${sum}`;
  // "\n" rather than pyStr's "\x0a": two characters fewer per line for a heap that holds the literal twice.
  const literal = `'${source.split("\n").map((line) => pyStr(line).slice(1, -1)).join("\\n")}'`;
  const run = scope === "global" ? "exec(_c)" : "exec(_c,{})";
  return `_c=${literal}\ntry:\n if ${check}:${run}\n else:raise SyntaxError('damaged')\nfinally:\n del _c`;
}

/** How a helper travels: guarded in a scope of its own, guarded among the globals, or as plain source (data). */
export type Guard = "own" | "global" | "none";

export async function execSafe(s: RawSession, source: string, options?: ExecOptions, guard: Guard = "own"): Promise<Uint8Array> {
  if (/[^\x00-\x7f]/.test(source)) throw new DeviceError("ProtocolError", "Helper source must be ASCII");
  for (let attempt = 0; ; attempt++) {
    try {
      return await s.exec(guard === "none" ? source : guarded(source, guard), options);
    } catch (e) {
      if (attempt >= 3 || !isDeviceError(e, "RemoteError") || !/^SyntaxError/.test(e.message)) throw e;
    }
  }
}

const sameSum = (a: FlatSum | null, b: FlatSum) => !!a && a.size === b.size && a.sum === b.sum;

/**
 * Write `data` to the temp name with literal execs, then check what the board stored; rewritten (up to three tries)
 * on a mismatch.
 */
export async function writeTemp(
  s: RawSession,
  caps: FsCaps,
  tmp: string,
  data: Uint8Array,
  progress: Progress,
  signal?: AbortSignal,
): Promise<number> {
  const want = hostSum(data);
  for (let attempt = 0; ; attempt++) {
    let wire = 0;
    try {
      await execSafe(s, `import gc\ngc.collect()\nf=open(${pyPath(caps, tmp)},'wb')\nw=f.write`, undefined, "global");
      let at = 0;
      while (at < data.length) {
        if (signal?.aborted) break;
        const lines: string[] = [];
        let budget = LITERAL_BUDGET;
        while (at < data.length && budget > 0) {
          const k = Math.min(48, data.length - at);
          const lit = pyBytes(data.subarray(at, at + k));
          lines.push(`w(${lit})`);
          budget -= lit.length + 4;
          wire += lit.length + 4;
          at += k;
        }
        await execSafe(s, lines.join("\n"), undefined, "none");
        progress.report("sending", at);
      }
    } catch (e) {
      await execSafe(s, "f.close()", undefined, "global").catch(() => {});
      await removeFlat(s, caps, tmp);
      throw e;
    }
    await execSafe(s, "f.close()\ndel f,w", undefined, "global");
    if (signal?.aborted) {
      await removeFlat(s, caps, tmp);
      return wire;
    }
    progress.report("verifying", data.length, true);
    if (sameSum(await boardSum(s, caps, tmp), want)) return wire;
    if (attempt >= 2) {
      await removeFlat(s, caps, tmp);
      throw new DeviceError("ProtocolError", "What the board stored differs from what was sent (tried three times)");
    }
  }
}

export async function removeFlat(s: RawSession, caps: FsCaps, ...paths: string[]): Promise<void> {
  const list = paths.map((p) => pyPath(caps, p)).join(",");
  await execSafe(s, `import os\nfor q in(${list},):\n try:os.remove(q)\n except OSError:pass`).catch(() => {});
}

/**
 * No rename: room for the copy is checked first (see below), then a journal naming the target (complete only with its
 * trailing newline) is written, the old file removed and the verified temp copied over it by the board, in one exec
 * with Ctrl-C off. A cut anywhere after the journal is complete is finished by cleanup (the temp is re-copied); before
 * that the old file was never touched.
 */
export async function commitByCopy(
  s: RawSession,
  caps: FsCaps,
  path: string,
  t: ReturnType<typeof tempPaths>,
  data: Uint8Array,
): Promise<void> {
  const name = flatName(path);
  // Removing the old file frees its size; the copy needs the new size. When it needs more, prove the room exists
  // (write and drop a reserve file) before the old file is touched: a DeviceFull here leaves it intact.
  await execSafe(
    s,
    `import os
try:m=os.size(${pyStr(name)})
except OSError:m=0
k=${data.length + 64}-m
if k>0:
 r=${pyPath(caps, t.old)};b=bytes(64)
 try:
  f=open(r,'wb')
  try:
   while k>0:f.write(b);k-=64
  finally:
   try:f.close()
   except:pass
 except OSError as e:
  try:os.remove(${pyPath(caps, t.tmp)})
  except OSError:pass
  raise e
 finally:
  try:os.remove(r)
  except OSError:pass`,
    // Silent while it writes: filling the last free blocks of a micro:bit's flash takes seconds, not milliseconds.
    { timeoutMs: s.replyMs * 20 },
  );
  await execSafe(
    s,
    `import os,micropython
micropython.kbd_intr(-1)
try:
 f=open(${pyPath(caps, t.journal)},'w');f.write(${pyStr(name + "\n")});f.close()
 try:os.remove(${pyStr(name)})
 except OSError:pass
 s=open(${pyPath(caps, t.tmp)},'rb');f=open(${pyStr(name)},'wb')
 while 1:
  c=s.read(64)
  if not c:break
  f.write(c)
 f.close();s.close();os.remove(${pyPath(caps, t.tmp)});os.remove(${pyPath(caps, t.journal)})
finally:
 micropython.kbd_intr(3)`,
    { timeoutMs: s.replyMs * 20 },
  );
  if (!sameSum(await boardSum(s, caps, path), hostSum(data))) {
    throw new DeviceError("ProtocolError", `The board's copy of ${name} does not match after the final copy`);
  }
}

/**
 * Download as the board's own bytes reprs, one `print(c)` per 96-byte chunk: printing a bytes object is a C loop on
 * the board and text costs about one byte per byte (hex costs two, and a per-byte Python loop). Verification is the
 * length plus a chunk-weighted sum (t = t*31 + sum(chunk), 24 bits), cheap enough for the board to compute as it
 * reads; the host recomputes both from what arrived.
 */
export async function downloadFlat(s: RawSession, caps: FsCaps, path: string, progress: Progress): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let got = 0;
  let pending = "";
  let bad = false;
  await execSafe(
    s,
    `import gc
gc.collect()
def _dl(n):
 t=0;z=0
 try:f=open(n,'rb')
 except OSError:print('-');return
 while 1:
  c=f.read(${DOWNLOAD_CHUNK})
  if not c:break
  z+=len(c);t=(t*31+sum(c))&0xffffff
  print(c)
 f.close();print(z,t)
_dl(${pyPath(caps, path)})
del _dl`,
    {
      timeoutMs: s.replyMs * 5,
      onStdout: (d) => {
        pending += latin1(d);
        const lines = pending.split(/\r?\n/);
        pending = lines.pop() ?? "";
        for (const l of lines) {
          if (!l.startsWith("b")) {
            pending = `${l}\n${pending}`;
            continue;
          }
          const b = parsePyBytesRepr(l);
          if (!b) {
            bad = true;
            continue;
          }
          chunks.push(b);
          got += b.length;
          progress.report("receiving", got);
        }
      },
    },
  );
  const tail = pending.trim();
  if (tail === "-") throw new DeviceError("NotFound", `No such file on the board: ${path}`);
  const m = /^(\d+) (\d+)$/.exec(tail);
  if (!m) throw new DeviceError("ProtocolError", "The board's file listing ended without its checksum", tail.slice(0, 80));
  const data = concat(chunks);
  if (bad || Number(m[1]) !== data.length || Number(m[2]) !== chunkSum(data, DOWNLOAD_CHUNK)) {
    throw new DeviceError("ProtocolError", `The download of ${path} arrived damaged`);
  }
  return data;
}

/** The chunk of SUM_FN and the receiver's check. */
const FLAT_CHUNK = 96;
/** The download prints and sums in chunks this big (256 and 512 measured no faster under QEMU). */
const DOWNLOAD_CHUNK = 96;

/** The board's checksum (SUM_FN, and the download's), recomputed on the host over the same 96-byte chunks. */
export function chunkSum(data: Uint8Array, chunk = FLAT_CHUNK): number {
  let t = 0;
  for (let at = 0; at < data.length; at += chunk) {
    let sum = 0;
    for (let i = at; i < Math.min(at + chunk, data.length); i++) sum += data[i];
    t = (t * 31 + sum) & 0xffffff;
  }
  return t;
}

/**
 * Flat filesystem: finish copy journals (.j) whose temp survived, remove the unfinished new file a `.n` journal names
 * (see uartUpload.ts), then remove every .mote-* file, and every resident upload receiver but `receiver` (older versions).
 */
export async function cleanupFlat(s: RawSession, receiver = ""): Promise<number> {
  const out = latin1(
    await execSafe(
    s,
      `import os,micropython
micropython.kbd_intr(-1)
n=0
try:
 for j in os.listdir():
  if j.startswith(${pyStr(TEMP_PREFIX)}) and j[-2:] in('.j','.n'):
   f=open(j);t=f.read();f.close();m=j[:-2]+'.tmp'
   if t.endswith('\\n') and(j[-1]=='n' or m in os.listdir()):
    t=t[:-1]
    try:os.remove(t)
    except OSError:pass
    if j[-1]=='j':
     s=open(m,'rb');f=open(t,'wb')
     while 1:
      c=s.read(64)
      if not c:break
      f.write(c)
     f.close();s.close()
 for x in os.listdir():
  if x.startswith(${pyStr(TEMP_PREFIX)}) or x.startswith(${pyStr(RECEIVER_PREFIX)}) and x!=${pyStr(receiver)}:
   os.remove(x);n+=1
finally:
 micropython.kbd_intr(3)
print(n)`,
      { timeoutMs: s.replyMs * 20 },
    ),
  ).trim();
  const n = Number(out);
  if (!Number.isInteger(n)) throw new DeviceError("ProtocolError", "Unexpected answer from the cleanup helper", out);
  return n;
}

