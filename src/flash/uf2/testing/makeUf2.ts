// TEST HELPER: builds UF2 files for the tests and e2e specs (the drive double is what checks them).
import { UF2_FAMILY } from "../uf2";
import { XIP_BASE } from "./uf2DriveDouble";

/** Builds a UF2 file from the spec (microsoft/uf2 README): 32-byte header, 476-byte data area, end magic. */
export function makeUf2(data: Uint8Array, opts: { family?: number | null; base?: number; payload?: number } = {}): Uint8Array {
  const payload = opts.payload ?? 256;
  const base = opts.base ?? XIP_BASE;
  const n = Math.ceil(data.length / payload);
  const out = new Uint8Array(n * 512);
  const v = new DataView(out.buffer);
  for (let i = 0; i < n; i++) {
    const o = i * 512;
    v.setUint32(o, 0x0a324655, true);
    v.setUint32(o + 4, 0x9e5d5157, true);
    v.setUint32(o + 8, opts.family === null ? 0 : 0x2000, true);
    v.setUint32(o + 12, base + i * payload, true);
    v.setUint32(o + 16, payload, true);
    v.setUint32(o + 20, i, true);
    v.setUint32(o + 24, n, true);
    v.setUint32(o + 28, opts.family === null ? 0 : (opts.family ?? UF2_FAMILY.RP2040), true);
    out.set(data.subarray(i * payload, (i + 1) * payload), o + 32);
    v.setUint32(o + 508, 0x0ab16f30, true);
  }
  return out;
}

