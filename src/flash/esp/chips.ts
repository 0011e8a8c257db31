/**
 * The Espressif chips Mote flashes. Facts from esptool-js 0.7.0's targets (chip names, image chip ids, magic values)
 * and notes/protocol.md (where MicroPython's single-file firmware goes in flash). `name` is exactly esptool-js's
 * CHIP_NAME, so a detected chip can be looked up here by the string the loader reports.
 */

export interface EspChip {
  /** esptool-js CHIP_NAME ("ESP32-C3"). */
  name: string;
  /** The u16 at offset 12 of an ESP image's extended header; ESP8266 images have no extended header. */
  imageChipId?: number;
  /** Where MicroPython's combined firmware .bin is written. */
  firmwareOffset: number;
  /**
   * The chip has a USB peripheral MicroPython uses as its REPL port. Over that port, a reset makes the USB device
   * go away and come back, so the browser's SerialPort object is dead afterwards.
   */
  nativeUsb: boolean;
  /** Value of the register at 0x40001000 that the ROM reports (esptool's chip magic); the first one is used by doubles. */
  magic: number[];
}

export const ESP_CHIPS: readonly EspChip[] = [
  { name: "ESP8266", firmwareOffset: 0x0, nativeUsb: false, magic: [0xfff0c101] },
  { name: "ESP32", imageChipId: 0, firmwareOffset: 0x1000, nativeUsb: false, magic: [0x00f01d83] },
  { name: "ESP32-S2", imageChipId: 2, firmwareOffset: 0x1000, nativeUsb: true, magic: [0x000007c6] },
  { name: "ESP32-S3", imageChipId: 9, firmwareOffset: 0x0, nativeUsb: true, magic: [0x00000009] },
  { name: "ESP32-C3", imageChipId: 5, firmwareOffset: 0x0, nativeUsb: true, magic: [0x1b31506f, 0x6921506f, 0x4881606f, 0x4361606f] },
  { name: "ESP32-C2", imageChipId: 12, firmwareOffset: 0x0, nativeUsb: false, magic: [0x6f51306f, 0x7c41a06f, 0x0c21e06f] },
  { name: "ESP32-C6", imageChipId: 13, firmwareOffset: 0x0, nativeUsb: true, magic: [0x2ce0806f] },
  { name: "ESP32-H2", imageChipId: 16, firmwareOffset: 0x0, nativeUsb: true, magic: [0xd7b73e80, 0x97e30068] },
  { name: "ESP32-C5", imageChipId: 23, firmwareOffset: 0x2000, nativeUsb: true, magic: [0x1101406f, 0x63e1406f, 0x5fd1406f] },
  { name: "ESP32-P4", imageChipId: 18, firmwareOffset: 0x2000, nativeUsb: true, magic: [0x0addbad0, 0x7039ad9] },
];

const normalise = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, "");

/** Looks a chip up by esptool's name in any spelling ("ESP32-C3", "esp32c3"). */
export function espChipByName(name: string): EspChip | undefined {
  const key = normalise(name);
  return ESP_CHIPS.find((c) => normalise(c.name) === key);
}

export function espChipByImageId(id: number): EspChip | undefined {
  return ESP_CHIPS.find((c) => c.imageChipId === id);
}
