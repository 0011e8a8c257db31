import { fromUtf8, latin1, toHex } from "../../src/device/bytes";
import { isDeviceError } from "../../src/device/errors";
import { pyBytes, pyStr } from "../../src/device/pyLiteral";
import type { RawSession } from "../../src/device/session";
import { parseBytesRepr, pyBytesRepr } from "./pyRepr";

/**
 * The transfer schemes the bench compares. The two baselines re-create, in our own TypeScript, the wire traffic of
 * other tools' file copy, using the Mote core only as a raw-REPL exec channel (one `s.exec` per exec the tool does,
 * staying in the raw REPL across them as the tools do). What the Mote core cannot reproduce is said where it matters.
 */
export interface Scheme {
  name: string;
  upload(s: RawSession, path: string, data: Uint8Array, run: RunLog): Promise<void>;
  download(s: RawSession, path: string, run: RunLog): Promise<Uint8Array>;
}

export interface RunLog {
  /** A remark for the results (a step the real tool would fail at, compression used...). */
  note(msg: string): void;
  /** Time the real tool would spend on top of what was measured here (see the ViperIDE scheme). */
  addModelMs?(ms: number): void;
}

const isRemote = (e: unknown, text: RegExp) => isDeviceError(e, "RemoteError") && text.test(e.message);

/**
 * mpremote `fs cp`, as read in micropython/micropython tools/mpremote/mpremote (commit 1c3c2011, Aug 2026):
 * - commands.py do_filesystem_cp: `fs cp` passes check_hash = not --force, so an upload first asks whether the
 *   destination exists (transport.py fs_exists -> fs_stat: exec "import os", eval "tuple(os.stat(p))") and whether it
 *   is a directory, then fs_hashfile(dest, "sha256"): exec "import hashlib\nh = hashlib.sha256()", exec a 256-byte
 *   readinto loop, eval "h.digest()"; an OSError (no such file) means "copy". It does not read back after writing.
 * - transport.py fs_writefile: exec "f=open(p,'wb')\nw=f.write", one exec "w(" + repr(chunk) + ")" per 256 bytes,
 *   exec "f.close()".
 * - transport.py fs_readfile (with the progress bar `cp` shows, so fs_stat first for the size): exec
 *   "f=open(p,'rb')\nr=f.read", then eval "r(256)" until it returns b'', exec "f.close()". transport_serial.py eval
 *   runs "print(repr(<expr>))" and ast.literal_eval()s the output.
 * - transport_serial.py exec_raw_no_follow: raw-paste when the board has it, else 256 bytes every 10 ms. The Mote core
 *   does the same raw-paste, and on micro:bit its own pacing (32 B / 2 ms) instead of 256 B / 10 ms.
 */
export const mpremoteScheme: Scheme = {
  name: "mpremote",
  async upload(s, path, data, { note }) {
    const p = pyStr(path);
    const evalRepr = async (expr: string) => latin1(await s.exec(`print(repr(${expr}))`)).trim();
    // fs_exists: an OSError means absent. micro:bit 1.9.2 has no os.stat: real mpremote stops there with that error.
    await s.exec("import os");
    let exists = false;
    try {
      await evalRepr(`tuple(os.stat(${p}))`);
      exists = true;
    } catch (e) {
      if (isRemote(e, /AttributeError/)) note("no os.stat: real mpremote's fs_exists fails here; bench went on");
      else if (!isRemote(e, /OSError/)) throw e;
    }
    if (exists) {
      await s.exec("import os");
      await evalRepr(`tuple(os.stat(${p}))`); // fs_isdir
    }
    // fs_hashfile: without hashlib mpremote reads the whole file back and hashes on the host.
    let hashlib = true;
    try {
      await s.exec("import hashlib\nh = hashlib.sha256()");
    } catch (e) {
      if (!isDeviceError(e, "RemoteError")) throw e;
      hashlib = false;
    }
    try {
      if (hashlib) {
        await s.exec(
          `buf = memoryview(bytearray(256))\nwith open(${p}, 'rb') as f:\n while True:\n  n = f.readinto(buf)\n  if n == 0:\n   break\n  h.update(buf if n == 256 else buf[:n])\n`,
        );
        await evalRepr("h.digest()");
        note("target existed: hash compared");
      } else {
        await readChunks(s, p);
      }
    } catch (e) {
      if (!isRemote(e, /OSError/)) throw e;
    }
    await s.exec(`f=open(${p},'wb')\nw=f.write`);
    for (let i = 0; i < data.length; i += 256) await s.exec("w(" + pyBytesRepr(data.subarray(i, i + 256)) + ")");
    await s.exec("f.close()");
  },
  async download(s, path, { note }) {
    const p = pyStr(path);
    await s.exec("import os");
    try {
      await s.exec(`print(repr(tuple(os.stat(${p}))))`);
    } catch (e) {
      if (!isRemote(e, /AttributeError/)) throw e;
      note("no os.stat: real mpremote's progress bar fails here; bench went on");
    }
    return readChunks(s, p);
  },
};

async function readChunks(s: RawSession, p: string): Promise<Uint8Array> {
  await s.exec(`f=open(${p},'rb')\nr=f.read`);
  const parts: Uint8Array[] = [];
  for (;;) {
    const chunk = parseBytesRepr(latin1(await s.exec("print(repr(r(256)))")));
    if (chunk.length === 0) break;
    parts.push(chunk);
  }
  await s.exec("f.close()");
  const out = new Uint8Array(parts.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of parts) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * ViperIDE's file transfer, as read in vshymanskyy/ViperIDE src/rawmode.js (commit 52bb1285, Aug 2026):
 * - MpRawMode.begin: every transaction enters the raw REPL and execs "import sys,os" + a sys.ps1 probe first.
 * - writeFile(fn, data, chunk_size=128, direct=false), which the editor's save uses (fs_cache.js): one setup exec
 *   (binascii.unhexlify or a pure-Python fallback, f=open('.viper.tmp','wb'), w=hex writer, o=f.write), then per
 *   128-byte chunk whichever is shorter of "w('<hex>')" and "o(b'...')" (its own repr: only \\ and ' escaped,
 *   other bytes outside 0x20-0x7e as \xNN - the same rule as Mote's pyBytes), then close, remove the old file, and
 *   os.rename the temp file over it. No read-back or hash.
 * - readFile: ONE exec that prints the file as hex in 64-byte reads (binascii.hexlify or a fallback), parsed on the
 *   host.
 * Not reproduced: ViperIDE sends code without raw-paste, and its transport polls for replies every 10 ms
 * (src/transports/base.js readExactly/readUntil: sleep(10) between looks), which rounds each exec up to 10 ms
 * steps. The Mote core reads replies as they arrive, so the measured figures flatter ViperIDE where execs are short;
 * the rounding is reported separately as a model (addModelMs), never mixed into the measurement.
 */
export const viperScheme: Scheme = {
  name: "ViperIDE",
  async upload(raw, path, data, run) {
    const s = pollModel(raw, run);
    await s.exec("import sys,os\ntry: print(sys.ps1)\nexcept AttributeError: pass");
    const tmp = pyStr(".viper.tmp");
    await s.exec(
      `\ntry:\n import binascii\n h=binascii.unhexlify\n h('')\nexcept:\n h=lambda s: bytes(int(s[i:i+2], 16) for i in range(0, len(s), 2))\nf=open(${tmp},'wb')\nw=lambda d: f.write(h(d))\no=f.write\n`,
    );
    for (let i = 0; i < data.length; i += 128) {
      const chunk = data.subarray(i, i + 128);
      const hex = "w('" + toHex(chunk) + "')";
      const lit = "o(" + pyBytes(chunk) + ")";
      await s.exec(hex.length < lit.length ? hex : lit);
    }
    await s.exec(`f.close()\ntry: os.remove(${pyStr(path)})\nexcept: pass\nos.rename(${tmp},${pyStr(path)})\n`);
  },
  async download(raw, path, run) {
    const s = pollModel(raw, run);
    await s.exec("import sys,os\ntry: print(sys.ps1)\nexcept AttributeError: pass");
    const out = fromUtf8(
      await s.exec(
        `\ntry:\n import binascii\n h=lambda x: binascii.hexlify(x).decode()\n h(b'')\nexcept:\n h=lambda b: ''.join('{:02x}'.format(byte) for byte in b)\nwith open(${pyStr(path)},'rb') as f:\n while 1:\n  b=f.read(64)\n  if not b:break\n  print(h(b),end='')\n`,
      ),
    );
    const pairs = out.match(/../g) ?? [];
    return Uint8Array.from(pairs.map((h) => parseInt(h, 16)));
  },
};

/** ViperIDE sees each reply at its next 10 ms poll: the time that adds to every exec, reported as a model. */
function pollModel(s: RawSession, run: RunLog): Pick<RawSession, "exec"> {
  return {
    async exec(source) {
      const t0 = performance.now();
      try {
        return await s.exec(source);
      } finally {
        const t = performance.now() - t0;
        run.addModelMs?.(Math.ceil(t / 10) * 10 - t);
      }
    },
  };
}
