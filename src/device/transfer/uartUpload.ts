import { latin1 } from "../bytes";
import { DeviceError, isDeviceError } from "../errors";
import { pyStr } from "../pyLiteral";
import type { RawSession } from "../session";
import { flatName, type Progress, type tempPaths } from "./common";
import { execSafe, guarded, hostSum } from "./flat";
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
 * - First, unless forced (K=0), a file whose length + chunk-weighted sum already match is left alone: "SS".
 * - A target that does not exist yet is written in place under a `.n` journal naming it (cleanup removes the file it
 *   names: a new file cut short leaves no file, its "old content"); an existing one is written to the temp and copied
 *   over after (see commitByCopy).
 * - It ends with the board re-reading the file from flash and comparing length + sum with the host's: "S" + the mode
 *   ("P" in place, "T" temp) when they match, "S-" (file removed) when not, "SX" after the host aborted.
 * Three defs in two execs, then the call: the 16 KB heap, fragmented by earlier work, cannot compile them as one.
 */
export const RECEIVER_DEFS = [
  `import os,micropython
from microbit import uart as u
def _mr(P,T,J,N,W,Z,S,K):
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
 return Q,N,e`,
  `def _ad(n):
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
  u.write('SP' if Q==P else 'ST')`,
];

export type UartOutcome = { kind: "done"; inPlace: boolean } | { kind: "skipped" } | { kind: "cancelled" };

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
  const [p, tmp, j] = [path, t.tmp, t.created].map((x) => pyStr(flatName(x)));
  const sums = `${want.size},${want.sum}`;
  const source = guarded(
    `r=_mr(${p},${tmp},${j},${data.length},${UART_PLAN.window},${sums},${skipIfSame ? 1 : 0})
if r:_mv(${p},${j},r[0],r[1],r[2],${sums})
del _ad,_mr,_mv,u,r`,
    "global",
  );
  for (let attempt = 0; ; attempt++) {
    let verdict: string;
    try {
      await s.exec("import gc\ngc.collect()");
      for (const def of RECEIVER_DEFS) await execSafe(s, def, undefined, "global");
      verdict = await s.stream(
        source,
        async (io) => {
          // The ready signal, or "SS" when the board already holds this content.
          const ready = (await io.read(1, "the receiver's ready signal", s.replyMs * 20))[0];
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
      if (attempt < 2 && isDeviceError(e, "RemoteError") && /^SyntaxError/.test(e.message)) continue;
      throw e;
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
