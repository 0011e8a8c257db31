/**
 * Firmware file names as micropython.org publishes them (tools/autobuild/build-boards.sh and autobuild.sh in the
 * micropython repository; remove_old_firmware.py parses the same form):
 *   <BOARD>[-<VARIANT>]-<YYYYMMDD>-<version>.<ext>
 *   ESP32_GENERIC-20241129-v1.24.1.bin               a release
 *   ESP32_GENERIC-SPIRAM-20241129-v1.24.1.bin        a variant of it
 *   RPI_PICO-20250415-v1.26.0-preview.31.g0f3d1a2b.uf2   a preview (nightly) build
 *   ESP32_GENERIC-OTA-20241129-v1.24.1.app-bin       the application alone, for OTA updates, not a full flash image
 *   rp2-pico-20210222-unstable-v1.14-80-g75db0b907.uf2   the pre-2023 "unstable" naming
 * Extensions: .bin (esp32/esp8266/mimxrt/nrf), .uf2 (rp2/samd/nrf/esp32-s2/s3), .dfu and .hex (stm32), .app-bin
 * (esp32); .elf/.map/.zip are also published and are not images we flash.
 */
import type { BoardFamily } from "./boards";

export type FirmwareKind = "bin" | "uf2" | "dfu" | "hex" | "app-bin";

export interface Firmware {
  /** The board id this file was published for. */
  board: string;
  /** "v1.24.1", or "v1.25.0-preview.80" for a preview build. */
  version: string;
  /** Build date, "2024-11-29". */
  date?: string;
  /** "SPIRAM", "OTA", "SPIRAM_OCT"...; absent for the board's default build. */
  variant?: string;
  preview: boolean;
  kind: FirmwareKind;
  url: string;
  fileName: string;
}

const NAME =
  /^(?<prefix>[A-Za-z0-9_-]+?)-(?<date>\d{8})-(?<unstable>unstable-)?(?<version>v\d+(?:\.\d+){0,3})(?<suffix>-[0-9A-Za-z.-]+?)?\.(?<ext>app-bin|bin|uf2|dfu|hex)$/;

/** The kind of a file by its name, for files the person picks from disk as well as catalog entries. */
export function kindOfFileName(name: string): FirmwareKind | null {
  const match = /\.(app-bin|bin|uf2|dfu|hex)$/i.exec(name);
  return match ? (match[1].toLowerCase() as FirmwareKind) : null;
}

/** Null for a file that is not a flashable image of this board (another board's file, an .elf, an unknown name). */
export function parseFirmwareUrl(url: string, boardId: string): Firmware | null {
  let fileName: string;
  try {
    fileName = decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "");
  } catch {
    return null;
  }
  const m = NAME.exec(fileName)?.groups;
  if (!m) return null;
  const prefix = m.prefix;
  let variant: string | undefined;
  if (prefix.toUpperCase() === boardId.toUpperCase()) variant = undefined;
  else if (prefix.toUpperCase().startsWith(`${boardId.toUpperCase()}-`)) variant = prefix.slice(boardId.length + 1);
  else return null;

  // Drop the git hash: "-preview.80.gabc1234" -> "-preview.80"; the file name keeps the full story.
  const suffix = (m.suffix ?? "").replace(/[.-]g[0-9a-f]{6,}$/i, "");
  const preview = Boolean(m.unstable) || suffix !== "";
  const firmware: Firmware = {
    board: boardId,
    version: m.version + suffix,
    date: `${m.date.slice(0, 4)}-${m.date.slice(4, 6)}-${m.date.slice(6, 8)}`,
    preview,
    kind: m.ext as FirmwareKind,
    url,
    fileName,
  };
  if (variant) firmware.variant = variant;
  return firmware;
}

/** Each family's flashers take these kinds, best first; .app-bin is never a whole-flash image. */
const KIND_ORDER: Record<BoardFamily, FirmwareKind[]> = {
  esp: ["bin", "uf2", "app-bin"],
  rp2: ["uf2", "bin"],
  stm32: ["dfu", "hex", "bin"],
  other: ["uf2", "hex", "bin", "dfu", "app-bin"],
};

function kindRank(kind: FirmwareKind, family: BoardFamily): number {
  const rank = KIND_ORDER[family].indexOf(kind);
  return rank === -1 ? 99 : rank;
}

/** [1, 24, 1] and, for previews, the build number ("preview.80" -> 80; a release sorts above all its previews). */
function versionKey(f: Firmware): { numbers: number[]; build: number } {
  const numbers = (/^v([\d.]+)/.exec(f.version)?.[1] ?? "0").split(".").filter(Boolean).map(Number);
  const build = /(?:preview\.|-)(\d+)$/.exec(f.version);
  return { numbers, build: f.preview ? Number(build?.[1] ?? 0) : Number.MAX_SAFE_INTEGER };
}

function compareVersions(a: Firmware, b: Firmware): number {
  const ka = versionKey(a);
  const kb = versionKey(b);
  for (let i = 0; i < Math.max(ka.numbers.length, kb.numbers.length); i++) {
    const d = (kb.numbers[i] ?? 0) - (ka.numbers[i] ?? 0);
    if (d !== 0) return d;
  }
  return kb.build - ka.build;
}

/**
 * Latest stable first: releases before previews, newer versions first, then newer dates, the board's default build
 * before its variants, and the kind this family's flasher wants before the others.
 */
export function sortFirmware(list: Firmware[], family: BoardFamily): Firmware[] {
  return [...list].sort(
    (a, b) =>
      Number(a.preview) - Number(b.preview) ||
      compareVersions(a, b) ||
      (b.date ?? "").localeCompare(a.date ?? "") ||
      Number(Boolean(a.variant)) - Number(Boolean(b.variant)) ||
      (a.variant ?? "").localeCompare(b.variant ?? "") ||
      kindRank(a.kind, family) - kindRank(b.kind, family),
  );
}
