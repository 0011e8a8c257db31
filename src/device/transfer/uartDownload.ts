import { concat, fromUtf8 } from "../bytes";
import { DeviceError, isDeviceError } from "../errors";
import { pyStr } from "../pyLiteral";
import type { RawSession, StreamIo } from "../session";
import { cancelled, flatName, type Progress } from "./common";
import { chunkSum, guarded } from "./flat";

const EOT = 0x04;
const CHUNK = 256;

/**
 * micro:bit 1.9.2 download: "S<size>\n", the file's raw bytes through microbit.uart (length-framed, never scanned for
 * the 0x04 end marker), then "H<sum>\n", the chunk-weighted sum of what it sent; "E\n" when the file cannot be
 * opened. One bytearray is reused for every chunk, so the transfer allocates nothing per chunk on a 16 KB heap (an
 * earlier version that sent f.read() results fragmented the heap over a long session). Raw bytes cost a third of the
 * printed reprs on the wire.
 */
function senderSource(p: string): string {
  return `import os
from microbit import uart as u
def _mb(P):
 try:f=open(P,'rb')
 except OSError:u.write('E\\n');return
 u.write('S%d\\n'%os.size(P))
 b=bytearray(${CHUNK});t=0
 while 1:
  k=f.readinto(b)
  if not k:break
  if k<${CHUNK}:b=b[:k]
  u.write(b);t=(t*31+sum(b))&0xffffff
 f.close();u.write('H%d\\n'%t)
_mb(${p})`;
}

/** A damaged source (a dropped byte: SyntaxError, nothing ran) is sent again, three tries in all. */
export async function uartDownload(
  s: RawSession,
  path: string,
  progress: Progress | ((total: number) => Progress),
  signal?: AbortSignal,
): Promise<Uint8Array> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await receive(s, path, progress, signal);
    } catch (e) {
      if (attempt >= 2 || !isDeviceError(e, "RemoteError") || !/^SyntaxError/.test(e.message)) throw e;
    }
  }
}

async function receive(
  s: RawSession,
  path: string,
  progress: Progress | ((total: number) => Progress),
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const data = await s.stream(guarded(senderSource(pyStr(flatName(path)))), async (io) => {
    const kind = await byte(io, "the size of the file");
    if (kind === 0x45) {
      // Let the helper end normally (the caller may go on in the same session), then report.
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
      const part = await io.read(Math.min(1024, size - got), "file data");
      parts.push(part);
      got += part.length;
      p.report("receiving", got);
    }
    if ((await byte(io, "the board's checksum", s.replyMs * 5)) !== 0x48) {
      throw new DeviceError("ProtocolError", "The download did not end with the board's checksum");
    }
    const sum = Number(fromUtf8(await io.readUntil(Uint8Array.of(0x0a), "the board's checksum")));
    const data = concat(parts);
    p.report("verifying", size, true);
    if (sum !== chunkSum(data, CHUNK)) throw new DeviceError("ProtocolError", `The download of ${path} arrived damaged`);
    return data;
  });
  if (!data) throw new DeviceError("NotFound", `No such file on the board: ${path}`);
  return data;
}

async function byte(io: StreamIo, what: string, idleMs?: number): Promise<number> {
  const b = (await io.read(1, what, idleMs))[0];
  if (b === EOT) await io.ended();
  return b;
}
