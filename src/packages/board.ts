/**
 * What the board says about where packages go and which files it can load, by mip's own rules:
 * - bytecode version: `sys.implementation._mpy & 0xff` (present only on firmware that can import .mpy); without it,
 *   or when the person asks for source, "py".
 * - install folder: the first `sys.path` entry that ends in "/lib" and does not start with "/rom"; else "/lib".
 * The board's answer is untrusted text: it is read as JSON (never evaluated) and every field is checked.
 */
import type { DeviceApi } from "../device/api";
import { fromUtf8 } from "../device/bytes";
import { DeviceError } from "../device/errors";
import { normalize } from "../device/paths";

export interface BoardTarget {
  /** Absolute lib folder ("/lib", "/flash/lib"). */
  lib: string;
  /** True when `lib` came from sys.path (imports will find it); false when mip's fallback "/lib" is used. */
  onPath: boolean;
  /** "6" for MicroPython 1.19+ with .mpy support; "py" when the board cannot load .mpy files. */
  mpy: string;
  /** The raw `sys.implementation._mpy`, when there is one (architecture flags in the high bits). */
  mpyRaw: number | null;
}

// Printed between markers, so a boot.py that prints on import of json cannot be taken for the answer.
const PROBE = [
  "import sys",
  "try:",
  " import json",
  "except ImportError:",
  " import ujson as json",
  "print('<<MOTE' + json.dumps([getattr(sys.implementation, '_mpy', None), [p for p in sys.path if isinstance(p, str)]]) + 'MOTE>>')",
].join("\n");

export async function readBoardTarget(device: DeviceApi): Promise<BoardTarget> {
  const out = fromUtf8(await device.exec(PROBE));
  const match = /<<MOTE(.*)MOTE>>/s.exec(out);
  let parsed: unknown = null;
  try {
    parsed = match ? JSON.parse(match[1]) : null;
  } catch {
    parsed = null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || !Array.isArray(parsed[1])) {
    throw new DeviceError("ProtocolError", "The board's answer about sys.path could not be read", out.slice(0, 500));
  }
  const [mpyRaw, path] = parsed as [unknown, unknown[]];
  return targetFrom(Number.isInteger(mpyRaw) ? (mpyRaw as number) : null, path.filter((p): p is string => typeof p === "string"));
}

/** mip's choice from the board's facts (pure, for tests). */
export function targetFrom(mpyRaw: number | null, sysPath: readonly string[]): BoardTarget {
  const mpyVersion = mpyRaw === null ? 0 : mpyRaw & 0xff;
  let lib: string | null = null;
  for (const p of sysPath) {
    // Relative entries ("lib" on some ports) depend on the cwd at import time; mip's rule needs an absolute one.
    if (!p.startsWith("/") || p.startsWith("/rom") || !p.endsWith("/lib")) continue;
    try {
      lib = normalize(p);
      break;
    } catch {
      continue;
    }
  }
  return { lib: lib ?? "/lib", onPath: lib !== null, mpy: mpyVersion > 0 ? String(mpyVersion) : "py", mpyRaw };
}
