/**
 * TEST DOUBLE support: what each chip's ROM bootloader reports, taken from esptool-js 0.7.0's targets (register
 * addresses it reads, magic values, SPI peripheral layout) and from boot logs real chips print. Registers not
 * listed read as 0, as unused efuse words do on a fresh chip.
 */

export interface EspChipModel {
  name: string;
  magic: number;
  /** ROM status bytes after the data: 2 on ESP8266, 4 on later chips (the stub always sends 2). */
  romStatusLen: 2 | 4;
  /** GET_SECURITY_INFO in the ROM: unsupported (ESP8266, ESP32), 12 bytes (ESP32-S2), or 20 bytes with a chip id. */
  securityInfo: "unsupported" | "short" | { chipId: number };
  /** SPI0 peripheral (flash): base, and offsets of USR2 (command byte) and W0 (data word). */
  spi: { base: number; usr2: number; w0: number };
  registers: Record<number, number>;
  /** Boot log at 115200 baud for download and for normal boot (ESP8266 prints at 74880: noise here). */
  bootText: { download: string; normal: string };
  usb: { vendorId: number; productId: number };
}

const EFUSE_ESP32 = 0x3ff5a000;

export const ESP_CHIP_MODELS: Record<string, EspChipModel> = {
  ESP8266: {
    name: "ESP8266",
    magic: 0xfff0c101,
    romStatusLen: 2,
    securityInfo: "unsupported",
    spi: { base: 0x60000200, usr2: 0x24, w0: 0x40 },
    registers: {
      0x60000014: 0x000001c4, // UART_CLKDIV: 26 MHz crystal at 115200
      0x3ff00050: 0x56000000, // efuse 0: MAC byte 5
      0x3ff00054: 0x00001234, // efuse 1: OUI selector 0 (18:fe:34), MAC bytes 3..4
    },
    bootText: { download: "\x00\xf8\x80\x0c\x8c\x0c\x00", normal: "\x00\xf8\x80\x0c\x8c\x0c\x00" },
    usb: { vendorId: 0x1a86, productId: 0x7523 },
  },
  ESP32: {
    name: "ESP32",
    magic: 0x00f01d83,
    romStatusLen: 4,
    securityInfo: "unsupported",
    spi: { base: 0x3ff42000, usr2: 0x24, w0: 0x80 },
    registers: {
      0x3ff40014: 0x0080015c, // UART_CLKDIV: 40 MHz crystal
      [EFUSE_ESP32 + 4]: 0xc4123456, // MAC low word
      [EFUSE_ESP32 + 8]: 0x0000240a, // MAC high bytes
      [EFUSE_ESP32 + 12]: 0x00008000, // chip revision bit 0
    },
    bootText: {
      download:
        "ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET),boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))\r\nwaiting for download\r\n",
      normal: "ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n",
    },
    usb: { vendorId: 0x10c4, productId: 0xea60 },
  },
  "ESP32-S2": {
    name: "ESP32-S2",
    magic: 0x000007c6,
    romStatusLen: 4,
    securityInfo: "short",
    spi: { base: 0x3f402000, usr2: 0x20, w0: 0x58 },
    registers: { 0x3f41a044: 0x7d123456, 0x3f41a048: 0x00007cdf },
    bootText: {
      download: "ESP-ROM:esp32s2-rc4-20191025\r\nBuild:Oct 25 2019\r\nrst:0x1 (POWERON),boot:0x0 (DOWNLOAD(USB/UART0/1))\r\nwaiting for download\r\n",
      normal: "ESP-ROM:esp32s2-rc4-20191025\r\nBuild:Oct 25 2019\r\nrst:0x1 (POWERON),boot:0x8 (SPI_FAST_FLASH_BOOT)\r\n",
    },
    usb: { vendorId: 0x303a, productId: 0x0002 },
  },
  "ESP32-S3": {
    name: "ESP32-S3",
    magic: 0x00000009,
    romStatusLen: 4,
    securityInfo: { chipId: 9 },
    spi: { base: 0x60002000, usr2: 0x20, w0: 0x58 },
    registers: { 0x60007044: 0xf4123456, 0x60007048: 0x00003485 },
    bootText: {
      download: "ESP-ROM:esp32s3-20210327\r\nBuild:Mar 27 2021\r\nrst:0x1 (POWERON),boot:0x0 (DOWNLOAD(USB/UART0))\r\nwaiting for download\r\n",
      normal: "ESP-ROM:esp32s3-20210327\r\nBuild:Mar 27 2021\r\nrst:0x1 (POWERON),boot:0x8 (SPI_FAST_FLASH_BOOT)\r\n",
    },
    usb: { vendorId: 0x303a, productId: 0x1001 },
  },
  "ESP32-C3": {
    name: "ESP32-C3",
    magic: 0x1b31506f,
    romStatusLen: 4,
    securityInfo: { chipId: 5 },
    spi: { base: 0x60002000, usr2: 0x20, w0: 0x58 },
    registers: { 0x60008844: 0x0a123456, 0x60008848: 0x000058cf },
    bootText: {
      download: "ESP-ROM:esp32c3-api1-20210207\r\nBuild:Feb  7 2021\r\nrst:0x1 (POWERON),boot:0x5 (DOWNLOAD(USB/UART0/1))\r\nwaiting for download\r\n",
      normal: "ESP-ROM:esp32c3-api1-20210207\r\nBuild:Feb  7 2021\r\nrst:0x1 (POWERON),boot:0xc (SPI_FAST_FLASH_BOOT)\r\n",
    },
    usb: { vendorId: 0x303a, productId: 0x1001 },
  },
  "ESP32-C6": {
    name: "ESP32-C6",
    magic: 0x2ce0806f,
    romStatusLen: 4,
    securityInfo: { chipId: 13 },
    spi: { base: 0x60003000, usr2: 0x20, w0: 0x58 },
    registers: { 0x600b0844: 0x21123456, 0x600b0848: 0x000040ca },
    bootText: {
      download: "ESP-ROM:esp32c6-20220919\r\nBuild:Sep 19 2022\r\nrst:0x1 (POWERON),boot:0x4 (DOWNLOAD(USB/UART/SDIO_REI_FEO))\r\nwaiting for download\r\n",
      normal: "ESP-ROM:esp32c6-20220919\r\nBuild:Sep 19 2022\r\nrst:0x1 (POWERON),boot:0xc (SPI_FAST_FLASH_BOOT)\r\n",
    },
    usb: { vendorId: 0x303a, productId: 0x1001 },
  },
};

/** JEDEC id a 4 MB Winbond W25Q32 answers to RDID (0x9F), as SPI_W0 holds it: manufacturer, type, capacity. */
export function jedecId(flashSize: number): number {
  const capacity = Math.round(Math.log2(flashSize));
  return (capacity << 16) | (0x40 << 8) | 0xef;
}
