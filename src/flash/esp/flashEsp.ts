/**
 * Flashes MicroPython onto an ESP chip with the real esptool-js: connect and detect (ESPLoader.main: reset into the
 * ROM bootloader, sync, identify, upload the stub), check the image against the detected chip before anything is
 * erased or written, optionally erase, write compressed at the chip's firmware offset, verify by MD5, then hard
 * reset the way esp-web-tools does (esptool-js's after() does not raise RTS first) and release the port.
 * Every failure a person can meet comes out as a FlashError.
 */
import { md5 } from "@noble/hashes/legacy.js";
import { ESPLoader, Transport } from "esptool-js";
import { FlashError } from "../errors";
import type { FlashOptions } from "../types";
import { progressReporter } from "../progress";
import { espChipByName } from "./chips";
import { checkEspImage } from "./image";
import { WatchedPort, type EspSerialPort } from "./watchedPort";

export type { EspSerialPort } from "./watchedPort";

export interface FlashEspOptions extends FlashOptions {
  /** Erase the whole flash first (the board's files go too). */
  erase?: boolean;
  /** Baud rate for writing once the stub runs; the ROM is always reached at 115200. */
  baudRate?: number;
  /** The chip the person picked; a different detected chip is refused before anything is written. */
  expectChip?: string;
}

export interface FlashEspResult {
  /** esptool's description, e.g. "ESP32-D0WD (revision 1)". */
  chip: string;
  mac?: string;
  /** The port object is dead after the reset (native USB re-enumerates): the UI must ask for the port again. */
  needsNewPort: boolean;
}

export const ROM_BAUD = 115200;
const ESPRESSIF_VID = 0x303a;
const NO_SYNC_HINT = "Hold BOOT, press and release RESET, then try again";
const CABLE_HINT = "cable pulled? plug it back in and try again";

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function md5Hex(bytes: Uint8Array): string {
  return Array.from(md5(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

export async function flashEsp(port: EspSerialPort, image: Uint8Array, o: FlashEspOptions = {}): Promise<FlashEspResult> {
  // A file that is not firmware, or firmware for another chip than the one picked, is refused before the port opens.
  const imageInfo = checkEspImage(image);
  if (o.expectChip !== undefined) checkEspImage(image, o.expectChip);
  if (o.signal?.aborted) throw cancelled();

  const watched = new WatchedPort(port);
  const transport = new Transport(watched as unknown as ConstructorParameters<typeof Transport>[0], false);
  // esptool-js prints some trace lines to the console even with tracing off; the dialog's log has what matters.
  transport.trace = () => {};
  const progress = progressReporter(o.onProgress);
  let mac: string | undefined;
  let partial = "";
  const logLine = (line: string) => {
    const m = /^MAC: ([0-9a-f:]{17})/i.exec(line);
    if (m) mac = m[1];
    if (/^File\s+md5:/.test(line)) progress({ phase: "verifying", done: 0, total: image.length });
    o.onLog?.(line);
  };
  const loader = new ESPLoader({
    transport,
    baudrate: o.baudRate ?? ROM_BAUD,
    romBaudrate: ROM_BAUD,
    terminal: {
      clean: () => {},
      writeLine: (line: string) => {
        logLine(partial + line);
        partial = "";
      },
      write: (text: string) => {
        const lines = (partial + text).split(/\r?\n\r?|\r/);
        partial = lines.pop() ?? "";
        for (const l of lines) if (l) logLine(l);
      },
    },
  });

  // esptool-js cannot be cancelled and does not notice a lost port: race each step against both.
  let aborted = false;
  const stopped = new Promise<never>((_, reject) => {
    const onAbort = () => {
      aborted = true;
      reject(cancelled());
    };
    if (o.signal?.aborted) onAbort();
    o.signal?.addEventListener("abort", onAbort, { once: true });
  });
  stopped.catch(() => {});
  const step = <T>(work: Promise<T>): Promise<T> => {
    work.catch(() => {}); // it may fail later, after we stopped waiting for it
    return Promise.race([work, stopped, watched.lost]);
  };
  const checkpoint = () => {
    if (aborted) throw cancelled();
  };

  let connected = false;
  try {
    progress({ phase: "connecting", done: 0, total: 0, message: "Connecting to the board" });
    connected = true;
    const description = await step(loader.main());
    const chipName: string = loader.chip.CHIP_NAME;
    progress({ phase: "connecting", done: 0, total: 0, message: `Chip is ${description}` });
    if (o.expectChip !== undefined && espChipByName(o.expectChip)?.name !== chipName) {
      throw new FlashError("WrongChip", `This board is an ${chipName}, not the ${o.expectChip} you picked.`, `Pick ${chipName} and its firmware.`);
    }
    checkEspImage(image, chipName);
    const chip = espChipByName(chipName);
    if (!chip) throw new FlashError("Unsupported", `Mote cannot flash an ${chipName} yet.`);

    if (o.erase) {
      checkpoint();
      progress({ phase: "erasing", done: 0, total: 0, message: "Erasing the whole flash" });
      await step(loader.eraseFlash());
    }

    checkpoint();
    const started = Date.now();
    progress({ phase: "writing", done: 0, total: image.length });
    await step(
      loader.writeFlash({
        fileArray: [{ data: image, address: chip.firmwareOffset }],
        flashSize: "keep",
        flashMode: "keep",
        flashFreq: "keep",
        eraseAll: false,
        compress: true,
        // Called after every block: the one place esptool-js can be stopped cleanly between blocks.
        reportProgress: (_file: number, written: number, total: number) => {
          checkpoint();
          const done = total > 0 ? Math.round((written / total) * image.length) : 0;
          const seconds = (Date.now() - started) / 1000;
          progress({ phase: "writing", done, total: image.length, bytesPerSecond: seconds > 0 ? Math.round(done / seconds) : undefined });
        },
        calculateMD5Hash: (bytes: Uint8Array) => md5Hex(bytes),
      }),
    );
    progress({ phase: "verifying", done: image.length, total: image.length, message: "Hash of data verified" });

    progress({ phase: "resetting", done: 0, total: 0, message: "Restarting the board" });
    await step(hardReset(transport));
    connected = false;
    await release(transport);
    const vid = port.getInfo().usbVendorId;
    progress({ phase: "done", done: image.length, total: image.length });
    return { chip: description, mac, needsNewPort: chip.nativeUsb && vid === ESPRESSIF_VID };
  } catch (e) {
    const error = toFlashError(e, watched.isLost, aborted, imageInfo.chipName);
    if (connected) {
      // Leave the board running its old firmware rather than sitting in the bootloader.
      if (!watched.isLost && error.code !== "NoResponse") await hardReset(transport).catch(() => {});
      await release(transport);
    }
    throw error;
  }
}

/** RTS pulls EN low with DTR (IO0) released: the chip restarts into its firmware. */
export async function hardReset(transport: Transport): Promise<void> {
  await transport.setDTR(false);
  await transport.setRTS(true);
  await sleep(100);
  await transport.setRTS(false);
}

export async function release(transport: Transport): Promise<void> {
  await Promise.race([transport.disconnect().catch(() => {}), sleep(2000)]);
}

function cancelled(): FlashError {
  return new FlashError("Cancelled", "Flashing was cancelled.", "The board may not start until it is flashed again.");
}

export function toFlashError(e: unknown, lost: boolean, aborted: boolean, imageChip?: string): FlashError {
  if (aborted) return cancelled();
  if (e instanceof FlashError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (lost) return new FlashError("Disconnected", "The board went away while flashing.", CABLE_HINT, message);
  if (/Failed to connect/i.test(message)) {
    return new FlashError("NoResponse", "The board did not answer: it is not in download mode.", NO_SYNC_HINT, message);
  }
  if (/MD5 of file does not match/i.test(message)) {
    return new FlashError("VerifyFailed", "What the board holds differs from the firmware file.", "Flash again; if it fails again, try another cable or a lower speed.", message);
  }
  if (/failed with status/i.test(message)) {
    return new FlashError("DeviceError", "The board's bootloader reported an error.", "Flash again; if it fails again, erase the flash first.", message);
  }
  if (/No serial data|stream stopped|Timeout/i.test(message)) {
    return new FlashError("Timeout", "The board stopped answering.", "Press RESET on the board and try again.", message);
  }
  return new FlashError("DeviceError", `Flashing ${imageChip ?? "the board"} failed.`, "Try again.", message);
}
