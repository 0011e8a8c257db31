import { DeviceError } from "../errors";
import { fromBytes, normalize } from "../paths";
import type { RawSession } from "../session";
import { scoped } from "./common";
import type { FsCaps } from "./types";
import { expectShape, hexField, PY_HEX, PY_OUT, records } from "./reply";

// One exec, small enough for a 16 KB micro:bit, using only what MicroPython 1.9.2 has. Each capability is probed by
// looking the attribute up (never by version numbers): ports differ in what they leave out.
const PROBE = `import os
${PY_OUT}${PY_HEX}def m(n,a):
 try:return 1 if hasattr(__import__(n),a) else 0
 except ImportError:return 0
b='n'
try:
 import sys,micropython
 sys.stdin.buffer;micropython.kbd_intr;b='s'
except Exception:
 if m('microbit','uart') and m('micropython','kbd_intr'):b='u'
c=os.getcwd() if hasattr(os,'getcwd') else '/'
O('c',m('os','mkdir'),m('os','rename'),m('os','statvfs'),m('hashlib','sha256'),m('deflate','DeflateIO'),b,H(c))
E()
`;

const BINARY_IN = { s: "stdin", u: "uart", n: "none" } as const;

/** What the board's firmware can do for files, in one round trip. */
export async function probeCaps(session: RawSession): Promise<FsCaps> {
  const what = "the capability probe";
  const [row] = expectShape(records(await session.exec(scoped(PROBE)), what), 1, ["c"], what);
  const flags = row.slice(1, 6);
  const bin = row[6] as keyof typeof BINARY_IN;
  if (row.length !== 8 || flags.some((f) => f !== "0" && f !== "1") || !(bin in BINARY_IN)) {
    throw new DeviceError("ProtocolError", `The board's answer to ${what} had an unexpected shape`, row.join(" "));
  }
  const cwdBytes = hexField(row[7], what);
  let cwd: string;
  try {
    cwd = cwdBytes.length ? normalize(fromBytes(cwdBytes)) : "/";
  } catch (e) {
    throw new DeviceError("ProtocolError", `The board reported an unusable working folder`, String(e));
  }
  const [dirs, rename, statvfs, sha256, deflate] = flags.map((f) => f === "1");
  return { dirs, rename, statvfs, sha256, deflate, binaryIn: BINARY_IN[bin], cwd, rawPaste: session.info.rawPaste ?? false };
}
