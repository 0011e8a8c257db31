/**
 * TEST DOUBLE: the STM32F405's system bootloader in DFU mode (VID 0x0483, PID 0xDF11, "STM32  BOOTLOADER"), as a
 * WebUSB device. No such board can run here, so this is written from USB DFU 1.1 (state machine, GETSTATUS layout,
 * status codes) and ST's AN3156 (DfuSe commands in DNLOAD block 0: 0x21 set address, 0x41 erase, 0x92 read
 * unprotect; data blocks at address pointer + (wBlockNum - 2) * wTransferSize; upload alike), with the F405's real
 * descriptors: four alternate settings named by memory layout strings and a functional descriptor with
 * wTransferSize 2048. A DNLOAD takes effect on the following GETSTATUS (dfuDNBUSY, then dfuDNLOAD-IDLE or dfuERROR),
 * as on the real bootloader. Flash reads 0xFF after an erase; programming a byte that is not erased is refused with
 * errPROG. It behaves like Chromium's WebUSB too: transfers need open() and a claimed interface, and a device that is
 * unplugged (or that left DFU after manifesting) rejects everything with NotFoundError.
 */
import {
  DFU,
  DFU_STATUS,
  DfuState,
  parseMemoryLayout,
  segmentAt,
  type DfuUsbConfiguration,
  type DfuUsbDevice,
  type MemoryLayout,
  type UsbControlSetup,
  type UsbInResult,
  type UsbOutResult,
} from "../dfuProtocol";

export const STM32F405_LAYOUTS = [
  "@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg",
  "@Option Bytes  /0x1FFFC000/01*016 e",
  "@OTP Memory /0x1FFF7800/01*512 e,01*016 e",
  "@Device Feature/0xFFFF0000/01*004 e",
];

export interface DfuseDoubleOptions {
  transferSize?: number;
  /** bwPollTimeout the device reports, in ms. */
  pollTimeoutMs?: { command?: number; erase?: number; write?: number };
  /** Fault: the cable is pulled once this many data blocks (block >= 2) were programmed. */
  unplugAfterDataBlocks?: number;
  /** Leave interfaceName empty, as Chromium does on some systems, so the host must read the string descriptor. */
  hideInterfaceNames?: boolean;
}

const FLASH_BASE = 0x08000000;
const STRINGS = ["", "STMicroelectronics", "STM32  BOOTLOADER", "3276385F3338", ...STM32F405_LAYOUTS];

type Pending = { kind: "command"; data: Uint8Array } | { kind: "write"; address: number; data: Uint8Array } | { kind: "manifest" };

export class DfuseDouble implements DfuUsbDevice {
  readonly vendorId = 0x0483;
  readonly productId = 0xdf11;
  readonly productName = "STM32  BOOTLOADER";
  readonly manufacturerName = "STMicroelectronics";
  readonly serialNumber = "3276385F3338";
  readonly configurations: DfuUsbConfiguration[];
  /** 1 MiB of internal flash at 0x08000000; starts with an "old firmware" pattern. */
  readonly flash = new Uint8Array(1024 * 1024);
  /** Start address of every sector erased, in order (a sector erased twice appears twice). */
  readonly erasedPages: number[] = [];
  /** Every control request seen, for "untouched" assertions. */
  readonly requests: { request: number; value: number; length: number }[] = [];
  opened = false;
  configuration: DfuUsbConfiguration | null = null;
  state = DfuState.dfuIDLE;
  status = 0;
  addressPointer = FLASH_BASE;
  readUnprotectSent = false;
  /** True once the bootloader manifested and jumped to the new firmware (the USB device is gone). */
  leftDfu = false;
  unplugged = false;
  private claimed = false;
  private alt = 0;
  private pending: Pending | null = null;
  private failure = 0;
  private dataBlocks = 0;
  private readonly layouts: MemoryLayout[];
  private readonly transferSize: number;
  private readonly listeners: (() => void)[] = [];

  constructor(private readonly opts: DfuseDoubleOptions = {}) {
    this.transferSize = opts.transferSize ?? 2048;
    this.layouts = STM32F405_LAYOUTS.map((l) => parseMemoryLayout(l)!);
    for (let i = 0; i < this.flash.length; i++) this.flash[i] = (i * 13 + 5) & 0xff;
    const alternates = STM32F405_LAYOUTS.map((name, alt) => ({
      alternateSetting: alt,
      interfaceClass: 0xfe,
      interfaceSubclass: 0x01,
      interfaceProtocol: 0x02,
      interfaceName: opts.hideInterfaceNames ? null : name,
    }));
    this.configurations = [{ configurationValue: 1, interfaces: [{ interfaceNumber: 0, alternates }] }];
  }

  /** Pull the cable: every later call rejects; listeners (the e2e bridge) hear of it. */
  unplug(): void {
    if (this.unplugged) return;
    this.unplugged = true;
    this.listeners.forEach((l) => l());
  }

  /** Called when the device leaves the bus: unplugged, or reset into the new firmware after manifesting. */
  onDisconnect(listener: () => void): void {
    this.listeners.push(listener);
  }

  read(address: number, length: number): Uint8Array {
    return this.flash.slice(address - FLASH_BASE, address - FLASH_BASE + length);
  }

  private gone(): void {
    if (this.unplugged || this.leftDfu) throw new DOMException("The device was disconnected.", "NotFoundError");
  }

  async open(): Promise<void> {
    this.gone();
    this.opened = true;
  }

  async close(): Promise<void> {
    this.gone();
    this.opened = false;
    this.claimed = false;
  }

  async selectConfiguration(value: number): Promise<void> {
    this.gone();
    if (!this.opened) throw new DOMException("The device must be opened first.", "InvalidStateError");
    const c = this.configurations.find((x) => x.configurationValue === value);
    if (!c) throw new DOMException("The configuration value provided is not supported by the device.", "NotFoundError");
    this.configuration = c;
  }

  async claimInterface(n: number): Promise<void> {
    this.gone();
    if (!this.configuration) throw new DOMException("The device must have a configuration selected.", "InvalidStateError");
    if (n !== 0) throw new DOMException("The interface number provided is not supported by the device in its current configuration.", "NotFoundError");
    this.claimed = true;
  }

  async selectAlternateInterface(n: number, alt: number): Promise<void> {
    this.gone();
    if (!this.claimed || n !== 0) throw new DOMException("The specified interface has not been claimed.", "InvalidStateError");
    if (alt < 0 || alt >= this.layouts.length) throw new DOMException("The alternate setting provided is not supported by the device in its current configuration.", "NotFoundError");
    this.alt = alt;
  }

  private checkAccess(setup: UsbControlSetup): void {
    this.gone();
    if (!this.opened) throw new DOMException("The device must be opened first.", "InvalidStateError");
    if (setup.recipient === "interface" && (!this.claimed || (setup.index & 0xff) !== 0)) {
      throw new DOMException("The specified interface has not been claimed.", "InvalidStateError");
    }
  }

  /** A request the state does not allow: the device stalls and enters dfuERROR (DFU 1.1 section 6.1). */
  private stall(status = DFU_STATUS.errSTALLEDPKT): { status: "stall" } {
    this.state = DfuState.dfuERROR;
    this.status = status;
    return { status: "stall" };
  }

  async controlTransferIn(setup: UsbControlSetup, length: number): Promise<UsbInResult> {
    this.checkAccess(setup);
    this.requests.push({ request: setup.request, value: setup.value, length });
    const ok = (bytes: number[] | Uint8Array): UsbInResult => {
      const b = Uint8Array.from(bytes).slice(0, length);
      return { status: "ok", data: new DataView(b.buffer) };
    };
    if (setup.requestType === "standard") {
      return setup.request === 6 ? this.descriptor(setup.value, length) : { status: "stall" };
    }
    if (setup.requestType !== "class" || setup.recipient !== "interface") return { status: "stall" };
    switch (setup.request) {
      case DFU.GETSTATUS:
        return ok(this.getStatus());
      case DFU.GETSTATE:
        return ok([this.state]);
      case DFU.UPLOAD: {
        if (this.state !== DfuState.dfuIDLE && this.state !== DfuState.dfuUPLOAD_IDLE) return this.stall();
        if (setup.value === 0) {
          this.state = DfuState.dfuUPLOAD_IDLE;
          return ok([0x00, 0x21, 0x41, 0x92]);
        }
        if (setup.value === 1 || length > this.transferSize) return this.stall();
        const address = this.addressPointer + (setup.value - 2) * this.transferSize;
        const seg = segmentAt(this.layouts[this.alt], address);
        if (!seg || !seg.readable || address + length > seg.end) return this.stall(DFU_STATUS.errADDRESS);
        this.state = DfuState.dfuUPLOAD_IDLE;
        return ok(this.alt === 0 ? this.read(address, length) : new Uint8Array(length));
      }
      default:
        return this.stall();
    }
  }

  async controlTransferOut(setup: UsbControlSetup, data?: Uint8Array): Promise<UsbOutResult> {
    this.checkAccess(setup);
    const bytes = data ? Uint8Array.from(data) : new Uint8Array(0);
    this.requests.push({ request: setup.request, value: setup.value, length: bytes.length });
    const done: UsbOutResult = { status: "ok", bytesWritten: bytes.length };
    if (setup.requestType !== "class" || setup.recipient !== "interface") return { status: "stall", bytesWritten: 0 };
    switch (setup.request) {
      case DFU.DNLOAD: {
        const idle = this.state === DfuState.dfuIDLE || this.state === DfuState.dfuDNLOAD_IDLE;
        if (!idle || bytes.length > this.transferSize) return { ...this.stall(), bytesWritten: 0 };
        if (bytes.length === 0) {
          if (this.state !== DfuState.dfuDNLOAD_IDLE) return { ...this.stall(), bytesWritten: 0 };
          this.pending = { kind: "manifest" };
          this.state = DfuState.dfuMANIFEST_SYNC;
          return done;
        }
        if (setup.value === 1) return { ...this.stall(), bytesWritten: 0 };
        this.pending =
          setup.value === 0
            ? { kind: "command", data: bytes }
            : { kind: "write", address: this.addressPointer + (setup.value - 2) * this.transferSize, data: bytes };
        this.state = DfuState.dfuDNLOAD_SYNC;
        return done;
      }
      case DFU.CLRSTATUS:
        if (this.state !== DfuState.dfuERROR) return { ...this.stall(), bytesWritten: 0 };
        this.state = DfuState.dfuIDLE;
        this.status = 0;
        return done;
      case DFU.ABORT:
        if (this.state === DfuState.dfuERROR || this.state === DfuState.dfuDNBUSY) return { ...this.stall(), bytesWritten: 0 };
        this.state = DfuState.dfuIDLE;
        this.pending = null;
        return done;
      default:
        return { ...this.stall(), bytesWritten: 0 };
    }
  }

  private getStatus(): number[] {
    let poll = 0;
    if (this.state === DfuState.dfuDNLOAD_SYNC && this.pending) {
      // The bootloader starts the operation on this GETSTATUS and reports how long to wait.
      const p = this.pending;
      this.pending = null;
      poll = this.pollFor(p);
      this.failure = this.execute(p);
      this.state = DfuState.dfuDNBUSY;
    } else if (this.state === DfuState.dfuDNBUSY) {
      if (this.failure) {
        this.state = DfuState.dfuERROR;
        this.status = this.failure;
        this.failure = 0;
      } else this.state = DfuState.dfuDNLOAD_IDLE;
    } else if (this.state === DfuState.dfuMANIFEST_SYNC) {
      // Not manifestation tolerant: report dfuMANIFEST, then reset into the new firmware (the USB device goes away).
      const answer = [this.status, 0, 0, 0, DfuState.dfuMANIFEST, 0];
      this.leftDfu = true;
      this.listeners.forEach((l) => l());
      return answer;
    }
    return [this.status, poll & 0xff, (poll >> 8) & 0xff, (poll >> 16) & 0xff, this.state, 0];
  }

  private pollFor(p: Pending): number {
    const t = this.opts.pollTimeoutMs ?? {};
    if (p.kind === "write") return t.write ?? 10;
    if (p.kind === "command" && p.data[0] === 0x41) return t.erase ?? 100;
    return t.command ?? 5;
  }

  /** Runs a download; returns a DFU status code (0 = OK). */
  private execute(p: Pending): number {
    const layout = this.layouts[this.alt];
    if (p.kind === "command") {
      const cmd = p.data[0];
      const address = p.data.length >= 5 ? new DataView(p.data.buffer, p.data.byteOffset).getUint32(1, true) : undefined;
      if (cmd === 0x21 && address !== undefined) {
        if (!segmentAt(layout, address)) return DFU_STATUS.errTARGET;
        this.addressPointer = address;
        return 0;
      }
      if (cmd === 0x41 && address !== undefined) {
        const seg = segmentAt(layout, address);
        if (!seg || !seg.erasable || this.alt !== 0) return DFU_STATUS.errTARGET;
        const page = seg.start + Math.floor((address - seg.start) / seg.pageSize) * seg.pageSize;
        this.flash.fill(0xff, page - FLASH_BASE, page - FLASH_BASE + seg.pageSize);
        this.erasedPages.push(page);
        return 0;
      }
      if (cmd === 0x41 && p.data.length === 1 && this.alt === 0) {
        this.flash.fill(0xff);
        this.erasedPages.push(...layout.segments.flatMap((s) => pagesOf(s.start, s.end, s.pageSize)));
        return 0;
      }
      if (cmd === 0x92 && p.data.length === 1) {
        this.readUnprotectSent = true;
        this.flash.fill(0xff);
        return 0;
      }
      return DFU_STATUS.errTARGET;
    }
    if (p.kind === "write") {
      const seg = segmentAt(layout, p.address);
      if (this.alt !== 0 || !seg || !seg.writable || p.address + p.data.length > layout.segments[layout.segments.length - 1].end) {
        return DFU_STATUS.errADDRESS;
      }
      const off = p.address - FLASH_BASE;
      for (let i = 0; i < p.data.length; i++) if (this.flash[off + i] !== 0xff) return DFU_STATUS.errPROG;
      this.flash.set(p.data, off);
      this.dataBlocks++;
      if (this.opts.unplugAfterDataBlocks !== undefined && this.dataBlocks >= this.opts.unplugAfterDataBlocks) this.unplug();
      return 0;
    }
    return 0;
  }

  private descriptor(value: number, length: number): UsbInResult {
    const type = value >> 8;
    const index = value & 0xff;
    let bytes: number[];
    if (type === 1) {
      bytes = [18, 1, 0x00, 0x02, 0, 0, 0, 64, 0x83, 0x04, 0x11, 0xdf, 0x00, 0x22, 1, 2, 3, 1];
    } else if (type === 2 && index === 0) {
      const ifaces = STM32F405_LAYOUTS.flatMap((_, alt) => [9, 4, 0, alt, 0, 0xfe, 0x01, 0x02, 4 + alt]);
      const functional = [9, 0x21, 0x0b, 0xff, 0x00, this.transferSize & 0xff, this.transferSize >> 8, 0x1a, 0x01];
      const total = 9 + ifaces.length + functional.length;
      bytes = [9, 2, total & 0xff, total >> 8, 1, 1, 0, 0xc0, 0x32, ...ifaces, ...functional];
    } else if (type === 3 && index === 0) {
      bytes = [4, 3, 0x09, 0x04];
    } else if (type === 3 && index < STRINGS.length) {
      const s = STRINGS[index];
      bytes = [2 + s.length * 2, 3, ...[...s].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])];
    } else {
      return { status: "stall" };
    }
    const b = Uint8Array.from(bytes.slice(0, length));
    return { status: "ok", data: new DataView(b.buffer) };
  }
}

function pagesOf(start: number, end: number, size: number): number[] {
  const out: number[] = [];
  for (let a = start; a < end; a += size) out.push(a);
  return out;
}
