import { crc32 } from "../../lib/crc32";
/**
 * The DfuSe file container (.dfu), as ST's UM0391 describes it and dfu-util reads it (src/dfu_file.c, src/dfuse.c):
 *
 *   prefix  11 bytes: "DfuSe", bVersion 0x01, DFUImageSize u32 (prefix + targets, i.e. file minus suffix), bTargets u8
 *   target 274 bytes: "Target", bAlternateSetting u8, bTargetNamed u32, szTargetName[255], dwTargetSize u32
 *                     (sum of its elements incl. their 8-byte headers), dwNbElements u32; then the elements:
 *   element           dwElementAddress u32, dwElementSize u32, data
 *   suffix  16 bytes: bcdDevice u16, idProduct u16, idVendor u16, bcdDFU u16 (0x011A for DfuSe), "UFD", bLength 16,
 *                     dwCRC u32
 * All little-endian. dwCRC is computed over every byte before it with the CRC-32 table, register initialised to
 * 0xFFFFFFFF and no final XOR (dfu-util's crc32_byte loop), which is the ones' complement of the standard CRC-32.
 * Everything is checked here so a damaged file is refused before the board is touched.
 */
import { FlashError } from "../errors";

export interface DfuseElement {
  address: number;
  data: Uint8Array;
}

export interface DfuseTarget {
  alternateSetting: number;
  name: string | null;
  elements: DfuseElement[];
}

export interface DfuseImage {
  targets: DfuseTarget[];
  vendorId: number;
  productId: number;
  bcdDevice: number;
  bcdDfu: number;
  /** Bytes of firmware across all elements. */
  totalBytes: number;
}

const PREFIX = 11;
const TARGET = 274;
const SUFFIX = 16;
export const DFUSE_BCD = 0x011a;

export { crc32 };

/** The suffix's dwCRC for these bytes (everything before the CRC field). */
export function dfuSuffixCrc(bytesBeforeCrc: Uint8Array): number {
  return ~crc32(bytesBeforeCrc) >>> 0;
}

function bad(message: string, detail?: string): FlashError {
  return new FlashError("BadImage", message, "Download the firmware again, or pick the .dfu file made for your board.", detail);
}

const ascii = (b: Uint8Array) => String.fromCharCode(...b);

export function parseDfuseFile(bytes: Uint8Array): DfuseImage {
  if (bytes.length < PREFIX + SUFFIX) throw bad("This file is too short to be a .dfu firmware file.", `${bytes.length} bytes`);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const s = bytes.length - SUFFIX;
  if (ascii(bytes.subarray(s + 8, s + 11)) !== "UFD") {
    throw bad("This is not a .dfu firmware file (it has no DFU suffix), or it is cut short.");
  }
  const storedCrc = v.getUint32(bytes.length - 4, true);
  const crc = dfuSuffixCrc(bytes.subarray(0, bytes.length - 4));
  if (storedCrc !== crc) {
    throw bad(
      "The .dfu file is damaged: its checksum does not match its contents.",
      `dwCRC 0x${storedCrc.toString(16)}, computed 0x${crc.toString(16)}`,
    );
  }
  const suffixLength = bytes[s + 11];
  if (suffixLength !== SUFFIX) throw bad("The .dfu file's suffix has an unexpected length.", `bLength ${suffixLength}`);
  const bcdDfu = v.getUint16(s + 6, true);
  if (bcdDfu !== DFUSE_BCD) {
    throw bad("This is a plain DFU file, not a DfuSe (.dfu for STM32) file.", `bcdDFU 0x${bcdDfu.toString(16)}`);
  }
  if (ascii(bytes.subarray(0, 5)) !== "DfuSe") throw bad("This .dfu file has no DfuSe header.");
  if (bytes[5] !== 0x01) throw bad("This .dfu file uses a DfuSe format version Mote does not know.", `bVersion ${bytes[5]}`);
  const imageSize = v.getUint32(6, true);
  if (imageSize !== s) {
    throw bad("The .dfu file's sizes do not add up (it may be cut short).", `DFUImageSize ${imageSize}, file has ${s} before the suffix`);
  }
  const nTargets = bytes[10];
  if (nTargets === 0) throw bad("The .dfu file holds no firmware (no targets).");

  const targets: DfuseTarget[] = [];
  let at = PREFIX;
  let totalBytes = 0;
  for (let t = 0; t < nTargets; t++) {
    if (at + TARGET > s) throw bad("The .dfu file is cut short (a target header is missing).", `target ${t} at ${at}`);
    if (ascii(bytes.subarray(at, at + 6)) !== "Target") throw bad("The .dfu file is damaged (a target has no signature).", `target ${t} at ${at}`);
    const alternateSetting = bytes[at + 6];
    const named = v.getUint32(at + 7, true) !== 0;
    const rawName = bytes.subarray(at + 11, at + 11 + 255);
    const nul = rawName.indexOf(0);
    const name = named ? ascii(rawName.subarray(0, nul < 0 ? 255 : nul)) : null;
    const targetSize = v.getUint32(at + 266, true);
    const nElements = v.getUint32(at + 270, true);
    at += TARGET;
    if (at + targetSize > s) throw bad("The .dfu file is cut short (a target is bigger than the file).", `target ${t}: ${targetSize} bytes`);
    const end = at + targetSize;
    const elements: DfuseElement[] = [];
    for (let e = 0; e < nElements; e++) {
      if (at + 8 > end) throw bad("The .dfu file's sizes do not add up (an element header is missing).", `target ${t} element ${e}`);
      const address = v.getUint32(at, true);
      const size = v.getUint32(at + 4, true);
      at += 8;
      if (at + size > end) throw bad("The .dfu file's sizes do not add up (an element runs past its target).", `target ${t} element ${e}: ${size} bytes`);
      elements.push({ address, data: bytes.slice(at, at + size) });
      totalBytes += size;
      at += size;
    }
    if (at !== end) throw bad("The .dfu file's sizes do not add up (a target's size disagrees with its elements).", `target ${t}`);
    checkOverlap(elements, t);
    targets.push({ alternateSetting, name, elements });
  }
  if (at !== s) throw bad("The .dfu file's sizes do not add up (bytes left after the last target).", `${s - at} bytes`);
  if (totalBytes === 0) throw bad("The .dfu file holds no firmware (no elements with data).");
  return {
    targets,
    vendorId: v.getUint16(s + 4, true),
    productId: v.getUint16(s + 2, true),
    bcdDevice: v.getUint16(s, true),
    bcdDfu,
    totalBytes,
  };
}

/** The name the store's flash links use. */

function checkOverlap(elements: DfuseElement[], t: number): void {
  const sorted = [...elements].sort((a, b) => a.address - b.address);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].address < sorted[i - 1].address + sorted[i - 1].data.length) {
      throw bad("The .dfu file is damaged (two elements overlap).", `target ${t} at 0x${sorted[i].address.toString(16)}`);
    }
  }
}

export interface BuildDfuseTarget {
  alternateSetting: number;
  name?: string;
  elements: DfuseElement[];
}

/** Writes a DfuSe file (the inverse of parseDfuseFile): for converting a .bin, and for tests. */
export function buildDfuseFile(
  targets: BuildDfuseTarget[],
  ids: { vendorId?: number; productId?: number; bcdDevice?: number } = {},
): Uint8Array {
  const targetBytes = targets.map((t) => TARGET + t.elements.reduce((n, e) => n + 8 + e.data.length, 0));
  const imageSize = PREFIX + targetBytes.reduce((a, b) => a + b, 0);
  const out = new Uint8Array(imageSize + SUFFIX);
  const v = new DataView(out.buffer);
  out.set([...("DfuSe" as string)].map((c) => c.charCodeAt(0)), 0);
  out[5] = 1;
  v.setUint32(6, imageSize, true);
  out[10] = targets.length;
  let at = PREFIX;
  targets.forEach((t, i) => {
    out.set([...("Target" as string)].map((c) => c.charCodeAt(0)), at);
    out[at + 6] = t.alternateSetting;
    if (t.name !== undefined) {
      v.setUint32(at + 7, 1, true);
      out.set([...t.name.slice(0, 254)].map((c) => c.charCodeAt(0) & 0xff), at + 11);
    }
    v.setUint32(at + 266, targetBytes[i] - TARGET, true);
    v.setUint32(at + 270, t.elements.length, true);
    at += TARGET;
    for (const e of t.elements) {
      v.setUint32(at, e.address, true);
      v.setUint32(at + 4, e.data.length, true);
      out.set(e.data, at + 8);
      at += 8 + e.data.length;
    }
  });
  v.setUint16(at, ids.bcdDevice ?? 0xffff, true);
  v.setUint16(at + 2, ids.productId ?? 0xdf11, true);
  v.setUint16(at + 4, ids.vendorId ?? 0x0483, true);
  v.setUint16(at + 6, DFUSE_BCD, true);
  out.set([0x55, 0x46, 0x44, SUFFIX], at + 8);
  v.setUint32(at + 12, dfuSuffixCrc(out.subarray(0, at + 12)), true);
  return out;
}
