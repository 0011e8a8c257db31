import { latin1 } from "../bytes";
import { DeviceError, isDeviceError } from "../errors";
import type { FsCaps } from "../fs/types";
import { toBytes } from "../paths";
import type { RawSession } from "../session";
import type { LinkFileChannel } from "../transport";
import { cancelled, pyPath, TEMP_PREFIX, tempPaths, type Progress } from "./common";
import { sha256Hex } from "./hash";
import { commitByRename, hashlibSha256, removeQuietly } from "./modern";

/**
 * Transfers over a link's own binary file channel (WebREPL put/get) for links whose terminal carries text only.
 * The channel moves bytes; everything else is the engine's as on any link: the data lands in a `.mote-` temp beside
 * the target, its sha256 is re-read from flash through the raw REPL and compared, and only then is it renamed into
 * place (commitByRename, journal where rename cannot replace). Downloads are checked against the board's sha256.
 *
 * A board's WebREPL cannot report an error: a file it cannot open ends the whole connection. So nothing reaches the
 * channel that the raw REPL has not just shown to open (the temp is created empty first; a download's file is
 * hashed first), and names the channel cannot carry (over 63 bytes, not UTF-8) go through a short staging name in the
 * board's working folder, moved or copied on the board.
 */

/** Whether the engine should use the link's channel for this board. */
export function channelFor(s: RawSession, caps: FsCaps): LinkFileChannel | null {
  return s.files && caps.dirs && caps.rename && caps.sha256 ? s.files : null;
}

export async function channelUpload(
  s: RawSession,
  caps: FsCaps,
  channel: LinkFileChannel,
  path: string,
  data: Uint8Array,
  sha256: string,
  progress: Progress,
  o: { signal?: AbortSignal; forceJournal?: boolean },
): Promise<void> {
  const t = tempPaths(path);
  const staged = carried(channel, t.tmp) ? t.tmp : staging(caps, channel, t.id, "tmp");
  try {
    // Opening the temp here turns a missing folder or a read-only filesystem into a typed error, not a lost link.
    await s.exec(`f=open(${pyPath(caps, staged)},'wb')\nf.close()\ndel f`);
    await channel.put(toBytes(staged), data, { signal: o.signal, onProgress: (n) => progress.report("sending", n) });
    progress.report("verifying", data.length, true);
    if (staged !== t.tmp) await moveOnBoard(s, caps, staged, t.tmp);
    const stored = await hashlibSha256(s, caps, t.tmp);
    if (stored !== sha256) {
      throw new DeviceError("ProtocolError", `What the board stored for ${path} differs from what was sent (sha256)`);
    }
    if (o.signal?.aborted) throw cancelled();
  } catch (e) {
    if (!isDeviceError(e, "Disconnected")) await removeQuietly(s, caps, staged, t.tmp);
    throw e;
  }
  progress.report("committing", data.length, true);
  await commitByRename(s, caps, path, t, o.forceJournal);
}

export async function channelDownload(
  s: RawSession,
  caps: FsCaps,
  channel: LinkFileChannel,
  path: string,
  progress: (total: number) => Progress,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const direct = carried(channel, path);
  const src = direct ? path : staging(caps, channel, tempPaths(path).id, "get");
  try {
    const out = latin1(await s.exec(hashAndCopy(pyPath(caps, path), direct ? "None" : pyPath(caps, src)), { timeoutMs: s.replyMs * 20 })).trim();
    if (out === "E") throw new DeviceError("NotFound", `No such file on the board: ${path}`);
    const m = /^S (\d+) ([0-9a-f]{64})$/.exec(out);
    if (!m) throw new DeviceError("ProtocolError", "The board's size and sha256 are malformed", out);
    const size = Number(m[1]);
    const p = progress(size);
    const data = await channel.get(toBytes(src), { signal, onProgress: (n) => p.report("receiving", n) });
    p.report("verifying", data.length, true);
    if (data.length !== size || (await sha256Hex(data)) !== m[2]) {
      throw new DeviceError("ProtocolError", `The download of ${path} arrived damaged (sha256 differs)`);
    }
    return data;
  } finally {
    if (!direct) await removeQuietly(s, caps, src);
  }
}

function carried(channel: LinkFileChannel, path: string): boolean {
  return channel.nameProblem(toBytes(path)) === null;
}

/** A short name in the board's working folder for a file whose own name the channel cannot carry. */
function staging(caps: FsCaps, channel: LinkFileChannel, id: string, kind: string): string {
  const name = `${caps.cwd === "/" ? "" : caps.cwd}/${TEMP_PREFIX}${id}.${kind}`;
  if (!carried(channel, name)) {
    throw new DeviceError("Unsupported", `The board's working folder ${caps.cwd} has too long a name for WebREPL file transfer`);
  }
  return name;
}

/** Rename on the board, or copy and remove where rename cannot cross between filesystems. */
async function moveOnBoard(s: RawSession, caps: FsCaps, from: string, to: string): Promise<void> {
  await s.exec(
    `import os
S=${pyPath(caps, from)};T=${pyPath(caps, to)}
try:os.rename(S,T)
except OSError:
 f=open(S,'rb');g=open(T,'wb');b=bytearray(512);m=memoryview(b)
 while 1:
  k=f.readinto(b)
  if not k:break
  g.write(m[:k])
 f.close();g.close();os.remove(S)
del S,T`,
    { timeoutMs: s.replyMs * 20 },
  );
}

/** Prints "S <size> <sha256>" of P (copying it to C on the way when C is not None), or "E" when P is no file. */
function hashAndCopy(p: string, c: string): string {
  return `import os,hashlib,binascii
def _mh(P,C):
 try:
  if os.stat(P)[0]&0x4000:print('E');return
  f=open(P,'rb')
 except OSError:print('E');return
 g=open(C,'wb') if C else None
 h=hashlib.sha256();b=bytearray(512);m=memoryview(b);n=0
 try:
  while 1:
   k=f.readinto(b)
   if not k:break
   h.update(m[:k]);n+=k
   if g:g.write(m[:k])
 finally:
  f.close()
  if g:g.close()
 print('S',n,binascii.hexlify(h.digest()).decode())
_mh(${p},${c})
del _mh`;
}
