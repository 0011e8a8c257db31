import { DeviceError } from "../errors";
import { displayName, isWithin } from "../paths";
import type { RawSession } from "../session";
import { checkedPath, flatName, guardChange, notFound, PY_CHECKED, PY_FS, resolve, scoped, unsupported } from "./common";
import { expectShape, PY_OUT, records } from "./reply";
import type { FsCaps } from "./types";

/**
 * Changing the board's tree: mkdir, remove, rename. Each checks on the board, in the same exec, that the change is
 * the one the user asked for (the target is missing, the parent exists, the kinds match) before doing it, and answers
 * with one status record; the host turns a refusal into a typed error with words for a person.
 */

// Every path a change names is checked on arrival before anything is touched (see PY_CHECKED).
const lit = checkedPath;
const PRELUDE = PY_FS + PY_CHECKED;
const parentOf = (p: string) => p.slice(0, p.lastIndexOf("/")) || "/";

function status(session: RawSession, source: string, what: string, tags: readonly string[]): Promise<string> {
  return session.exec(scoped(source)).then((out) => {
    const [r] = expectShape(records(out, what), 1, tags, what);
    if (r.length !== 1) throw new DeviceError("ProtocolError", `The board's answer to ${what} had a bad record`);
    return r[0];
  });
}

// With `parents`, every missing folder on the way is made (mkdir -p); a file in the way stops it.
const MKDIR = (chain: string[], parents: boolean, parentDir: string) => `${PRELUDE}r='k'
A=(${chain.map((p) => `${lit(p)},`).join("")})
if ${parents ? 0 : 1} and K(${lit(parentDir)})!=2:r='p'
else:
 for p in A:
  k=K(p)
  if k==1 or (k and not ${parents ? 1 : 0}):r='e';break
  if not k:os.mkdir(p)
O(r)
E()
`;

/** Make the folder `path`; with `parents`, also its missing ancestors, and an existing folder is fine. */
export async function mkdir(session: RawSession, caps: FsCaps, path: string, options: { parents?: boolean } = {}): Promise<void> {
  const p = resolve(caps, path);
  if (!caps.dirs) throw unsupported(`Making the folder "${displayName(p)}"`);
  if (p === "/") {
    if (options.parents) return;
    throw new DeviceError("Conflict", `The folder "/" already exists`);
  }
  guardChange(session, { ...caps, cwd: "/" }, p, "create");
  const parts = p.split("/").slice(1);
  const chain = options.parents ? parts.map((_, i) => `/${parts.slice(0, i + 1).join("/")}`) : [p];
  const what = `making the folder "${displayName(p)}"`;
  const r = await status(session, MKDIR(chain, !!options.parents, parentOf(p)), what, ["k", "p", "e"]);
  if (r === "p") throw notFound(parentOf(p), "folder");
  if (r === "e") throw new DeviceError("Conflict", options.parents ? `A file is in the way of the folder "${displayName(p)}"` : `"${displayName(p)}" already exists`);
}

// The recursive delete walks on the board in this one exec, printing a record per entry removed (which also keeps the
// link from idling out on a big tree). It never follows a link into another folder: only ilistdir's own type says
// "folder" here, and stat is asked only when the type is unknown.
const REMOVE = (path: string, recursive: boolean) => `${PRELUDE}P=${lit(path)}
def T(q,t):return t==0x4000 or (not t and K(q)==2)
def D(p):
 for e in [(x[0],x[1]) for x in L(p)]:
  q=J(p,e[0])
  if T(q,e[1]):D(q)
  else:os.remove(q);O('r')
 os.rmdir(p);O('r')
k=K(P)
if not k:O('-')
elif k==1:os.remove(P);O('r')
elif ${recursive ? 1 : 0}:D(P)
elif [x for x in L(P)]:O('n')
else:os.rmdir(P);O('r')
E()
`;

const FLAT_REMOVE = (name: string) => `import os
${PY_OUT}${PY_CHECKED}N=${lit(name)}
r='-'
if N in [bytes(x,'utf-8') for x in os.listdir()]:os.remove(N);r='r'
O(r)
E()
`;

/** Delete `path`; a folder only when empty, or with everything in it when `recursive`. */
export async function remove(session: RawSession, caps: FsCaps, path: string, options: { recursive?: boolean } = {}): Promise<void> {
  const p = resolve(caps, path, true);
  guardChange(session, caps, p, "delete");
  const what = `deleting "${displayName(p)}"`;
  if (!caps.dirs) {
    const r = await status(session, FLAT_REMOVE(flatName(p)), what, ["r", "-"]);
    if (r === "-") throw notFound(p);
    return;
  }
  const rows = records(await session.exec(scoped(REMOVE(p, !!options.recursive)), { timeoutMs: session.replyMs * 10 }), what);
  if (rows.length === 1 && rows[0][0] === "-") throw notFound(p);
  if (rows.length === 1 && rows[0][0] === "n") {
    throw new DeviceError("Conflict", `The folder "${displayName(p)}" is not empty; delete it with everything in it to go on`);
  }
  if (!rows.length || rows.some((r) => r.length !== 1 || r[0] !== "r")) {
    throw new DeviceError("ProtocolError", `The board's answer to ${what} had an unexpected shape`);
  }
}

// Checked on the board right before the rename: the source exists, the destination's folder exists, and the
// destination is free (or, with overwrite, holds the same kind).
const RENAME = (from: string, to: string, overwrite: boolean) => `${PRELUDE}A=${lit(from)}
Z=${lit(to)}
k=K(A);t=K(Z)
if not k:r='-'
elif K(${lit(parentOf(to))})!=2:r='p'
elif t and not ${overwrite ? 1 : 0}:r='e'
elif t and t!=k:r='k'
else:os.rename(A,Z);r='r'
O(r)
E()
`;

/**
 * Move `from` to `to` (both may be relative to the board's cwd). An existing destination is refused with Conflict
 * unless `overwrite` (then a file replaces a file in one step, as the transfer engine's commit needs).
 */
export async function rename(session: RawSession, caps: FsCaps, from: string, to: string, options: { overwrite?: boolean } = {}): Promise<void> {
  const a = resolve(caps, from, true);
  const z = resolve(caps, to);
  if (!caps.rename) {
    throw unsupported(`Renaming "${displayName(a)}"`, caps.dirs ? "its firmware has no os.rename" : undefined);
  }
  if (!caps.dirs && (a.lastIndexOf("/") > 0 || z.lastIndexOf("/") > 0)) throw unsupported("A path with folders");
  guardChange(session, caps, a, "move");
  guardChange(session, caps, z, "replace");
  if (a === z) {
    if (!(await status(session, `${PRELUDE}O('y' if K(${lit(a)}) else '-')\nE()\n`, `finding "${displayName(a)}"`, ["y", "-"]).then((r) => r === "y"))) {
      throw notFound(a);
    }
    return;
  }
  if (isWithin(z, a)) throw new DeviceError("Unsupported", `"${displayName(a)}" cannot be moved into itself ("${displayName(z)}")`);
  const what = `renaming "${displayName(a)}" to "${displayName(z)}"`;
  const r = await status(session, RENAME(a, z, !!options.overwrite), what, ["r", "-", "p", "e", "k"]);
  if (r === "-") throw notFound(a);
  if (r === "p") throw notFound(parentOf(z), "folder");
  if (r === "e") throw new DeviceError("Conflict", `"${displayName(z)}" already exists; nothing was renamed`);
  if (r === "k") throw new DeviceError("Conflict", `"${displayName(z)}" is of another kind (file or folder) than "${displayName(a)}"; nothing was renamed`);
}
