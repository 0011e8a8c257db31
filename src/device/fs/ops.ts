import { DeviceError } from "../errors";
import { displayName, fromBytes, isWithin, normalize, toBytes } from "../paths";
import { pyBytes } from "../pyLiteral";
import type { RawSession } from "../session";
import { flatName, hidden, isHidden, notFound, PY_FS, pyName, resolve, scoped, unsupported } from "./common";
import { RECEIVER_PREFIX } from "../transfer/common";
import { expectShape, hexField, num, PY_HEX, PY_OUT, records } from "./reply";
import type { BoardEntry, FsCaps, FsUsage } from "./types";

export { mkdir, remove, rename } from "./mutate";

/**
 * Reading the board's tree: list, stat, usage. Each is one exec of helper code that prints ASCII records (names as
 * hex of their bytes), checked by reply.records, so a hostile name or a garbled reply can never be read as data.
 */

// Walks with an explicit stack (deep trees must not exhaust a small board's C stack) and never descends into hidden
// folders. Type 0 from ilistdir means "unknown" (and listdir gives no type): then stat decides.
const LIST = (dir: string, recursive: boolean, hiddenPaths: string[]) => `${PY_FS}${PY_HEX}X=(${hiddenPaths.map((h) => `${pyBytes(toBytes(h))},`).join("")})
D=${pyBytes(toBytes(dir))}
k=K(D)
if k!=2:O('x',k)
T=[D] if k==2 else []
while T:
 p=T.pop()
 for e in L(p):
  q=J(p,e[0])
  if q in X:continue
  t=e[1]
  if not t:
   try:s=os.stat(q);t=s[0]&0xf000
   except OSError:t=0x8000
  if t==0x4000:z=0
  elif len(e)>3 and e[3]>=0:z=e[3]
  else:
   try:z=os.stat(q)[6]
   except OSError:z=0
  O(t==0x4000 and 'd' or 'f',z,H(q))
  if t==0x4000 and ${recursive ? 1 : 0}:T.append(q)
E()
`;

const FLAT_LIST = `import os
${PY_OUT}${PY_HEX}for x in os.listdir():O('f',os.size(x),H(x))
E()
`;

/**
 * Entries of `dir` (default: the board's cwd); with `recursive`, the whole tree below it. Sorted so that parents come
 * before their children and siblings by name. Hidden system folders are left out.
 */
export async function list(session: RawSession, caps: FsCaps, dir = caps.cwd, options: { recursive?: boolean } = {}): Promise<BoardEntry[]> {
  const base = resolve(caps, dir, true);
  const what = `the listing of "${displayName(base)}"`;
  const hiddenPaths = hidden(session);
  let entries: BoardEntry[];
  if (!caps.dirs) {
    if (base !== "/") throw unsupported(`Listing the folder "${displayName(base)}"`);
    entries = records(await session.exec(scoped(FLAT_LIST)), what).map((r) => {
      expectShape([r], 1, ["f"], what);
      const name = fromBytes(hexField(r[2], what));
      return { path: `/${name}`, name, kind: "file" as const, size: num(r[1], what) };
    });
    // Mote's resident upload receiver (transfer/uartUpload.ts) is Mote's, not the user's: it is not listed.
    entries = entries.filter((e) => !(e.name.startsWith(RECEIVER_PREFIX) && e.name.endsWith(".py")));
    if (entries.some((e) => e.path.length < 2)) throw new DeviceError("ProtocolError", `The board's answer to ${what} held an empty name`);
  } else {
    const rows = records(await session.exec(scoped(LIST(base, !!options.recursive, hiddenPaths))), what);
    if (rows.length === 1 && rows[0][0] === "x") {
      if (rows[0][1] === "1") throw new DeviceError("Unsupported", `"${displayName(base)}" is a file, not a folder`);
      throw notFound(base, "folder");
    }
    entries = rows.map((r) => {
      if (r.length !== 3 || (r[0] !== "d" && r[0] !== "f")) throw new DeviceError("ProtocolError", `The board's answer to ${what} had a bad record`);
      const path = checkedPath(fromBytes(hexField(r[2], what)), base, what);
      const name = path.slice(path.lastIndexOf("/") + 1);
      return { path, name, kind: r[0] === "d" ? ("dir" as const) : ("file" as const), size: num(r[1], what) };
    });
  }
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.path)) throw new DeviceError("ProtocolError", `The board's answer to ${what} listed "${displayName(e.path)}" twice`);
    seen.add(e.path);
  }
  return entries.filter((e) => !isHidden(e.path, hiddenPaths)).sort(treeOrder);
}

/** A path the board reported must lie strictly below the folder we asked about, and be a clean path. */
function checkedPath(path: string, base: string, what: string): string {
  let clean: string;
  try {
    clean = normalize(path, "/", { existing: true });
  } catch {
    clean = "";
  }
  if (clean !== path || path === base || !isWithin(path, base)) {
    throw new DeviceError("ProtocolError", `The board's answer to ${what} named a path outside it: "${displayName(path)}"`);
  }
  return path;
}

function treeOrder(a: BoardEntry, b: BoardEntry): number {
  const x = a.path.split("/");
  const y = b.path.split("/");
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return x.length - y.length;
}

// On an OSError the parent's listing decides whether the path is missing (never an errno number or text: the WASM
// port's ENOENT is 44 and prints no name). Anything else is re-raised as the board's own error.
const STAT = (path: string, parentDir: string) => `${PY_FS}P=${pyBytes(toBytes(path))}
try:
 s=os.stat(P);r='d 0' if s[0]&0x4000 else 'f %d'%s[6]
except OSError:
 try:l=[B(x) for x in os.listdir(${pyBytes(toBytes(parentDir))})]
 except OSError:l=()
 if P.split(b'/')[-1] in l:raise
 r='-'
O(r)
E()
`;

const FLAT_STAT = (name: string) => `import os
${PY_OUT}N=${pyName(name)}
O('f %d'%os.size(N) if N in [bytes(x,'utf-8') for x in os.listdir()] else '-')
E()
`;

/** The entry at `path`, or null when nothing is there. */
export async function stat(session: RawSession, caps: FsCaps, path: string): Promise<BoardEntry | null> {
  const p = resolve(caps, path, true);
  const what = `the details of "${displayName(p)}"`;
  const name = p.slice(p.lastIndexOf("/") + 1);
  if (p === "/") return { path: "/", name: "", kind: "dir", size: 0 };
  if (isHidden(p, hidden(session))) return null;
  if (!caps.dirs) {
    const [r] = expectShape(records(await session.exec(scoped(FLAT_STAT(flatName(p)))), what), 1, ["f", "-"], what);
    return r[0] === "-" ? null : { path: p, name: flatName(p), kind: "file", size: num(r[1], what) };
  }
  const parentDir = p.slice(0, p.lastIndexOf("/")) || "/";
  const [r] = expectShape(records(await session.exec(scoped(STAT(p, parentDir))), what), 1, ["d", "f", "-"], what);
  if (r[0] === "-") {
    if (r.length !== 1) throw new DeviceError("ProtocolError", `The board's answer to ${what} had a bad record`);
    return null;
  }
  if (r.length !== 2) throw new DeviceError("ProtocolError", `The board's answer to ${what} had a bad record`);
  const size = num(r[1], what);
  return { path: p, name, kind: r[0] === "d" ? "dir" : "file", size: r[0] === "d" ? 0 : size };
}

const USAGE = (dir: string) => `import os
${PY_OUT}s=os.statvfs(${pyBytes(toBytes(dir))})
O('u',s[0]*s[2],s[0]*s[4])
E()
`;

/** Total and free bytes of the filesystem holding the board's cwd; null where the firmware cannot tell. */
export async function usage(session: RawSession, caps: FsCaps): Promise<FsUsage | null> {
  if (!caps.statvfs || session.inventedStatvfs) return null;
  const what = "the storage usage";
  const [r] = expectShape(records(await session.exec(scoped(USAGE(caps.cwd))), what), 1, ["u"], what);
  if (r.length !== 3) throw new DeviceError("ProtocolError", `The board's answer to ${what} had a bad record`);
  const totalBytes = num(r[1], what);
  const freeBytes = num(r[2], what);
  if (freeBytes > totalBytes) throw new DeviceError("ProtocolError", `The board reported more free space than it has`);
  return { totalBytes, freeBytes };
}
