import { fromUtf8, latin1 } from "../bytes";
import { DeviceError } from "../errors";
import type { FsCaps } from "../fs/types";
import { pyBytes } from "../pyLiteral";
import type { RawSession } from "../session";
import { nameBytes, pyPath, TEMP_PREFIX, tempPaths } from "./common";

/** sha256 of a board file by hashlib, or null when it cannot be opened. */
export async function hashlibSha256(s: RawSession, caps: FsCaps, path: string): Promise<string | null> {
  const out = latin1(
    await s.exec(
      `import hashlib,binascii
try:f=open(${pyPath(caps, path)},'rb')
except OSError:f=None
if f:
 h=hashlib.sha256();b=bytearray(512);m=memoryview(b)
 while 1:
  k=f.readinto(b)
  if not k:break
  h.update(m[:k])
 f.close();print(binascii.hexlify(h.digest()).decode())
else:print('-')
del f`,
      { timeoutMs: s.replyMs * 20 },
    ),
  ).trim();
  if (out === "-") return null;
  if (!/^[0-9a-f]{64}$/.test(out)) throw new DeviceError("ProtocolError", "The board's sha256 is malformed", out);
  return out;
}

export async function removeQuietly(s: RawSession, caps: FsCaps, ...paths: string[]): Promise<void> {
  const list = paths.map((p) => pyPath(caps, p)).join(",");
  await s.exec(`import os\nfor q in(${list},):\n try:os.remove(q)\n except OSError:pass`).catch(() => {});
}

/**
 * Put the verified temp in place. One exec with Ctrl-C off, so the Ctrl-C of a reconnect cannot stop it half way.
 * os.rename replaces the target where the filesystem allows (LittleFS, POSIX); where it refuses (FAT keeps the old
 * file), a journal naming the target is committed first (written as .jt, renamed to .j, so it is whole or absent),
 * then target -> .old, temp -> target, .old removed, journal removed: cleanupTemporaries() finishes any prefix of it.
 */
export async function commitByRename(
  s: RawSession,
  caps: FsCaps,
  path: string,
  t: ReturnType<typeof tempPaths>,
  forceJournal = false,
): Promise<void> {
  const p = (x: string) => pyPath(caps, x);
  await s.exec(
    `import os,micropython
micropython.kbd_intr(-1)
try:
 try:
  if ${forceJournal ? "1" : "0"}:raise OSError(17)
  os.rename(${p(t.tmp)},${p(path)})
 except OSError:
  if os.stat(${p(path)})[0]&0x4000:raise
  f=open(${p(t.journalTmp)},'wb');f.write(${pyBytes(nameBytes(path))});f.close()
  os.rename(${p(t.journalTmp)},${p(t.journal)})
  os.rename(${p(path)},${p(t.old)})
  os.rename(${p(t.tmp)},${p(path)})
  os.remove(${p(t.old)})
  os.remove(${p(t.journal)})
finally:
 micropython.kbd_intr(3)`,
    { timeoutMs: s.replyMs * 5 },
  );
}

/**
 * Walk the whole tree in one exec. A directory with a journal `.mote-ID.j` is rolled forward (the temp it names was
 * verified before the journal existed, so the new content is complete); every other `.mote-*` entry is removed.
 * Prints the number of temporaries handled.
 */
export async function cleanupTree(s: RawSession, hidden: string[]): Promise<number> {
  const skip = hidden.map((h) => pyBytes(new TextEncoder().encode(h))).join(",");
  const out = await s.exec(
    `import os,micropython
def _mc(d,skip):
 n=0;sub=[];js=[];ts=[]
 for e in os.ilistdir(d):
  q=d+(b'' if d.endswith(b'/') else b'/')+e[0]
  if e[1]&0x4000:
   if q not in skip:sub.append(q)
  elif e[0].startswith(${pyBytes(new TextEncoder().encode(TEMP_PREFIX))}):
   (js if e[0].endswith(b'.j') else ts).append(e[0])
 pre=d+(b'' if d.endswith(b'/') else b'/')
 for j in js:
  i=j[:-2];f=open(pre+j,'rb');t=pre+f.read();f.close()
  def ex(x):
   try:os.stat(x);return 1
   except OSError:return 0
  if ex(pre+i+b'.tmp'):
   if ex(t) and not ex(pre+i+b'.old'):os.rename(t,pre+i+b'.old')
   if ex(t):os.remove(t)
   os.rename(pre+i+b'.tmp',t)
  if ex(pre+i+b'.old'):os.remove(pre+i+b'.old')
  os.remove(pre+j);n+=1
 for x in ts:
  try:os.remove(pre+x);n+=1
  except OSError:pass
 for q in sub:n+=_mc(q,skip)
 return n
micropython.kbd_intr(-1)
try:print(_mc(b'/',(${skip}${hidden.length ? "," : ""})))
finally:micropython.kbd_intr(3)
del _mc`,
    { timeoutMs: s.replyMs * 10 },
  );
  const n = Number(fromUtf8(out).trim());
  if (!Number.isInteger(n)) throw new DeviceError("ProtocolError", "Unexpected answer from the cleanup helper", fromUtf8(out));
  return n;
}
