import { fnv1a } from "../../lib/fnv1a";
import { latin1 } from "../bytes";
import { DeviceError, isDeviceError } from "../errors";
import { pyStr } from "../pyLiteral";
import type { RawSession } from "../session";
import { flatName, RECEIVER_PREFIX, type Progress, type tempPaths } from "./common";
import { execSafe, hostSum } from "./flat";
import { RECEIVER_FLUSH } from "./flush";
import { ACK, sendWindows } from "./stdinUpload";

/**
 * micro:bit 1.9.2 firmware buffers 63 received bytes while its code is busy (measured, see qemuMicrobit.ts): two
 * windows of header + 30 bytes in flight fill 62 of them, so the board never drops a byte however long a flash write
 * stalls it, and the link still never waits for a whole round trip per window.
 */
export const UART_PLAN = { window: 30, inFlight: 2 } as const;

/**
 * The board side, for ports with `microbit.uart` but no sys.stdin (micro:bit 1.9.2): the window protocol of
 * stdinUpload.ts, read with uart.read (no memoryview there, so each read is a small new bytes) with Ctrl-C off.
 * - The call's arguments come with their sum C: a byte dropped on the way in (a shorter path, a smaller length) fails
 *   it and nothing is touched. This replaces the guard of flat.ts for the call, whose copy of the source as a string
 *   the 16 KB heap could not spare beside the receiver's compile.
 * - Then, unless forced (K=0), a file whose length + chunk-weighted sum already match is left alone: "SS".
 * - A target that does not exist yet is written in place under a `.n` journal naming it (cleanup removes the file it
 *   names: a new file cut short leaves no file, its "old content"); an existing one is written to the temp and copied
 *   over after (see commitByCopy).
 * - It ends (_mv) with the board re-reading the file from flash and comparing length + sum with the host's: "S" + the
 *   mode ("P" in place, "T" temp) when they match, "S-" (file removed) when not, "SX" after the host aborted.
 */
export const RECEIVER_SOURCE = `import os,micropython
from microbit import uart as u
def _mr(P,T,J,N,W,Z,S,K,C):
 if sum(map(ord,P+T+J))+N+W+Z+S+K!=C:raise SyntaxError('damaged')
 if K and _ad(P)==(Z,S):u.write('SS');return
 try:os.size(P);Q=T
 except OSError:
  Q=P;f=open(J,'w');f.write(P+'\\n');f.close()
 f=open(Q,'wb');e=None
 micropython.kbd_intr(-1)
 try:
  u.write('\\x06')
  while N:
   h=None
   while not h:h=u.read(1)
   if h[0]!=1:break
   k=min(N,W);N-=k
   while k:
    c=u.read(k)
    if c:
     k-=len(c)
     if not k:u.write('\\x15' if e else '\\x06')
     if e is None:
      try:f.write(c)
      except Exception as x:e=x
 finally:
  micropython.kbd_intr(3);f.close()
 return P,J,Q,N,e,Z,S
def _ad(n):
 t=0;z=0
 try:f=open(n,'rb')
 except OSError:return
 while 1:
  c=f.read(96)
  if not c:break
  z+=len(c);t=(t*31+sum(c))&0xffffff
 f.close();return z,t
def _mv(P,J,Q,N,e,Z,S):
 if N or e or _ad(Q)!=(Z,S):
  for q in(Q,J):
   try:os.remove(q)
   except OSError:pass
  if e:raise e
  u.write('S-' if N==0 else 'SX')
 else:
  if Q==P:os.remove(J)
  u.write('SP' if Q==P else 'ST')
`;

/**
 * The receiver lives on the board in a file, installed by the first upload that finds it missing: sending its ~1 KB
 * of source with every upload cost about a quarter of a 6 KiB upload's time under QEMU (the defs alone took 110-140
 * ms of ~500, measured). The name carries a hash of the source, so a newer Mote installs its own version and cleanup
 * removes the old; a missing or cut-short file shows as a size mismatch and is written again. Where the filesystem has
 * no room for it, the receiver travels with the upload as before.
 */
export const RECEIVER_FILE = `${RECEIVER_PREFIX}${fnv1a(RECEIVER_SOURCE)}.py`;

/** The file is compiled in two parts, cut here: the heap cannot hold the parse of the whole source at once. */
const RECEIVER_SPLIT = RECEIVER_SOURCE.indexOf("def _ad(");


/** Sent when the receiver file is missing or damaged: the host installs it and calls again. */
const NEEDS_INSTALL = 0x49; // "I"

async function installReceiver(s: RawSession): Promise<boolean> {
  const name = pyStr(RECEIVER_FILE);
  try {
    // A few hundred characters per exec, each guarded, so what reaches the file is what was meant; a cut install
    // leaves a short file, which the size check catches.
    await execSafe(s, `import gc\ngc.collect()\n_f=open(${name},'w')`, undefined, "global");
    for (let at = 0; at < RECEIVER_SOURCE.length; at += 384) {
      await execSafe(s, `_f.write(${pyStr(RECEIVER_SOURCE.slice(at, at + 384))})`, undefined, "global");
    }
    await execSafe(s, "_f.close()\ndel _f", undefined, "global");
    return true;
  } catch (e) {
    if (!isDeviceError(e, "DeviceFull")) throw e;
    await execSafe(s, `import os\ntry:_f.close()\nexcept:pass\ntry:os.remove(${name})\nexcept OSError:pass`);
    return false;
  }
}

export type UartOutcome = { kind: "done"; inPlace: boolean } | { kind: "skipped" } | { kind: "cancelled" };

/** The code point sum Python's `sum(map(ord, s))` gives. */
const ordSum = (text: string) => [...text].reduce((t, ch) => t + (ch.codePointAt(0) ?? 0), 0);

/**
 * Send `data` to a micro:bit through its uart receiver. In place ("done", inPlace) the file is final; otherwise the
 * verified temp still has to be committed. `skipIfSame` lets the board answer "skipped" when it already holds the
 * data. A damaged source (a dropped byte: SyntaxError, nothing ran) or a stored file that fails the check is sent
 * again, three tries in all.
 */
export async function uartUpload(
  s: RawSession,
  path: string,
  t: ReturnType<typeof tempPaths>,
  data: Uint8Array,
  skipIfSame: boolean,
  progress: Progress,
  signal?: AbortSignal,
): Promise<UartOutcome> {
  const want = hostSum(data);
  const names = [path, t.tmp, t.created].map(flatName);
  const [p, tmp, j] = names.map(pyStr);
  const numbers = [data.length, UART_PLAN.window, want.size, want.sum, skipIfSame ? 1 : 0];
  const check = ordSum(names.join("")) + numbers.reduce((a, b) => a + b, 0);
  // The names the receiver makes go whatever happens: left behind after a failure (a full board), they held enough of
  // the heap that the next upload's compile failed with MemoryError (measured).
  const call = `try:
 r=_mr(${p},${tmp},${j},${numbers.join(",")},${check})
 if r:_mv(*r)
finally:
 for _z in('_ad','_mr','_mv','u','r','micropython','_z'):globals().pop(_z,None)`;
  const file = pyStr(RECEIVER_FILE);
  const fromFile = `import gc,os
gc.collect()
try:_z=os.size(${file})
except OSError:_z=0
if _z==${RECEIVER_SOURCE.length}:
 _f=open(${file})
 try:
  for _z in(${RECEIVER_SPLIT},${RECEIVER_SOURCE.length - RECEIVER_SPLIT}):exec(_f.read(_z))
 finally:
  _f.close();del _f
${call.replace(/^/gm, " ")}
else:
 del _z;print('I',end='')`;
  let installed: boolean | null = null;
  for (let attempt = 0; ; attempt++) {
    let verdict: string;
    try {
      if (installed === false) {
        await s.exec("import gc\ngc.collect()");
        await execSafe(s, RECEIVER_SOURCE, undefined, "global");
      }
      verdict = await s.stream(
        installed === false ? call : fromFile,
        async (io) => {
          // The ready signal, "I" when the receiver has to be installed first, or "SS" when the board already holds
          // this content.
          const ready = (await io.read(1, "the receiver's ready signal", s.replyMs * 20))[0];
          if (ready === NEEDS_INSTALL) return "I";
          if (ready === 0x53) return "S" + latin1(await io.read(1, "the board's check"));
          if (ready === 0x04) await io.ended();
          if (ready !== ACK) throw new DeviceError("ProtocolError", `Unexpected byte 0x${ready.toString(16)} from the receiver`);
          const stopped = await sendWindows(io, data, UART_PLAN, (sent) => progress.report("sending", sent), signal);
          if (!stopped) progress.report("verifying", data.length, true);
          // Re-reading the file from flash is quiet for a while on a slow board.
          const first = await io.read(1, "the board's check", s.replyMs * 20);
          if (first[0] === 0x04) await io.ended();
          return latin1(first) + latin1(await io.read(1, "the board's check"));
        },
        { abortBytes: RECEIVER_FLUSH, endIdleMs: s.replyMs * 3 },
      );
    } catch (e) {
      // SyntaxError: the call (its own check) or a receiver part arrived damaged; nothing was written.
      if (attempt < 2 && isDeviceError(e, "RemoteError") && /^SyntaxError/.test(e.message)) continue;
      throw e;
    }
    if (verdict === "I") {
      if (installed !== null) throw new DeviceError("ProtocolError", "The board's copy of the upload receiver does not load");
      installed = await installReceiver(s);
      attempt--;
      continue;
    }
    if (verdict === "SS") return { kind: "skipped" };
    if (verdict === "SP" || verdict === "ST") return { kind: "done", inPlace: verdict === "SP" };
    if (verdict === "SX") return { kind: "cancelled" };
    if (verdict !== "S-") throw new DeviceError("ProtocolError", "Unexpected answer from the board's receiver", verdict);
    if (attempt >= 2) {
      throw new DeviceError("ProtocolError", "What the board stored differs from what was sent (tried three times)");
    }
  }
}
