import { concat, fromHex, fromUtf8, latin1 } from "./bytes";
import { DeviceError } from "./errors";
import { pyBytes, pyStr } from "./pyLiteral";

/**
 * Simple, correct file operations over raw-REPL execs, portable down to micro:bit 1.9.2 (no stat, no binascii).
 * The fast, atomic transfer engine is a later piece; this is the baseline it must beat.
 */
export type Exec = (source: string) => Promise<Uint8Array>;

// Each raw byte can grow to 4 characters (\xNN); a micro:bit compiles about 1 KB of source per exec.
const SMALL = { line: 64, linesPerExec: 3 };
const LARGE = { line: 256, linesPerExec: 16 };

// Prints each item of `it` as one hex line, so names and data cross the link as plain ASCII, never parsed as code.
const HEX_LINE = "''.join('%02x'%c for c in ";

export async function writeFile(
  exec: Exec,
  path: string,
  data: Uint8Array,
  options: { small: boolean; onProgress?: (sent: number, total: number) => void },
): Promise<void> {
  const size = options.small ? SMALL : LARGE;
  await exec(`import gc\ngc.collect()\nf=open(${pyStr(path)},'wb')\nw=f.write`);
  try {
    const perExec = size.line * size.linesPerExec;
    for (let at = 0; at < data.length; at += perExec) {
      const lines: string[] = [];
      for (let i = at; i < Math.min(at + perExec, data.length); i += size.line) {
        lines.push(`w(${pyBytes(data.subarray(i, Math.min(i + size.line, at + perExec, data.length)))})`);
      }
      await exec(lines.join("\n"));
      options.onProgress?.(Math.min(at + perExec, data.length), data.length);
    }
  } finally {
    // A file left open reads back empty on some ports (micro:bit): always close, even after a failure.
    await exec("f.close()\ndel f,w").catch(() => {});
  }
  const written = Number(latin1(await exec(`import os\ntry:\n print(os.stat(${pyStr(path)})[6])\nexcept AttributeError:\n print(os.size(${pyStr(path)}))`)).trim());
  if (written !== data.length) {
    throw new DeviceError("ProtocolError", `The board holds ${written} bytes of ${path}, expected ${data.length}`);
  }
  if (data.length === 0) options.onProgress?.(0, 0);
}

export async function readFile(exec: Exec, path: string): Promise<Uint8Array> {
  const out = latin1(
    // gc first and small reads: a 16 KB micro:bit whose heap the user's session has fragmented still copes.
    await exec(`import gc\ngc.collect()\nf=open(${pyStr(path)},'rb')\nwhile 1:\n b=f.read(64)\n if not b:break\n print(${HEX_LINE}b))\nf.close()\ndel f,b`),
  );
  const parts = out.split(/\r?\n/).filter((l) => l.length);
  return concat(parts.map(fromHex));
}

export async function listDir(exec: Exec, path: string): Promise<string[]> {
  const arg = path ? pyStr(path) : "";
  const out = latin1(await exec(`import os\nfor n in os.listdir(${arg}):\n print(${HEX_LINE}bytes(n,'utf-8')))`));
  return out
    .split(/\r?\n/)
    .filter((l) => l.length)
    .map((l) => fromUtf8(fromHex(l)));
}
