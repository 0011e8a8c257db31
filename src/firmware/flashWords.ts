/**
 * Words for the flashing dialog: every FlashError code gets what happened and what to do next. Flashers may carry a
 * more precise hint (the ESP path knows about BOOT/RESET); the table fills in where they do not.
 */
import { DeviceError } from "../device/errors";
import { FlashError, type FlashErrorCode } from "../flash/errors";
import type { FlashProgress } from "../flash/types";

export interface FlashMessage {
  text: string;
  hint?: string;
  code?: string;
}

const HINTS: Record<FlashErrorCode, string> = {
  NoResponse: "Put the board in its bootloader (ESP: hold BOOT and press RESET; Pico: hold BOOTSEL while plugging in), then try again.",
  WrongChip: "Choose the firmware made for this board, or pick the right board in the list.",
  BadImage: "Download the file again or pick another one: this one is damaged or not a firmware image.",
  VerifyFailed: "Try again; if it keeps failing, try a shorter USB cable or another USB port.",
  Disconnected: "Plug the board back in and try again. Nothing is lost: flashing can simply start over.",
  Cancelled: "Nothing else needs doing. The board may hold a partial firmware until you flash again.",
  Timeout: "Unplug the board, plug it back in, and try again.",
  Unsupported: "Use Chrome or Edge on a desktop computer.",
  Network: "Check your connection, or pick a firmware file from your computer instead.",
  DeviceError: "Reset the board into its bootloader and try again.",
};

export function describeFlashError(e: unknown): FlashMessage {
  if (e instanceof FlashError) return { text: e.message, hint: e.hint ?? HINTS[e.code], code: e.code };
  if (e instanceof DeviceError) return { text: e.message, code: e.code };
  if (e instanceof Error) return { text: `Flashing stopped: ${e.message}`, hint: HINTS.Disconnected };
  return { text: `Flashing stopped: ${String(e)}` };
}

const PHASES: Record<FlashProgress["phase"], string> = {
  connecting: "Talking to the bootloader",
  erasing: "Erasing",
  writing: "Writing",
  verifying: "Verifying",
  resetting: "Restarting the board",
  done: "Done",
};

export const phaseWords = (phase: FlashProgress["phase"]): string => PHASES[phase];

export function formatRate(bytesPerSecond: number | undefined): string {
  if (!bytesPerSecond || !Number.isFinite(bytesPerSecond)) return "";
  return bytesPerSecond >= 1024 * 1024
    ? `${(bytesPerSecond / 1024 / 1024).toFixed(1)} MB/s`
    : `${Math.round(bytesPerSecond / 1024)} KB/s`;
}

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
  return `${Math.round(bytes / 1024)} KB`;
}

export const METHOD_HELP = {
  esp: "Mote asks for the board's serial port, then flashes it with esptool. If the board does not answer, hold BOOT, press RESET, and start again.",
  uf2: "Hold BOOTSEL while you plug the Pico in: a drive named RPI-RP2 (or RP2350) appears. Pick that drive when asked.",
  dfu: "Put the pyboard in DFU mode (connect DFU to 3V3, then press RESET) and pick “STM32 BOOTLOADER” when asked. On Windows, install the WinUSB driver for it first (with Zadig).",
} as const;
