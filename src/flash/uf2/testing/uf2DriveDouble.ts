/**
 * TEST DOUBLE: the BOOTSEL drive of a Raspberry Pi RP2040 / RP2350, in memory, behind the same DriveDirectory subset
 * flashUf2 uses (getFileHandle / getFile().text() / createWritable().write/close). No such device can run here, so
 * this follows the RP2040 boot ROM's virtual disk (raspberrypi/pico-bootrom-rp2040 bootrom/virtual_disk.c):
 * - the drive shows INFO_UF2.TXT and INDEX.HTM with the ROM's real texts;
 * - every 512-byte sector that lands is looked at on its own, as the ROM sees sectors, whatever file they belong to
 *   (Chromium writes through a swap file; the ROM does not care about names);
 * - a block counts when the magics match, the family flag is set with a family this chip takes, NOT_MAIN_FLASH is
 *   clear, the payload is 256 bytes and the target is a 256-aligned flash address; other blocks are ignored;
 * - a new num_blocks starts a new transfer; the 4 KiB flash sector under a block is erased (to 0xFF) the first time
 *   the transfer touches it, then the payload is programmed at target - 0x10000000 (the XIP base);
 * - once it holds num_blocks distinct blocks it reboots: the drive is gone and every further operation on any
 *   handle rejects as Chromium does for a removed drive.
 */
import type { DriveDirectory, DriveFile, DriveFileHandle, DriveWritable } from "../flashUf2";
import { ACCEPTED_FAMILIES, readUf2Block, UF2_BLOCK_SIZE, UF2_FLAG_NOT_MAIN_FLASH, type Rp2Chip } from "../uf2";

export const XIP_BASE = 0x10000000;
const SECTOR_ERASE = 4096;
const PAGE = 256;

export const INFO_UF2_TEXT: Record<Rp2Chip, string> = {
  RP2040: "UF2 Bootloader v3.0\r\nModel: Raspberry Pi RP2\r\nBoard-ID: RPI-RP2\r\n",
  RP2350: "UF2 Bootloader v1.0\r\nModel: Raspberry Pi RP2350\r\nBoard-ID: RP2350\r\n",
};

const INDEX_HTM = '<html><head><meta http-equiv="refresh" content="0;URL=\'https://raspberrypi.com/device/RP2?version=E0C9125B0D9B\'"/></head><body>Redirecting to <a href=\'https://raspberrypi.com/device/RP2?version=E0C9125B0D9B\'>raspberrypi.com</a></body></html>';

export interface Uf2DriveDoubleOptions {
  chip?: Rp2Chip;
  /** Flash size in bytes: 2 MiB on a Pico, 4 MiB on a Pico 2. */
  flashSize?: number;
  /** Replace INFO_UF2.TXT (an unknown board) or remove it (null: not a boot drive). */
  infoText?: string | null;
  /** Volume label shown as the handle's name. */
  label?: string;
  /** Fault: the drive vanishes (cable pulled) once this many bytes of copies have landed. */
  unplugAfterBytes?: number;
  /** The DOMException name a removed drive produces; Chromium gives NotFoundError for most operations. */
  goneErrorName?: string;
}

export interface Uf2DriveFileInfo {
  name: string;
  size: number;
}

function goneError(name: string): Error {
  return new DOMException("A requested file or directory could not be found at the time an operation was processed.", name);
}

export class Uf2DriveDouble implements DriveDirectory {
  readonly name: string;
  readonly chip: Rp2Chip;
  /** What the chip's flash holds, offset 0 = address 0x10000000. Starts as an "old firmware" pattern. */
  readonly flash: Uint8Array;
  /** Sector start offsets erased, in order. */
  readonly erasedSectors: number[] = [];
  /** Every sector the host wrote, in order, whatever file it was in (for assertions on what was offered). */
  readonly landed: Uint8Array[] = [];
  private readonly files = new Map<string, Uint8Array>();
  private readonly opts: Uf2DriveDoubleOptions;
  private state: "present" | "rebooted" | "unplugged" = "present";
  private bytesLanded = 0;
  private transfer: { numBlocks: number; valid: Set<number>; cleared: Set<number> } | null = null;

  constructor(options: Uf2DriveDoubleOptions = {}) {
    this.opts = options;
    this.chip = options.chip ?? "RP2040";
    this.name = options.label ?? (this.chip === "RP2040" ? "RPI-RP2" : "RP2350");
    this.flash = new Uint8Array(options.flashSize ?? (this.chip === "RP2040" ? 2 : 4) * 1024 * 1024);
    for (let i = 0; i < this.flash.length; i++) this.flash[i] = (i * 7 + 3) & 0xff;
    const info = options.infoText === undefined ? INFO_UF2_TEXT[this.chip] : options.infoText;
    if (info !== null) this.files.set("INFO_UF2.TXT", new TextEncoder().encode(info));
    this.files.set("INDEX.HTM", new TextEncoder().encode(INDEX_HTM));
  }

  /** True once the ROM rebooted into the new firmware (all blocks held). */
  get rebooted(): boolean {
    return this.state === "rebooted";
  }

  get present(): boolean {
    return this.state === "present";
  }

  /** Pull the cable now. */
  unplug(): void {
    if (this.state === "present") this.state = "unplugged";
  }

  /** Files the host sees or created, with sizes (copies keep the size the host wrote). */
  listFiles(): Uf2DriveFileInfo[] {
    return [...this.files].map(([name, bytes]) => ({ name, size: bytes.length }));
  }

  /** Bytes of the flash between two XIP addresses. */
  read(address: number, length: number): Uint8Array {
    return this.flash.slice(address - XIP_BASE, address - XIP_BASE + length);
  }

  async getFileHandle(name: string, options: { create?: boolean } = {}): Promise<DriveFileHandle> {
    this.assertPresent();
    const key = [...this.files.keys()].find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
    if (!this.files.has(key)) {
      if (!options.create) throw new DOMException("A requested file or directory could not be found at the time an operation was processed.", "NotFoundError");
      this.files.set(key, new Uint8Array(0));
    }
    return this.fileHandle(key);
  }

  private fileHandle(name: string): DriveFileHandle {
    return {
      getFile: async (): Promise<DriveFile> => {
        this.assertPresent();
        const bytes = this.files.get(name) ?? new Uint8Array(0);
        return { text: async () => new TextDecoder().decode(bytes) };
      },
      createWritable: async (): Promise<DriveWritable> => {
        this.assertPresent();
        return this.writable(name);
      },
    };
  }

  private writable(name: string): DriveWritable {
    const parts: Uint8Array[] = [];
    let pending = new Uint8Array(0);
    let closed = false;
    return {
      write: async (data: Uint8Array<ArrayBuffer>) => {
        this.assertPresent();
        if (closed) throw new TypeError("Cannot write to a CLOSED writable stream");
        const joined = new Uint8Array(pending.length + data.length);
        joined.set(pending);
        joined.set(data, pending.length);
        let at = 0;
        // Sectors reach the disk as they complete; the ROM sees them one at a time.
        while (joined.length - at >= UF2_BLOCK_SIZE) {
          if (this.state !== "present") throw goneError(this.opts.goneErrorName ?? "NotFoundError");
          const sector = joined.slice(at, at + UF2_BLOCK_SIZE);
          this.sectorLanded(sector);
          parts.push(sector);
          at += UF2_BLOCK_SIZE;
        }
        pending = joined.slice(at);
        if (this.state === "unplugged") throw goneError(this.opts.goneErrorName ?? "NotFoundError");
      },
      close: async () => {
        this.assertPresent();
        if (pending.length > 0) parts.push(pending);
        closed = true;
        const size = parts.reduce((n, p) => n + p.length, 0);
        const all = new Uint8Array(size);
        let o = 0;
        for (const p of parts) {
          all.set(p, o);
          o += p.length;
        }
        this.files.set(name, all);
      },
      abort: async () => {
        closed = true;
      },
    };
  }

  private assertPresent(): void {
    if (this.state !== "present") throw goneError(this.opts.goneErrorName ?? "NotFoundError");
  }

  private sectorLanded(sector: Uint8Array): void {
    this.landed.push(sector);
    this.bytesLanded += sector.length;
    const block = readUf2Block(sector, 0);
    if (block) this.romTakes(block);
    if (this.opts.unplugAfterBytes !== undefined && this.bytesLanded >= this.opts.unplugAfterBytes && this.state === "present") {
      this.state = "unplugged";
    }
  }

  private romTakes(b: NonNullable<ReturnType<typeof readUf2Block>>): void {
    if (b.familyId === undefined || !ACCEPTED_FAMILIES[this.chip].includes(b.familyId)) return;
    if (b.flags & UF2_FLAG_NOT_MAIN_FLASH || b.payloadSize !== PAGE) return;
    const offset = b.targetAddr - XIP_BASE;
    if (offset < 0 || offset + PAGE > this.flash.length || offset % PAGE !== 0 || b.numBlocks === 0) {
      this.transfer = null; // the ROM resets its transfer on garbage
      return;
    }
    if (!this.transfer || this.transfer.numBlocks !== b.numBlocks) {
      this.transfer = { numBlocks: b.numBlocks, valid: new Set(), cleared: new Set() };
    }
    const t = this.transfer;
    if (b.blockNo >= t.numBlocks || t.valid.has(b.blockNo)) return;
    const sectorStart = offset - (offset % SECTOR_ERASE);
    if (!t.cleared.has(sectorStart)) {
      t.cleared.add(sectorStart);
      this.flash.fill(0xff, sectorStart, sectorStart + SECTOR_ERASE);
      this.erasedSectors.push(sectorStart);
    }
    this.flash.set(b.payload.subarray(0, PAGE), offset);
    t.valid.add(b.blockNo);
    if (t.valid.size === t.numBlocks) this.state = "rebooted";
  }
}
