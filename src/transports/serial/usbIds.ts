import type { LinkTraits } from "../../device/transport";
import type { SerialPortFilter, SerialPortInfo } from "./webSerialTypes";

/**
 * micro:bit v1 firmware (MicroPython 1.9.x) keeps only 63 unread bytes and drops the rest silently. A cap on the
 * write rate; measured under QEMU (see src/transports/node/qemuMicrobit.ts, whose slower emulation is paced at
 * 16 B / 2 ms), where it is not a full guarantee.
 * v2 boards answer raw-paste, and the core then uses its flow control instead.
 */
export const MICROBIT_PACING = { chunkBytes: 32, delayMs: 2 } as const;

/** What a port's USB ids tell us about the link before talking to the board. */
export function defaultTraits(info: SerialPortInfo): LinkTraits | undefined {
  if (info.usbVendorId === 0x0d28) return { pacing: { ...MICROBIT_PACING } };
  return undefined;
}

/**
 * USB vendors whose serial ports are likely to be a MicroPython board. Used as chooser filters so the list shows
 * boards rather than every modem and headset; "any port" drops the filters for boards behind other USB chips.
 */
export const BOARD_USB_VENDORS: ReadonlyArray<{ usbVendorId: number; name: string }> = [
  { usbVendorId: 0x303a, name: "Espressif" }, // ESP32-S2/S3/C3/C6 native USB
  { usbVendorId: 0x2e8a, name: "Raspberry Pi" }, // Pico / RP2040 / RP2350
  { usbVendorId: 0x0483, name: "STMicroelectronics" }, // STM32 boards
  { usbVendorId: 0xf055, name: "MicroPython" }, // pyboard (the project's own id)
  { usbVendorId: 0x10c4, name: "Silicon Labs CP210x" }, // common on ESP32 dev boards
  { usbVendorId: 0x1a86, name: "WCH CH340" }, // CH340/CH9102, ESP8266/ESP32 clones
  { usbVendorId: 0x0403, name: "FTDI" },
  { usbVendorId: 0x0d28, name: "BBC micro:bit" }, // Arm DAPLink interface chip
];

export const BOARD_USB_FILTERS: SerialPortFilter[] = BOARD_USB_VENDORS.map(({ usbVendorId }) => ({ usbVendorId }));

const hex4 = (n: number) => n.toString(16).padStart(4, "0");

export function usbVendorName(usbVendorId: number | undefined): string | undefined {
  return BOARD_USB_VENDORS.find((v) => v.usbVendorId === usbVendorId)?.name;
}

/**
 * A short label a person can recognise, e.g. "Raspberry Pi (2e8a:0005)", "USB serial (1234:5678)",
 * "Bluetooth serial" or "Serial port" (built-in UARTs have no USB ids).
 */
export function describePort(info: SerialPortInfo): string {
  if (info.usbVendorId !== undefined) {
    const ids = `${hex4(info.usbVendorId)}:${info.usbProductId !== undefined ? hex4(info.usbProductId) : "????"}`;
    return `${usbVendorName(info.usbVendorId) ?? "USB serial"} (${ids})`;
  }
  if (info.bluetoothServiceClassId !== undefined) return "Bluetooth serial";
  return "Serial port";
}
