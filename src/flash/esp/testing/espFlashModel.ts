/**
 * TEST DOUBLE support: an ESP's SPI flash and the write sessions the ROM and the stub run on it. The ROM erases the
 * whole region at FLASH_BEGIN; the stub erases each 4 KB sector just before it first writes to it (esptool docs:
 * "just-in-time erasing"). Compressed sessions inflate a zlib stream block by block, as the stub does.
 */
import { md5 } from "@noble/hashes/legacy.js";
import type { Unzlib } from "fflate";

const SECTOR = 4096;

export type FlashWriteError = "inflate" | "tooMuch" | "notEnough";

interface Session {
  offset: number;
  size: number;
  blockSize: number;
  nextSeq: number;
  written: number;
  inflater?: Unzlib;
  erased: Set<number>;
  jit: boolean;
  failed?: FlashWriteError;
}

export class EspFlashModel {
  readonly bytes: Uint8Array;
  private session: Session | undefined;

  /** `stuckLowAt`: a flash cell whose bit 0 reads 0 whatever is written (a worn chip): writes "succeed", MD5 differs. */
  constructor(
    readonly size: number,
    private readonly stuckLowAt?: number,
  ) {
    this.bytes = new Uint8Array(size).fill(0xff);
  }

  begin(o: { eraseNow: boolean; size: number; blockSize: number; offset: number; inflater?: Unzlib }): void {
    if (o.eraseNow) this.eraseRegion(o.offset - (o.offset % SECTOR), Math.ceil(((o.offset % SECTOR) + o.size) / SECTOR) * SECTOR, true);
    this.session = { offset: o.offset, size: o.size, blockSize: o.blockSize, nextSeq: 0, written: 0, inflater: o.inflater, erased: new Set(), jit: !o.eraseNow };
    if (o.inflater) {
      const s = this.session;
      o.inflater.ondata = (chunk) => this.put(s, chunk);
    }
  }

  /** One _DATA block; returns an error name or undefined. */
  data(seq: number, payload: Uint8Array, compressed: boolean): FlashWriteError | undefined {
    const s = this.session;
    if (!s || Boolean(s.inflater) !== compressed) return "notEnough";
    if (s.failed) return s.failed; // a session that went wrong stays wrong until the next _BEGIN
    if (seq === s.nextSeq - 1) return undefined; // sent again after a lost reply: already written
    if (seq !== s.nextSeq) return "notEnough";
    try {
      if (s.inflater) s.inflater.push(payload, false);
      else this.put(s, payload);
    } catch (e) {
      s.failed = e instanceof RangeError ? "tooMuch" : "inflate";
      return s.failed;
    }
    s.nextSeq++;
    return undefined;
  }

  end(): FlashWriteError | undefined {
    const s = this.session;
    this.session = undefined;
    if (!s) return undefined;
    try {
      s.inflater?.push(new Uint8Array(0), true);
    } catch {
      return "inflate";
    }
    return s.inflater && s.written < s.size ? "notEnough" : undefined;
  }

  endSession(): void {
    this.session = undefined;
  }

  md5(address: number, length: number): Uint8Array | undefined {
    if (address + length > this.size) return undefined;
    return md5(this.bytes.subarray(address, address + length));
  }

  eraseAll(): void {
    this.bytes.fill(0xff);
  }

  eraseRegion(address: number, length: number, clamp = false): boolean {
    if (!clamp && (address % SECTOR !== 0 || length % SECTOR !== 0)) return false;
    if (address + length > this.size && !clamp) return false;
    this.bytes.fill(0xff, address, Math.min(this.size, address + length));
    return true;
  }

  private put(s: Session, chunk: Uint8Array): void {
    // The stub writes exactly `size` bytes; the ROM takes whole padded blocks.
    const at = s.offset + s.written;
    if (at + chunk.length > this.size || (s.inflater && s.written + chunk.length > s.size)) throw new RangeError("too much data");
    if (s.jit) {
      for (let sector = Math.floor(at / SECTOR); sector * SECTOR < at + chunk.length; sector++) {
        if (s.erased.has(sector)) continue;
        s.erased.add(sector);
        this.bytes.fill(0xff, sector * SECTOR, (sector + 1) * SECTOR);
      }
    }
    // NOR flash: a write can only clear bits, which is why erasing comes first.
    for (let i = 0; i < chunk.length; i++) this.bytes[at + i] &= chunk[i];
    if (this.stuckLowAt !== undefined && this.stuckLowAt >= at && this.stuckLowAt < at + chunk.length) this.bytes[this.stuckLowAt] &= 0xfe;
    s.written += chunk.length;
  }
}
