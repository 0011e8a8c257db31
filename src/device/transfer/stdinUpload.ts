import { concat } from "../bytes";
import { DeviceError } from "../errors";
import type { RawSession, StreamIo } from "../session";
import { HDR_ABORT, HDR_DATA, MAX_WINDOW, RECEIVER_FLUSH } from "./flush";
import type { Progress } from "./common";

export const ACK = 0x06;
const NAK = 0x15;
const EOT = 0x04;

/**
 * The board-side receiver. Runs as ONE exec with Ctrl-C handling off so every byte value reaches it; each window is
 * `header + data`, acknowledged with one byte (NAK after a write error: the receiver keeps reading so no data byte
 * ever reaches the REPL, and raises once the host aborts). When `z` is given the wire carries a zlib stream that is
 * stored there first and inflated into `p` after the link work is done. Ends with "H" + the sha256 of `p` as re-read
 * from flash, or quietly (temp removed) when the host aborted.
 */
function receiverSource(p: string, z: string | null, n: number, w: number): string {
  return `import sys,micropython,os,hashlib,binascii
def _mr(P,Z,N,W):
 b=bytearray(W);m=memoryview(b);r=sys.stdin.buffer;o=sys.stdout;e=None
 f=open(Z or P,'wb')
 micropython.kbd_intr(-1)
 try:
  o.write('\\x06')
  while N:
   g=0
   while not g:g=r.readinto(m[:1])
   if b[0]!=${HDR_DATA}:break
   k=min(N,W);g=0
   while g<k:g+=r.readinto(m[g:k])
   N-=k
   if e is None:
    try:f.write(m[:k])
    except Exception as x:e=x
   o.write('\\x15' if e else '\\x06')
 finally:
  micropython.kbd_intr(3);f.close()
 if N or e:
  for q in(P,Z):
   try:os.remove(q)
   except:pass
  if e:raise e
  return
 if Z:
  import deflate
  s=open(Z,'rb');d=deflate.DeflateIO(s,deflate.ZLIB);f=open(P,'wb')
  try:
   while 1:
    k=d.readinto(b)
    if not k:break
    f.write(m[:k])
  except Exception as x:
   f.close();s.close();os.remove(Z);os.remove(P);raise x
  f.close();s.close();os.remove(Z)
 h=hashlib.sha256();f=open(P,'rb')
 while 1:
  k=f.readinto(b)
  if not k:break
  h.update(m[:k])
 f.close();o.write('H'+binascii.hexlify(h.digest()).decode())
_mr(${p},${z ?? "None"},${n},${w})
del _mr`;
}

/** Window size and how many windows may be unacknowledged, so at most rxBuffer bytes are in flight. */
export function windowPlan(rxBuffer: number | undefined): { window: number; inFlight: number } {
  const buffer = rxBuffer ?? 256;
  const window = Math.max(16, Math.min(MAX_WINDOW, Math.floor(buffer / 2) - 1));
  return { window, inFlight: Math.max(1, Math.floor(buffer / (window + 1))) };
}

export type StreamOutcome = { kind: "done"; sha256: string } | { kind: "cancelled" };

/**
 * Send `wire` to the receiver. Returns the board's sha256 of the stored (inflated) file, or "cancelled" after a
 * clean abort. A write error on the board surfaces from s.stream as RemoteError / DeviceFull.
 */
export async function streamUpload(
  s: RawSession,
  pyTarget: string,
  pyZip: string | null,
  wire: Uint8Array,
  progress: Progress,
  payloadSize: number,
  signal?: AbortSignal,
): Promise<StreamOutcome> {
  const { window, inFlight } = windowPlan(s.rxBuffer);
  const source = receiverSource(pyTarget, pyZip, wire.length, window);
  return s.stream(
    source,
    async (io) => {
      await expectByte(io, ACK, "the receiver's ready signal");
      const stopped = await sendWindows(io, wire, { window, inFlight }, (sent) =>
        progress.report("sending", Math.round((sent / Math.max(wire.length, 1)) * payloadSize)),
      signal);
      if (stopped) return { kind: "cancelled" } as const;
      progress.report("verifying", payloadSize, true);
      // Inflating and re-hashing a large file on a slow board is quiet for a while.
      const h = (await io.read(1, "the board's sha256", s.replyMs * 20))[0];
      if (h === EOT) await io.ended();
      if (h !== 0x48) throw new DeviceError("ProtocolError", `Expected the board's sha256, got byte 0x${h.toString(16)}`);
      const hex = new TextDecoder().decode(await io.read(64, "the board's sha256"));
      return { kind: "done", sha256: hex } as const;
    },
    { abortBytes: RECEIVER_FLUSH, endIdleMs: s.replyMs * 3 },
  );
}

/**
 * The host's half of the window protocol: each window is HDR_DATA + up to `window` bytes, at most `inFlight`
 * unacknowledged. Returns true when it stopped early (cancel, or a NAK for a write error on the board) after sending
 * HDR_ABORT where the next header would go; every window sent is acknowledged before it returns.
 */
export async function sendWindows(
  io: StreamIo,
  wire: Uint8Array,
  plan: { window: number; inFlight: number },
  onSent: (sent: number) => void,
  signal?: AbortSignal,
): Promise<boolean> {
  let unacked = 0;
  let sent = 0;
  let failed = false;
  const takeAck = async () => {
    const a = (await io.read(1, "a window acknowledgement"))[0];
    unacked--;
    if (a === NAK) failed = true;
    else if (a === EOT) await io.ended();
    else if (a !== ACK) throw new DeviceError("ProtocolError", `Unexpected acknowledgement byte 0x${a.toString(16)}`);
  };
  while (sent < wire.length && !failed && !signal?.aborted) {
    while (unacked >= plan.inFlight || (unacked > 0 && io.buffered > 0)) await takeAck();
    if (failed) break;
    const k = Math.min(plan.window, wire.length - sent);
    await io.write(concat([Uint8Array.of(HDR_DATA), wire.subarray(sent, sent + k)]));
    sent += k;
    unacked++;
    onSent(sent);
  }
  const stopped = sent < wire.length;
  // The abort header sits where the next window's header would: the receiver removes its temp and ends.
  if (stopped) await io.write(Uint8Array.of(HDR_ABORT));
  while (unacked > 0) await takeAck();
  return stopped;
}

export async function expectByte(io: StreamIo, value: number, what: string): Promise<void> {
  const b = (await io.read(1, what))[0];
  if (b === value) return;
  if (b === EOT) await io.ended();
  throw new DeviceError("ProtocolError", `Unexpected byte 0x${b.toString(16)} waiting for ${what}`);
}
