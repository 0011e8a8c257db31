/**
 * UF2 files (Microsoft's format, github.com/microsoft/uf2 README) and the RP2 boot drive's INFO_UF2.TXT.
 *
 * Facts checked against the real sources:
 * - Block layout, magics and flags: microsoft/uf2 README and pico-sdk src/common/boot_uf2_headers/include/boot/uf2.h
 *   (UF2_MAGIC_START0 0x0A324655, START1 0x9E5D5157, END 0x0AB16F30, FAMILY_ID_PRESENT 0x2000, NOT_MAIN_FLASH 0x1).
 * - Family ids: the same pico-sdk uf2.h: RP2040_FAMILY_ID 0xe48bff56, ABSOLUTE_FAMILY_ID 0xe48bff57,
 *   DATA_FAMILY_ID 0xe48bff58, RP2350_ARM_S 0xe48bff59, RP2350_RISCV 0xe48bff5a, RP2350_ARM_NS 0xe48bff5b.
 * - The RP2040 boot ROM (raspberrypi/pico-bootrom-rp2040 bootrom/virtual_disk.c, vd_write_block) takes a block only
 *   when the family flag is set and the family is RP2040, NOT_MAIN_FLASH is clear and the payload is 256 bytes; it
 *   reboots once it holds num_blocks distinct blocks. Blocks of any other family are silently ignored, which is why
 *   a wrong-family copy "succeeds" on the drive and nothing happens: we refuse it before copying.
 * - INFO_UF2.TXT: RP2040 "UF2 Bootloader v3.0\nModel: Raspberry Pi RP2\nBoard-ID: RPI-RP2\n";
 *   RP2350 "UF2 Bootloader v1.0\nModel: Raspberry Pi RP2350\nBoard-ID: RP2350\n".
 */
import { FlashError } from "../errors";

export const UF2_BLOCK_SIZE = 512;
export const UF2_MAGIC_START0 = 0x0a324655;
export const UF2_MAGIC_START1 = 0x9e5d5157;
export const UF2_MAGIC_END = 0x0ab16f30;
export const UF2_FLAG_NOT_MAIN_FLASH = 0x00000001;
export const UF2_FLAG_FAMILY_ID_PRESENT = 0x00002000;
/** The largest payload a 512-byte block can carry (512 - 32 header - 4 end magic). */
export const UF2_MAX_PAYLOAD = 476;

export const UF2_FAMILY = {
  RP2040: 0xe48bff56,
  ABSOLUTE: 0xe48bff57,
  DATA: 0xe48bff58,
  RP2350_ARM_S: 0xe48bff59,
  RP2350_RISCV: 0xe48bff5a,
  RP2350_ARM_NS: 0xe48bff5b,
} as const;

export type Rp2Chip = "RP2040" | "RP2350";

/** Families each boot ROM flashes. ABSOLUTE and DATA are RP2350-only ideas: the RP2040 ROM ignores them. */
export const ACCEPTED_FAMILIES: Record<Rp2Chip, readonly number[]> = {
  RP2040: [UF2_FAMILY.RP2040],
  RP2350: [
    UF2_FAMILY.RP2350_ARM_S,
    UF2_FAMILY.RP2350_RISCV,
    UF2_FAMILY.RP2350_ARM_NS,
    UF2_FAMILY.ABSOLUTE,
    UF2_FAMILY.DATA,
  ],
};

const CHIP_OF_FAMILY: Record<number, Rp2Chip> = {
  [UF2_FAMILY.RP2040]: "RP2040",
  [UF2_FAMILY.RP2350_ARM_S]: "RP2350",
  [UF2_FAMILY.RP2350_RISCV]: "RP2350",
  [UF2_FAMILY.RP2350_ARM_NS]: "RP2350",
};

export const CHIP_BOARD: Record<Rp2Chip, string> = {
  RP2040: "RP2040 (Pico, Pico W)",
  RP2350: "RP2350 (Pico 2, Pico 2 W)",
};

export function familyName(id: number): string {
  const names: Record<number, string> = {
    [UF2_FAMILY.RP2040]: "RP2040",
    [UF2_FAMILY.ABSOLUTE]: "RP2 absolute",
    [UF2_FAMILY.DATA]: "RP2 data",
    [UF2_FAMILY.RP2350_ARM_S]: "RP2350 Arm secure",
    [UF2_FAMILY.RP2350_RISCV]: "RP2350 RISC-V",
    [UF2_FAMILY.RP2350_ARM_NS]: "RP2350 Arm non-secure",
  };
  return names[id] ?? `0x${id.toString(16).padStart(8, "0")}`;
}

export interface Uf2Block {
  flags: number;
  targetAddr: number;
  payloadSize: number;
  blockNo: number;
  numBlocks: number;
  /** Present only when the family flag is set (otherwise the word is a file size or zero). */
  familyId?: number;
  payload: Uint8Array;
}

/** [start, end) target addresses, merged. */
export interface Uf2Range {
  start: number;
  end: number;
}

export interface Uf2Inspection {
  blocks: number;
  /** Family ids in order of first appearance. */
  families: number[];
  /** Blocks per family id (blocks without a family id are not counted). */
  blocksPerFamily: Record<number, number>;
  ranges: Uf2Range[];
  /** Chips the image names through its families (empty when it names none). */
  chips: Rp2Chip[];
  /** Set when the file is well formed but no RP2 boot ROM would act on it. */
  reason?: string;
}

/** Reads one block; null when the magics are wrong (the caller decides whether that is corruption). */
export function readUf2Block(bytes: Uint8Array, offset: number): Uf2Block | null {
  if (offset + UF2_BLOCK_SIZE > bytes.length) return null;
  const v = new DataView(bytes.buffer, bytes.byteOffset + offset, UF2_BLOCK_SIZE);
  if (v.getUint32(0, true) !== UF2_MAGIC_START0 || v.getUint32(4, true) !== UF2_MAGIC_START1) return null;
  if (v.getUint32(508, true) !== UF2_MAGIC_END) return null;
  const flags = v.getUint32(8, true);
  const payloadSize = v.getUint32(16, true);
  return {
    flags,
    targetAddr: v.getUint32(12, true),
    payloadSize,
    blockNo: v.getUint32(20, true),
    numBlocks: v.getUint32(24, true),
    familyId: flags & UF2_FLAG_FAMILY_ID_PRESENT ? v.getUint32(28, true) : undefined,
    payload: bytes.subarray(offset + 32, offset + 32 + Math.min(payloadSize, UF2_MAX_PAYLOAD)),
  };
}

function bad(message: string, detail?: string): FlashError {
  return new FlashError("BadImage", message, "Download the firmware again, or pick the .uf2 file for your board.", detail);
}

/**
 * Checks every block and summarises the file. UF2 files may be concatenations (the UF2 README allows it, and RP2350
 * images sometimes lead with a one-block absolute-family sequence), so consistency is checked per run: a run starts
 * at block 0 and counts up to num_blocks - 1 with the same num_blocks throughout.
 */
export function inspectUf2(bytes: Uint8Array): Uf2Inspection {
  if (bytes.length === 0) throw bad("The firmware file is empty.");
  if (bytes.length % UF2_BLOCK_SIZE !== 0) {
    throw bad(
      "The firmware file is cut short: a UF2 file is made of whole 512-byte blocks.",
      `${bytes.length} bytes is not a multiple of 512`,
    );
  }
  const families: number[] = [];
  const blocksPerFamily: Record<number, number> = {};
  const spans: Uf2Range[] = [];
  let expectNo = 0;
  let runTotal = 0;
  const count = bytes.length / UF2_BLOCK_SIZE;
  for (let i = 0; i < count; i++) {
    const b = readUf2Block(bytes, i * UF2_BLOCK_SIZE);
    if (!b) throw bad("This is not a UF2 firmware file (a block has the wrong magic numbers).", `block ${i}`);
    if (b.payloadSize > UF2_MAX_PAYLOAD) throw bad("The UF2 file is damaged (a block's payload size is impossible).", `block ${i}: ${b.payloadSize}`);
    if (b.numBlocks === 0 || b.blockNo >= b.numBlocks) {
      throw bad("The UF2 file is damaged (a block number is out of range).", `block ${i}: ${b.blockNo}/${b.numBlocks}`);
    }
    if (expectNo === 0) runTotal = b.numBlocks;
    if (b.blockNo !== expectNo || b.numBlocks !== runTotal) {
      throw bad(
        "The UF2 file is damaged or incomplete (its block numbers do not add up).",
        `block ${i}: got ${b.blockNo}/${b.numBlocks}, expected ${expectNo}/${runTotal}`,
      );
    }
    expectNo = b.blockNo + 1 === runTotal ? 0 : b.blockNo + 1;
    if (b.familyId !== undefined) {
      if (!(b.familyId in blocksPerFamily)) families.push(b.familyId);
      blocksPerFamily[b.familyId] = (blocksPerFamily[b.familyId] ?? 0) + 1;
    }
    if (!(b.flags & UF2_FLAG_NOT_MAIN_FLASH)) spans.push({ start: b.targetAddr, end: b.targetAddr + b.payloadSize });
  }
  if (expectNo !== 0) {
    throw bad("The UF2 file is incomplete (it ends before its last block).", `ends at block ${expectNo} of ${runTotal}`);
  }
  const chips = [...new Set(families.map((f) => CHIP_OF_FAMILY[f]).filter((c): c is Rp2Chip => c !== undefined))];
  const rp2 = families.some((f) => ACCEPTED_FAMILIES.RP2040.includes(f) || ACCEPTED_FAMILIES.RP2350.includes(f));
  let reason: string | undefined;
  if (families.length === 0) reason = "Its blocks carry no family id, so a Raspberry Pi boot drive would ignore them.";
  else if (!rp2) reason = `It is built for ${families.map(familyName).join(", ")}, not for a Raspberry Pi RP2 chip.`;
  return { blocks: count, families, blocksPerFamily, ranges: mergeRanges(spans), chips, reason };
}

function mergeRanges(spans: Uf2Range[]): Uf2Range[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: Uf2Range[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

export interface Uf2DriveInfo {
  /** First line, e.g. "UF2 Bootloader v3.0". */
  bootloader?: string;
  model?: string;
  boardId?: string;
  fields: Record<string, string>;
  /** The chip behind the drive, when the Board-ID (or Model) names one we know. */
  chip?: Rp2Chip;
}

export function parseInfoUf2(text: string): Uf2DriveInfo {
  const fields: Record<string, string> = {};
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0) fields[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  const info: Uf2DriveInfo = { fields, model: fields["Model"], boardId: fields["Board-ID"] };
  if (lines[0] && !lines[0].includes(":")) info.bootloader = lines[0];
  const id = info.boardId?.toUpperCase();
  if (id === "RPI-RP2") info.chip = "RP2040";
  else if (id === "RP2350") info.chip = "RP2350";
  else if (id === undefined && info.model === "Raspberry Pi RP2") info.chip = "RP2040";
  else if (id === undefined && info.model === "Raspberry Pi RP2350") info.chip = "RP2350";
  return info;
}

export const PICK_DRIVE_HINT =
  "Pick the RPI-RP2 (or RP2350) drive that appears when you hold BOOTSEL while plugging the Pico in";

/**
 * Refuses an image the drive's boot ROM would ignore. Throws WrongChip naming both sides; returns the chip and how
 * many of the file's blocks the ROM will take.
 */
export function checkUf2ForDrive(info: Uf2DriveInfo, uf2: Uf2Inspection): { chip: Rp2Chip; usableBlocks: number } {
  if (!info.chip) {
    const what = info.boardId ? `its Board-ID is "${info.boardId}"` : "it names no Board-ID";
    throw new FlashError("WrongChip", `This drive is not a Raspberry Pi Pico boot drive: ${what}.`, PICK_DRIVE_HINT);
  }
  const chip = info.chip;
  const usableBlocks = ACCEPTED_FAMILIES[chip].reduce((n, f) => n + (uf2.blocksPerFamily[f] ?? 0), 0);
  if (usableBlocks > 0) return { chip, usableBlocks };
  const imageFor = uf2.chips.length > 0 ? uf2.chips.map((c) => CHIP_BOARD[c]).join(" / ") : undefined;
  const message = imageFor
    ? `This firmware is built for ${imageFor}, but the drive belongs to an ${CHIP_BOARD[chip]}.`
    : `This firmware cannot run on the ${CHIP_BOARD[chip]} behind this drive. ${uf2.reason ?? ""}`.trim();
  const other: Rp2Chip = chip === "RP2040" ? "RP2350" : "RP2040";
  const hint = imageFor
    ? `Choose the firmware for ${CHIP_BOARD[chip]}, or plug in the ${CHIP_BOARD[other]} it was meant for.`
    : `Choose a .uf2 firmware made for ${CHIP_BOARD[chip]}.`;
  throw new FlashError("WrongChip", message, hint, `drive ${info.boardId}; families ${uf2.families.map(familyName).join(", ") || "none"}`);
}
