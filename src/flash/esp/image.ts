/**
 * Tells which chip an ESP firmware image was built for, from its header, so a wrong file is refused before the
 * board is touched. Layout (esptool docs, "Firmware Image Format"): byte 0 magic 0xE9, byte 1 segment count,
 * byte 2 SPI flash mode, byte 3 flash size/frequency, 4..7 entry point; ESP32 and later add a 16-byte extended
 * header at 8..23 whose u16 at offset 12 is the chip id. ESP8266 images have no extended header: their first
 * segment header (load address, length) starts at offset 8.
 */
import { FlashError } from "../errors";
import { espChipByImageId, espChipByName } from "./chips";

export const ESP_IMAGE_MAGIC = 0xe9;

export interface EspImageInfo {
  valid: boolean;
  /** The extended header's chip id (absent for ESP8266 images). */
  chipId?: number;
  /** esptool's name for that chip, when Mote knows the id. */
  chipName?: string;
  reason?: string;
}

const u16 = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number) => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;

/** An address in an ESP8266's memory map (DRAM 0x3FFE..., IRAM 0x4010..., IROM 0x402...): what its first segment loads to. */
function looksLikeEsp8266Segment(loadAddress: number): boolean {
  return (loadAddress >= 0x3ffe8000 && loadAddress < 0x40000000) || (loadAddress >= 0x40100000 && loadAddress < 0x40300000);
}

export function inspectEspImage(bytes: Uint8Array): EspImageInfo {
  if (bytes.length < 24) return { valid: false, reason: `The file is too small to be ESP firmware (${bytes.length} bytes).` };
  if (bytes[0] !== ESP_IMAGE_MAGIC) {
    return { valid: false, reason: `The file does not start like ESP firmware (first byte 0x${bytes[0]!.toString(16).padStart(2, "0")}, expected 0xe9).` };
  }
  const segments = bytes[1]!;
  if (segments === 0 || segments > 16) return { valid: false, reason: `The firmware header lists ${segments} segments.` };
  if (bytes[2]! > 5) return { valid: false, reason: `The firmware header has an unknown flash mode (${bytes[2]}).` };
  if (looksLikeEsp8266Segment(u32(bytes, 8))) return { valid: true, chipName: "ESP8266" };
  const chipId = u16(bytes, 12);
  const chip = espChipByImageId(chipId);
  return chip ? { valid: true, chipId, chipName: chip.name } : { valid: true, chipId };
}

/**
 * Throws BadImage for a file that is not an ESP image, WrongChip for an image built for another chip than
 * `boardChip` (esptool's name). Returns what the header says.
 */
export function checkEspImage(bytes: Uint8Array, boardChip?: string): EspImageInfo {
  const info = inspectEspImage(bytes);
  if (!info.valid) {
    throw new FlashError("BadImage", "This file is not ESP firmware.", "Pick the .bin file for your board from the firmware list, or download it again.", info.reason);
  }
  if (boardChip === undefined) return info;
  const board = espChipByName(boardChip);
  const boardName = board?.name ?? boardChip;
  if (info.chipName !== undefined && info.chipName === boardName) return info;
  const imageName = info.chipName ?? `an unknown chip (id ${info.chipId})`;
  throw new FlashError(
    "WrongChip",
    `This firmware is for ${imageName}, but the board is an ${boardName}.`,
    `Pick the firmware built for ${boardName}.`,
  );
}
