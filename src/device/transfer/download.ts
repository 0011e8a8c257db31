import { concat, fromUtf8 } from "../bytes";
import { DeviceError } from "../errors";
import type { FsCaps } from "../fs/types";
import type { RawSession, StreamIo } from "../session";
import { cancelled, pyPath, type Progress } from "./common";
import { sha256Hex } from "./hash";

const EOT = 0x04;
const CHUNK = 4096;

/**
 * One exec: "S<size>\n", exactly <size> raw bytes on sys.stdout.buffer (length-framed: binary data is never scanned
 * for the 0x04 end marker), then "H" + the sha256 the board computed over the bytes it sent. "E\n" when the file cannot
 * be opened.
 */
function senderSource(p: string): string {
  return `import sys,hashlib,binascii
def _ms(P):
 o=sys.stdout
 try:f=open(P,'rb')
 except OSError:o.write('E\\n');return
 n=f.seek(0,2);f.seek(0);o.write('S%d\\n'%n)
 h=hashlib.sha256();b=bytearray(1024);m=memoryview(b);w=o.buffer.write
 while 1:
  k=f.readinto(b)
  if not k:break
  w(m[:k]);h.update(m[:k])
 f.close();o.write('H'+binascii.hexlify(h.digest()).decode())
_ms(${p})
del _ms`;
}

export function streamDownload(
  s: RawSession,
  caps: FsCaps,
  path: string,
  progress: Progress | ((total: number) => Progress),
  signal?: AbortSignal,
): Promise<Uint8Array> {
  return receiveFramed(s, senderSource(pyPath(caps, path)), path, progress, signal, async (io, data) => {
    const boardHash = fromUtf8(await io.read(64, "the board's sha256"));
    if ((await sha256Hex(data)) !== boardHash) {
      throw new DeviceError("ProtocolError", `The download of ${path} arrived damaged (sha256 differs)`);
    }
  });
}

/**
 * The framing every download sender uses: "S<size>\n", exactly <size> raw bytes, "H" + a check that `verify` reads and
 * compares; "E\n" when the file cannot be opened (NotFound, after the helper ended normally so the session goes on).
 */
export async function receiveFramed(
  s: RawSession,
  source: string,
  path: string,
  progress: Progress | ((total: number) => Progress),
  signal: AbortSignal | undefined,
  verify: (io: StreamIo, data: Uint8Array) => Promise<void>,
): Promise<Uint8Array> {
  const data = await s.stream(source, async (io) => {
    const kind = await byte(io, "the size of the file");
    if (kind === 0x45) {
      await io.readUntil(Uint8Array.of(0x0a), "the end of the reply");
      return null;
    }
    if (kind !== 0x53) throw new DeviceError("ProtocolError", `Unexpected reply 0x${kind.toString(16)} to a download`);
    const size = Number(fromUtf8(await io.readUntil(Uint8Array.of(0x0a), "the size of the file")));
    if (!Number.isInteger(size) || size < 0) throw new DeviceError("ProtocolError", "The board sent a malformed size");
    const p = typeof progress === "function" ? progress(size) : progress;
    const parts: Uint8Array[] = [];
    for (let got = 0; got < size; ) {
      // Cancelling mid-stream: the Device's recovery interrupts the sender; nothing on the board changed.
      if (signal?.aborted) throw cancelled();
      const part = await io.read(Math.min(CHUNK, size - got), "file data");
      parts.push(part);
      got += part.length;
      p.report("receiving", got);
    }
    if ((await byte(io, "the board's check", s.replyMs * 5)) !== 0x48) {
      throw new DeviceError("ProtocolError", "The download did not end with the board's check");
    }
    const whole = concat(parts);
    p.report("verifying", size, true);
    await verify(io, whole);
    return whole;
  });
  if (!data) throw new DeviceError("NotFound", `No such file on the board: ${path}`);
  return data;
}

async function byte(io: StreamIo, what: string, idleMs?: number): Promise<number> {
  const b = (await io.read(1, what, idleMs))[0];
  if (b === EOT) await io.ended();
  return b;
}
