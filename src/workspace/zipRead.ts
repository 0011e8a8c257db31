import { crc32 } from "../lib/crc32";
// Reads a zip's central directory by hand instead of through fflate's unzipSync: fflate decodes names without the
// UTF-8 flag as Latin-1, which would hide exactly the non-UTF-8 names we must refuse, and it gives no per-entry
// attributes (symlinks). fflate still does the inflating, into a buffer of the declared size, so a "zip bomb" can't
// grow past what the directory admitted to; the CRC then catches any lie about that size.
import { inflateSync } from "fflate";

export interface RawZipEntry {
  /** The name exactly as stored. */
  nameBytes: Uint8Array;
  /** Bit 11 of the general-purpose flags: the writer declared the name UTF-8. */
  utf8Flag: boolean;
  directory: boolean;
  symlink: boolean;
  encrypted: boolean;
  method: number;
  compressedSize: number;
  size: number;
  crc: number;
  localOffset: number;
}

export class ZipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ZipFormatError";
  }
}

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;

function view(data: Uint8Array): DataView {
  return new DataView(data.buffer, data.byteOffset, data.byteLength);
}

function findEndRecord(data: Uint8Array, dv: DataView): number {
  // The end record is 22 bytes plus a comment of at most 65535 bytes, so it sits near the end.
  const stop = Math.max(0, data.length - 22 - 0xffff);
  for (let i = data.length - 22; i >= stop; i--) {
    if (dv.getUint32(i, true) === EOCD_SIG) return i;
  }
  throw new ZipFormatError("This file is not a zip archive (no zip directory found).");
}

export function readCentralDirectory(data: Uint8Array): RawZipEntry[] {
  if (data.length < 22) throw new ZipFormatError("This file is too short to be a zip archive.");
  const dv = view(data);
  const end = findEndRecord(data, dv);
  const count = dv.getUint16(end + 10, true);
  const dirSize = dv.getUint32(end + 12, true);
  const dirOffset = dv.getUint32(end + 16, true);
  if (count === 0xffff || dirOffset === 0xffffffff) {
    throw new ZipFormatError("This zip uses the ZIP64 format, which is for archives far larger than a project.");
  }
  if (dirOffset + dirSize > end) throw new ZipFormatError("This zip's directory is damaged.");
  const entries: RawZipEntry[] = [];
  let p = dirOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || dv.getUint32(p, true) !== CENTRAL_SIG) throw new ZipFormatError("This zip's directory is damaged.");
    const madeBy = dv.getUint16(p + 4, true) >> 8;
    const flags = dv.getUint16(p + 8, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    const external = dv.getUint32(p + 38, true);
    if (p + 46 + nameLen > end) throw new ZipFormatError("This zip's directory is damaged.");
    const nameBytes = data.slice(p + 46, p + 46 + nameLen);
    // Host 3 is Unix: the high 16 bits of the external attributes are st_mode.
    const mode = madeBy === 3 ? external >>> 16 : 0;
    entries.push({
      nameBytes,
      utf8Flag: (flags & 0x800) !== 0,
      directory: (nameLen > 0 && nameBytes[nameLen - 1] === 0x2f) || (mode & S_IFMT) === S_IFDIR,
      symlink: (mode & S_IFMT) === S_IFLNK,
      encrypted: (flags & 1) !== 0,
      method: dv.getUint16(p + 10, true),
      crc: dv.getUint32(p + 16, true),
      compressedSize: dv.getUint32(p + 20, true),
      size: dv.getUint32(p + 24, true),
      localOffset: dv.getUint32(p + 42, true),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

export { crc32 } from "../lib/crc32";

/** The entry's bytes, or throws ZipFormatError with a reason to show next to its name. */
export function readEntryData(data: Uint8Array, entry: RawZipEntry): Uint8Array {
  const dv = view(data);
  const p = entry.localOffset;
  if (p + 30 > data.length || dv.getUint32(p, true) !== LOCAL_SIG) throw new ZipFormatError("its data is damaged");
  const start = p + 30 + dv.getUint16(p + 26, true) + dv.getUint16(p + 28, true);
  const raw = data.subarray(start, start + entry.compressedSize);
  if (start + entry.compressedSize > data.length) throw new ZipFormatError("its data is cut short");
  let out: Uint8Array;
  if (entry.method === 0) out = raw.slice();
  else if (entry.method === 8) {
    try {
      out = entry.size === 0 ? new Uint8Array(0) : inflateSync(raw, { out: new Uint8Array(entry.size) });
    } catch {
      throw new ZipFormatError("its data is damaged");
    }
  } else throw new ZipFormatError(`it uses a compression method (${entry.method}) this app can't read`);
  if (out.length !== entry.size || crc32(out) !== entry.crc) throw new ZipFormatError("its data is damaged (checksum mismatch)");
  return out;
}
