/**
 * The flashing store's only doorway to the browser (port chooser, folder picker, WebUSB), the firmware catalog and the
 * flashers. The flashers load on demand: esptool-js and its stubs are far bigger than the app shell. Unit tests
 * replace this module (vi.mock).
 */
import type { FlashOptions } from "../flash/types";
import type { SerialPortLike } from "../transports/serial/webSerialTypes";
import { requestSerialPort } from "../transports/serial";

export type { SerialPortLike };

/** A board from micropython.org's index, as the catalog module reports it. */
export interface CatalogBoard {
  id: string;
  name: string;
  vendor?: string;
  mcu: string;
  family: "esp" | "rp2" | "stm32" | "other";
}

export interface CatalogFirmware {
  version: string;
  date?: string;
  variant?: string;
  preview: boolean;
  kind: string;
  url: string;
}

export interface EspOutcome {
  chip: string;
  /** Native-USB chips re-enumerate after the reset: the port object is gone and the person must choose it again. */
  needsNewPort: boolean;
}

export interface FlashLinks {
  loadCatalog(): Promise<{ boards: CatalogBoard[]; cachedNote?: string }>;
  firmwareFor(boardId: string): Promise<CatalogFirmware[]>;
  fetchFirmware(url: string, o: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void }): Promise<{ bytes: Uint8Array; sha256: string }>;
  sha256Hex(bytes: Uint8Array): Promise<string>;
  /** The serial chooser; null when the person closes it. */
  requestSerialPort(): Promise<SerialPortLike | null>;
  /** The folder chooser for the UF2 boot drive; null when the person closes it. */
  pickDrive(): Promise<unknown | null>;
  /** The WebUSB chooser filtered to STM32 DFU devices; null when the person closes it. */
  requestDfuDevice(): Promise<unknown | null>;
  /** Reach the ESP bootloader on `port` and name the chip ("ESP32-C3"); the board restarts, nothing is written. */
  detectEsp(port: SerialPortLike): Promise<{ chip: string; description: string }>;
  flashEsp(port: SerialPortLike, image: Uint8Array, o: FlashOptions & { erase: boolean }): Promise<EspOutcome>;
  flashUf2(drive: unknown, image: Uint8Array, o: FlashOptions): Promise<void>;
  flashDfu(device: unknown, image: Uint8Array, o: FlashOptions): Promise<void>;
}

function cachedNote(c: { cached: boolean; ageSeconds?: number }): string | undefined {
  if (!c.cached) return undefined;
  if (c.ageSeconds === undefined) return "The board list is Mote's saved copy.";
  const hours = c.ageSeconds / 3600;
  const age = hours < 1 ? `${Math.max(1, Math.round(c.ageSeconds / 60))} min` : hours < 48 ? `${Math.round(hours)} h` : `${Math.round(hours / 24)} days`;
  return `The board list is Mote's saved copy from ${age} ago.`;
}

const aborted = (e: unknown) => e instanceof DOMException && (e.name === "NotFoundError" || e.name === "AbortError");

export const flashLinks: FlashLinks = {
  async loadCatalog() {
    const m = await import("../flash/catalog");
    const catalog = await m.loadCatalog();
    return { boards: catalog.boards, cachedNote: cachedNote(catalog) };
  },
  async firmwareFor(boardId) {
    const m = await import("../flash/catalog");
    const list = await m.firmwareFor(boardId);
    // Only whole images a flasher can put on a bare board: no OTA .app-bin, no .hex.
    return list.filter((f) => f.kind === "bin" || f.kind === "uf2" || f.kind === "dfu");
  },
  async fetchFirmware(url, o) {
        const m = await import("../flash/catalog");
    return m.fetchFirmware(url, o);
  },
  async sha256Hex(bytes) {
    const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
  },
  async requestSerialPort() {
    try {
      return await requestSerialPort({ anyPort: true });
    } catch (e) {
      if (aborted(e)) return null;
      throw e;
    }
  },
  async pickDrive() {
    const w = window as unknown as { showDirectoryPicker?: (o?: object) => Promise<unknown> };
    if (!w.showDirectoryPicker) return null;
    try {
      return await w.showDirectoryPicker({ mode: "readwrite" });
    } catch (e) {
      if (aborted(e)) return null;
      throw e;
    }
  },
  async requestDfuDevice() {
    const usb = (navigator as unknown as { usb?: { requestDevice(o: object): Promise<unknown> } }).usb;
    if (!usb) return null;
    try {
      return await usb.requestDevice({ filters: [{ vendorId: 0x0483, productId: 0xdf11 }] });
    } catch (e) {
      if (aborted(e)) return null;
      throw e;
    }
  },
  async detectEsp(port) {
    const m = await import("../flash/esp/detectEsp");
    return m.detectEsp(port as never);
  },
  async flashEsp(port, image, o) {
        const m = await import("../flash/esp/flashEsp");
    return m.flashEsp(port as never, image, o);
  },
  async flashUf2(drive, image, o) {
        const m = await import("../flash/uf2/flashUf2");
    await m.flashUf2(drive as never, image, o);
  },
  async flashDfu(device, image, o) {
        const file = await import("../flash/dfu/dfuseFile");
        const dfu = await import("../flash/dfu/dfuse");
    await dfu.flashDfuse(device as never, file.parseDfuseFile(image), o);
  },
};
