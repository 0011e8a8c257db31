import { fromUtf8 } from "../bytes";
import { DeviceError, isDeviceError } from "../errors";
import { pyStr } from "../pyLiteral";
import type { RawSession } from "../session";
import { flatName, type Progress } from "./common";
import { receiveFramed } from "./download";
import { chunkSum, guarded } from "./flat";

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
      // The guarded source needs ~800 contiguous bytes: collect what earlier helpers (or other connections) left.
      await s.exec("import gc\ngc.collect()");
      return await receive(s, path, progress, signal);
    } catch (e) {
      if (attempt >= 2 || !isDeviceError(e, "RemoteError") || !/^SyntaxError/.test(e.message)) throw e;
    }
  }
}

function receive(s: RawSession, path: string, progress: Progress | ((total: number) => Progress), signal?: AbortSignal) {
  return receiveFramed(s, guarded(senderSource(pyStr(flatName(path)))), path, progress, signal, async (io, data) => {
    const sum = Number(fromUtf8(await io.readUntil(Uint8Array.of(0x0a), "the board's checksum")));
    if (sum !== chunkSum(data, CHUNK)) throw new DeviceError("ProtocolError", `The download of ${path} arrived damaged`);
  });
}
