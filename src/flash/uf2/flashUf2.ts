/**
 * Flashing a Raspberry Pi Pico (RP2040 / RP2350) by copying a .uf2 onto its BOOTSEL drive, opened in Chromium with
 * showDirectoryPicker. The directory handle is passed in, typed by the small subset used here, so Node tests can hand
 * in the drive double.
 *
 * When a vanishing drive counts as success (the boot ROM reboots into the new firmware the moment it holds every
 * block of its family, and the drive disappears under whatever the browser was still doing). Let E be the end of
 * the last block the drive's chip takes (usually the end of the file; earlier in a "universal" file whose other-chip
 * blocks come after). Writes are cut so one write() ends exactly at E.
 * - The drive vanishes (a "drive gone" error from write() or close()) after write() calls covering everything up to
 *   E have resolved: SUCCESS. Chromium writes through a swap file and renames it on close(), so the sectors reach
 *   the drive during write(); the rename at close(), or writes of blocks for the other chip, meet the rebooted board.
 * - It vanishes before the bytes up to E were all accepted: Disconnected. The ROM cannot have seen the blocks that
 *   were never written, so it cannot have rebooted on completion; the drive went away for another reason (cable,
 *   eject) and the flash holds a partial image.
 * - Any other error (not a removal) is reported as it is, never as success.
 * A "drive gone" success is confirmed later by reconnecting to the board's REPL (the caller's job).
 */
import { FlashError } from "../errors";
import { progressReporter } from "../progress";
import type { FlashOptions } from "../types";
import {
  ACCEPTED_FAMILIES,
  checkUf2ForDrive,
  inspectUf2,
  parseInfoUf2,
  PICK_DRIVE_HINT,
  readUf2Block,
  UF2_BLOCK_SIZE,
  type Rp2Chip,
  type Uf2DriveInfo,
} from "./uf2";

export interface DriveWritable {
  /** Uint8Array<ArrayBuffer>: what FileSystemWritableFileStream.write takes (BufferSource). */
  write(data: Uint8Array<ArrayBuffer>): Promise<void>;
  close(): Promise<void>;
  abort?(reason?: unknown): Promise<void>;
}

export interface DriveFile {
  text(): Promise<string>;
}

export interface DriveFileHandle {
  getFile(): Promise<DriveFile>;
  createWritable(): Promise<DriveWritable>;
}

/** The subset of FileSystemDirectoryHandle that flashing uses. */
export interface DriveDirectory {
  readonly name?: string;
  getFileHandle(name: string, options?: { create?: boolean }): Promise<DriveFileHandle>;
}

export const UF2_TARGET_NAME = "firmware.uf2";
/** A multiple of 512 so every write hands the drive whole blocks. */
const CHUNK = 64 * 1024;

export interface Uf2FlashResult {
  chip: Rp2Chip;
  drive: Uf2DriveInfo;
  /** True when the drive vanished after the last byte (the expected reboot), false when close() still succeeded. */
  driveVanished: boolean;
}

/** Errors a removed drive produces in Chromium (DOMException names) or words a platform puts in the message. */
export function isDriveGone(e: unknown): boolean {
  const name = (e as { name?: unknown })?.name;
  if (name === "NotFoundError" || name === "NotReadableError" || name === "InvalidStateError") return true;
  const message = String((e as { message?: unknown })?.message ?? e);
  return /removed|disconnected|no such device|not found|device (is )?not ready|lost/i.test(message);
}

function describe(e: unknown): string {
  const err = e as { name?: string; message?: string };
  return `${err?.name ?? "Error"}: ${err?.message ?? String(e)}`;
}

export async function flashUf2(dir: DriveDirectory, image: Uint8Array, o: FlashOptions = {}): Promise<Uf2FlashResult> {
  const report = progressReporter(o.onProgress);
  const checkCancel = () => {
    if (o.signal?.aborted) throw new FlashError("Cancelled", "Flashing was cancelled.");
  };
  checkCancel();
  // A corrupt file is refused before the drive is touched.
  const uf2 = inspectUf2(image);
  report({ phase: "connecting", done: 0, total: image.length, message: "Reading INFO_UF2.TXT" }, true);

  let text: string;
  try {
    text = await (await (await dir.getFileHandle("INFO_UF2.TXT")).getFile()).text();
  } catch (e) {
    throw new FlashError(
      "NoResponse",
      `The folder${dir.name ? ` "${dir.name}"` : ""} is not a Pico boot drive: it has no INFO_UF2.TXT.`,
      PICK_DRIVE_HINT,
      describe(e),
    );
  }
  const drive = parseInfoUf2(text);
  const { chip, usableBlocks } = checkUf2ForDrive(drive, uf2);
  o.onLog?.(`Drive: ${drive.model ?? "?"} (Board-ID ${drive.boardId}), ${drive.bootloader ?? "UF2 bootloader"}`);
  o.onLog?.(`Image: ${uf2.blocks} blocks, ${usableBlocks} for ${chip}`);
  checkCancel();

  let writable: DriveWritable;
  try {
    writable = await (await dir.getFileHandle(UF2_TARGET_NAME, { create: true })).createWritable();
  } catch (e) {
    if (isDriveGone(e)) throw gone(0, image.length, e);
    throw new FlashError("DeviceError", "The Pico's drive refused the new file.", "Unplug the Pico, hold BOOTSEL, plug it in again and retry.", describe(e));
  }

  const complete = endOfLastBlockFor(chip, image);
  let written = 0;
  let driveVanished = false;
  report({ phase: "writing", done: 0, total: image.length }, true);
  try {
    while (written < image.length) {
      if (o.signal?.aborted) {
        await writable.abort?.("cancelled").catch(() => {});
        throw new FlashError(
          "Cancelled",
          "Flashing was cancelled before the whole file reached the Pico.",
          "The Pico stays in BOOTSEL mode with a partial image; flash again before using it.",
        );
      }
      let end = Math.min(written + CHUNK, image.length);
      if (written < complete && end > complete) end = complete;
      const chunk = image.slice(written, end);
      await writable.write(chunk);
      written += chunk.length;
      report({ phase: "writing", done: written, total: image.length });
    }
  } catch (e) {
    if (e instanceof FlashError) throw e;
    if (!isDriveGone(e)) {
      throw new FlashError("DeviceError", "Writing to the Pico's drive failed.", "Unplug the Pico, hold BOOTSEL, plug it in again and retry.", describe(e));
    }
    if (written < complete) throw gone(written, image.length, e);
    driveVanished = true;
    o.onLog?.(`The drive went away after the last ${chip} block (${describe(e)}): the Pico is restarting.`);
  }

  try {
    if (!driveVanished) await writable.close();
  } catch (e) {
    if (!isDriveGone(e)) {
      throw new FlashError("DeviceError", "The Pico's drive reported an error at the end of the copy.", "Unplug the Pico, hold BOOTSEL, plug it in again and retry.", describe(e));
    }
    // Every byte was handed over: this is the boot ROM rebooting into the new firmware.
    driveVanished = true;
    o.onLog?.(`The drive went away after the last byte (${describe(e)}): the Pico is restarting.`);
  }
  report({ phase: "resetting", done: image.length, total: image.length, message: "The Pico is restarting into the new firmware" }, true);
  report({ phase: "done", done: image.length, total: image.length }, true);
  return { chip, drive, driveVanished };
}

/** Byte offset just past the last block the chip's boot ROM takes. */
function endOfLastBlockFor(chip: Rp2Chip, image: Uint8Array): number {
  for (let at = image.length - UF2_BLOCK_SIZE; at >= 0; at -= UF2_BLOCK_SIZE) {
    const family = readUf2Block(image, at)?.familyId;
    if (family !== undefined && ACCEPTED_FAMILIES[chip].includes(family)) return at + UF2_BLOCK_SIZE;
  }
  return image.length;
}

function gone(written: number, total: number, e: unknown): FlashError {
  return new FlashError(
    "Disconnected",
    `The Pico's drive went away after ${written} of ${total} bytes, before the copy finished.`,
    "Plug the Pico in again while holding BOOTSEL, pick its drive, and flash again.",
    describe(e),
  );
}
