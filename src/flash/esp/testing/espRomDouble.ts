/**
 * TEST DOUBLE of an ESP chip behind a serial port, written from Espressif's serial protocol docs (esptool
 * "Serial Protocol") and the register facts esptool-js reads: no such chip can run here. It implements the subset of
 * Web Serial's SerialPort that esptool-js's Transport uses (open/close, readable/writable, setSignals, getInfo) and
 * behaves like the chip: DTR/RTS drive EN and IO0 (the auto-reset circuit of a USB-UART bridge, or the
 * USB-Serial/JTAG peripheral's rule), the ROM prints its boot log, then answers SLIP commands; MEM_* uploads the
 * flasher stub, which says "OHAI" and takes over (2 status bytes, raw MD5, erase commands). Flash is a byte array the
 * test can read. Faults: pullCable(), pullCableAfter(n), and mode "normal" (boots the app, never answers SYNC).
 */
import { Unzlib } from "fflate";
import { ESP_CHIP_MODELS, jedecId, type EspChipModel } from "./espChipModels";
import { SlipDecoder, slipEncode } from "./slip";
import { EspFlashModel } from "./espFlashModel";

export type ChipState = "off" | "reset" | "app" | "rom" | "stub";

export interface EspRomDoubleOptions {
  /** esptool's chip name: ESP8266, ESP32, ESP32-S2, ESP32-S3, ESP32-C3, ESP32-C6. */
  chip: string;
  flashSize?: number;
  /** "normal": the boot strap is ignored (BOOT button broken, no auto-reset circuit): always boots the app. */
  mode?: "download" | "normal";
  /** How DTR/RTS reach the chip; by default from the USB id (0x303A:0x1001 is the USB-Serial/JTAG peripheral). */
  link?: "uart-bridge" | "usb-serial-jtag";
  info?: { usbVendorId?: number; usbProductId?: number };
  /** Fault: this flash address has bit 0 stuck at 0. */
  stuckLowAt?: number;
}

const SYNC_ROM_VALUE = 0x20120707;
const STUB_ERR = { checksum: 0xc1, invalid: 0xc3, inflate: 0xc7, notEnough: 0xc8, tooMuch: 0xc9, badLen: 0xc0 } as const;
const ROM_ERR = { invalidMsg: 0x05, checksum: 0x07, deflate: 0x0b, param: 0x01 } as const;

const u32 = (b: Uint8Array, o: number) => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;

class CommandError extends Error {
  constructor(readonly code: number) {
    super(`error 0x${code.toString(16)}`);
  }
}

export class EspRomDouble {
  readonly model: EspChipModel;
  readonly flashMemory: EspFlashModel;
  /** Every boot since creation, in order: what a test checks after a reset. */
  readonly boots: Array<"download" | "normal"> = [];
  readable: ReadableStream<Uint8Array> | null = null;
  writable: WritableStream<Uint8Array> | null = null;

  private readonly mode: "download" | "normal";
  private readonly link: "uart-bridge" | "usb-serial-jtag";
  private readonly info: { usbVendorId?: number; usbProductId?: number };
  private controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  private failWriter: ((e: unknown) => void) | null = null;
  private opened = false;
  private unplugged = false;
  private hostBaud = 0;
  private chipBaud = 115200;
  private dtr = false;
  private rts = false;
  private latchedDownload = false;
  private state: ChipState = "app";
  private registers = new Map<number, number>();
  private memUpload: Array<{ start: number; end: number }> = [];
  private written = 0;
  private sent = 0;
  private pullAt: number | undefined;
  private readonly slip = new SlipDecoder((frame) => this.onFrame(frame));

  constructor(options: EspRomDoubleOptions) {
    const model = ESP_CHIP_MODELS[options.chip];
    if (!model) throw new Error(`EspRomDouble: no model for chip ${options.chip}`);
    this.model = model;
    this.mode = options.mode ?? "download";
    this.info = options.info ?? { usbVendorId: model.usb.vendorId, usbProductId: model.usb.productId };
    this.link = options.link ?? (this.info.usbVendorId === 0x303a && this.info.usbProductId === 0x1001 ? "usb-serial-jtag" : "uart-bridge");
    this.flashMemory = new EspFlashModel(options.flashSize ?? 4 * 1024 * 1024, options.stuckLowAt);
    this.powerOn();
  }

  /** The flash contents (a live view). */
  get flash(): Uint8Array {
    return this.flashMemory.bytes;
  }

  get chipState(): ChipState {
    return this.state;
  }

  getInfo() {
    return { ...this.info };
  }

  async open(options: { baudRate: number }): Promise<void> {
    if (this.unplugged) throw new DOMException("Failed to open serial port.", "NetworkError");
    if (this.opened) throw new DOMException("The port is already open.", "InvalidStateError");
    this.opened = true;
    this.hostBaud = options.baudRate;
    this.readable = new ReadableStream<Uint8Array>({
      start: (c) => void (this.controller = c),
      cancel: () => void (this.controller = null),
    });
    this.writable = new WritableStream<Uint8Array>({
      start: (c) => void (this.failWriter = (e) => c.error(e)),
      write: (chunk) => this.receive(chunk),
    });
  }

  async close(): Promise<void> {
    if (!this.opened) throw new DOMException("The port is already closed.", "InvalidStateError");
    if (this.readable?.locked || this.writable?.locked) {
      throw new TypeError("Failed to execute 'close' on 'SerialPort': Cannot cancel a locked stream");
    }
    await this.readable?.cancel().catch(() => {});
    await this.writable?.abort().catch(() => {});
    this.readable = null;
    this.writable = null;
    this.controller = null;
    this.opened = false;
  }

  async setSignals(signals: { dataTerminalReady?: boolean; requestToSend?: boolean; break?: boolean }): Promise<void> {
    if (this.unplugged) throw new DOMException("The device has been lost.", "NetworkError");
    if (!this.opened) throw new DOMException("The port is closed.", "InvalidStateError");
    const wasDtr = this.dtr;
    if (signals.dataTerminalReady !== undefined) this.dtr = signals.dataTerminalReady;
    if (signals.requestToSend !== undefined) this.rts = signals.requestToSend;
    this.applyLines(wasDtr);
  }

  /** Unplug: streams fail as Chromium's do ("The device has been lost."), the chip loses power. */
  pullCable(): void {
    if (this.unplugged) return;
    this.unplugged = true;
    const lost = new DOMException("The device has been lost.", "NetworkError");
    try {
      this.controller?.error(lost);
    } catch {
      // already errored
    }
    this.failWriter?.(lost);
    this.controller = null;
    this.readable = null;
    this.writable = null;
    this.state = "off";
  }

  /** Pull the cable once the host has written `bytes` bytes in total (SLIP framing included). */
  pullCableAfter(bytes: number): void {
    this.pullAt = bytes;
  }

  /** Plug the same board back in: a fresh port (closed), the chip powered on running its app; flash is kept. */
  replug(): this {
    this.unplugged = false;
    this.opened = false;
    this.readable = null;
    this.writable = null;
    this.pullAt = undefined;
    this.dtr = false;
    this.rts = false;
    this.powerOn();
    return this;
  }

  /** Bytes the host has written / the chip has sent, since creation. */
  get bytesWritten(): number {
    return this.written;
  }

  get bytesSent(): number {
    return this.sent;
  }

  // --- lines, reset and boot ---

  private powerOn(): void {
    this.registers = new Map(Object.entries(this.model.registers).map(([k, v]) => [Number(k), v]));
    this.registers.set(0x40001000, this.model.magic);
    this.state = "app";
  }

  private applyLines(wasDtr: boolean): void {
    // UART bridge: two transistors; RTS alone pulls EN low (reset), DTR alone pulls IO0 low (boot strap).
    // USB-Serial/JTAG: RTS with DTR low holds the chip in reset; DTR set just before that selects download mode.
    const inReset = this.rts && !this.dtr;
    if (inReset) {
      if (this.state !== "reset") {
        this.latchedDownload = this.link === "usb-serial-jtag" ? wasDtr : false;
        this.state = "reset";
        this.slip.reset();
      }
      return;
    }
    if (this.state !== "reset") return;
    const strapLow = this.link === "uart-bridge" ? this.dtr && !this.rts : this.latchedDownload;
    this.boot(strapLow && this.mode === "download" ? "download" : "normal");
  }

  private boot(kind: "download" | "normal"): void {
    this.boots.push(kind);
    this.powerOn();
    this.memUpload = [];
    this.flashMemory.endSession();
    this.chipBaud = 115200;
    this.state = kind === "download" ? "rom" : "app";
    this.emit(new TextEncoder().encode(this.model.bootText[kind]));
  }

  // --- bytes in and out ---

  private receive(chunk: Uint8Array): void {
    if (this.unplugged) throw new DOMException("The device has been lost.", "NetworkError");
    let bytes = chunk;
    if (this.pullAt !== undefined && this.written + bytes.length >= this.pullAt) {
      bytes = bytes.subarray(0, Math.max(0, this.pullAt - this.written));
      this.written += bytes.length;
      if (this.state === "rom" || this.state === "stub") this.slip.push(bytes);
      this.pullCable();
      throw new DOMException("The device has been lost.", "NetworkError");
    }
    this.written += bytes.length;
    // At a baud rate the chip is not using, what arrives is noise; the ROM adapts to the host while it syncs.
    if (this.state === "stub" && this.hostBaud !== this.chipBaud) return;
    if (this.state === "rom" || this.state === "stub") this.slip.push(bytes);
  }

  private emit(bytes: Uint8Array): void {
    if (!this.opened || !this.controller || this.unplugged) return;
    if (this.state === "stub" && this.hostBaud !== this.chipBaud) return;
    try {
      this.controller.enqueue(bytes);
      this.sent += bytes.length;
    } catch {
      // the reader cancelled meanwhile: a real port drops these bytes too
    }
  }

  private reply(op: number, value: number, data: Uint8Array, status = 0, error = 0): void {
    const statusLen = this.state === "stub" ? 2 : this.model.romStatusLen;
    const body = new Uint8Array(data.length + statusLen);
    body.set(data);
    body[data.length] = status;
    body[data.length + 1] = error;
    const packet = new Uint8Array(8 + body.length);
    const view = new DataView(packet.buffer);
    packet[0] = 0x01;
    packet[1] = op;
    view.setUint16(2, body.length, true);
    view.setUint32(4, value >>> 0, true);
    packet.set(body, 8);
    this.emit(slipEncode(packet));
  }

  // --- commands ---

  private onFrame(frame: Uint8Array): void {
    if (this.state === "stub" && frame.length === 4) return; // a READ_FLASH ack with nothing to acknowledge
    if (frame.length < 8 || frame[0] !== 0x00) return;
    const op = frame[1]!;
    const size = frame[2]! | (frame[3]! << 8);
    const chk = u32(frame, 4);
    const data = frame.subarray(8, 8 + size);
    const stub = this.state === "stub";
    try {
      this.command(op, data, chk);
    } catch (e) {
      if (!(e instanceof CommandError)) throw e;
      if (!stub && e.code === ROM_ERR.invalidMsg) {
        // The ROM does not echo the op of a message it cannot handle, and sends the error eight times.
        for (let i = 0; i < 8; i++) this.reply(0x00, 0, new Uint8Array(0), 1, ROM_ERR.invalidMsg);
      } else {
        this.reply(op, 0, new Uint8Array(0), 1, e.code);
      }
    }
  }

  private unsupported(): never {
    throw new CommandError(this.state === "stub" ? STUB_ERR.invalid : ROM_ERR.invalidMsg);
  }

  private checkData(data: Uint8Array, chk: number): Uint8Array {
    const len = u32(data, 0);
    const payload = data.subarray(16, 16 + len);
    if (payload.length !== len) throw new CommandError(this.state === "stub" ? STUB_ERR.badLen : ROM_ERR.invalidMsg);
    let sum = 0xef;
    for (const b of payload) sum ^= b;
    if ((chk & 0xff) !== sum) throw new CommandError(this.state === "stub" ? STUB_ERR.checksum : ROM_ERR.checksum);
    return payload;
  }

  private command(op: number, data: Uint8Array, chk: number): void {
    const stub = this.state === "stub";
    const none = new Uint8Array(0);
    switch (op) {
      case 0x08: // SYNC
        if (stub) return this.reply(op, 0, none);
        for (let i = 0; i < 8; i++) this.reply(op, SYNC_ROM_VALUE, none);
        return;
      case 0x0a: // READ_REG
        return this.reply(op, this.registers.get(u32(data, 0)) ?? 0, none);
      case 0x09: // WRITE_REG: one or two (address, value, mask, delay) groups
        for (let o = 0; o + 16 <= data.length; o += 16) this.writeReg(u32(data, o), u32(data, o + 4), u32(data, o + 8));
        return this.reply(op, 0, none);
      case 0x05: // MEM_BEGIN
        this.memUpload.push({ start: u32(data, 12), end: u32(data, 12) + u32(data, 0) });
        return this.reply(op, 0, none);
      case 0x07: // MEM_DATA
        this.checkData(data, chk);
        return this.reply(op, 0, none);
      case 0x06: {
        // MEM_END: (no-execute flag, entry)
        this.reply(op, 0, none);
        const entry = u32(data, 4);
        if (u32(data, 0) === 0 && this.memUpload.some((s) => entry >= s.start && entry < s.end)) {
          this.state = "stub";
          this.emit(slipEncode(new TextEncoder().encode("OHAI")));
        }
        return;
      }
      case 0x0b: // SPI_SET_PARAMS
        return this.reply(op, 0, none);
      case 0x0d: // SPI_ATTACH (ESP8266 ROM: not supported)
        if (!stub && this.model.name === "ESP8266") this.unsupported();
        return this.reply(op, 0, none);
      case 0x0f: // CHANGE_BAUDRATE: answered at the old rate, then the chip switches
        this.reply(op, 0, none);
        this.chipBaud = u32(data, 0);
        return;
      case 0x14: // GET_SECURITY_INFO
        return this.securityInfo(op);
      case 0x02: // FLASH_BEGIN
      case 0x10: // FLASH_DEFL_BEGIN
        if (op === 0x10 && !stub && this.model.name === "ESP8266") this.unsupported();
        this.flashMemory.begin({
          eraseNow: !stub,
          size: u32(data, 0),
          blockSize: u32(data, 8),
          offset: u32(data, 12),
          inflater: op === 0x10 ? new Unzlib() : undefined,
        });
        return this.reply(op, 0, none);
      case 0x03: // FLASH_DATA
      case 0x11: {
        // FLASH_DEFL_DATA
        const payload = this.checkData(data, chk);
        const code = this.flashMemory.data(u32(data, 4), payload, op === 0x11);
        if (code) throw new CommandError(stub ? STUB_ERR[code] : code === "inflate" ? ROM_ERR.deflate : ROM_ERR.param);
        return this.reply(op, 0, none);
      }
      case 0x04: // FLASH_END
      case 0x12: {
        // FLASH_DEFL_END: 0 reboots; otherwise the stub stays, the ROM runs the app
        const code = this.flashMemory.end();
        if (code && stub) throw new CommandError(STUB_ERR[code]);
        this.reply(op, 0, none);
        if (u32(data, 0) === 0) this.boot("normal");
        else if (!stub) this.state = "app";
        return;
      }
      case 0x13: {
        // SPI_FLASH_MD5: 16 raw bytes from the stub, 32 hex characters from the ROM
        const digest = this.flashMemory.md5(u32(data, 0), u32(data, 4));
        if (!digest) throw new CommandError(stub ? STUB_ERR.badLen : ROM_ERR.param);
        if (stub) return this.reply(op, 0, digest);
        const hex = Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
        return this.reply(op, 0, new TextEncoder().encode(hex));
      }
      case 0xd0: // ERASE_FLASH (stub only)
        if (!stub) this.unsupported();
        this.flashMemory.eraseAll();
        return this.reply(op, 0, none);
      case 0xd1: // ERASE_REGION (stub only)
        if (!stub) this.unsupported();
        if (!this.flashMemory.eraseRegion(u32(data, 0), u32(data, 4))) throw new CommandError(STUB_ERR.badLen);
        return this.reply(op, 0, none);
      default:
        this.unsupported();
    }
  }

  private securityInfo(op: number): void {
    const kind = this.model.securityInfo;
    if (kind === "unsupported") this.unsupported();
    const body = new Uint8Array(kind === "short" ? 12 : 20);
    if (typeof kind === "object") new DataView(body.buffer).setUint32(12, kind.chipId, true);
    this.reply(op, 0, body);
  }

  private writeReg(address: number, value: number, mask: number): void {
    const old = this.registers.get(address) ?? 0;
    let next = ((old & ~mask) | (value & mask)) >>> 0;
    const { base, usr2, w0 } = this.model.spi;
    const SPI_CMD_USR = 1 << 18;
    if (address === base && next & SPI_CMD_USR) {
      // The SPI peripheral runs the user command at once: RDID (0x9F) puts the flash's JEDEC id in W0.
      const command = (this.registers.get(base + usr2) ?? 0) & 0xff;
      if (command === 0x9f) this.registers.set(base + w0, jedecId(this.flashMemory.size));
      next = (next & ~SPI_CMD_USR) >>> 0;
    }
    this.registers.set(address, next);
  }
}
