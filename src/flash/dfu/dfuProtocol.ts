/**
 * USB DFU 1.1 (usb.org DFU_1.1.pdf) with ST's DfuSe extensions (AN3156: the STM32 system bootloader's DFU), as
 * plain data and parsers. The WebUSB objects are typed by the subset used here, so tests can hand in the double.
 */

// --- The subset of WebUSB (https://wicg.github.io/webusb/) that DFU needs ---------------------------------------

export interface UsbControlSetup {
  requestType: "standard" | "class" | "vendor";
  recipient: "device" | "interface" | "endpoint" | "other";
  request: number;
  value: number;
  index: number;
}

export interface UsbInResult {
  status: "ok" | "stall" | "babble";
  data?: DataView;
}

export interface UsbOutResult {
  status: "ok" | "stall";
  bytesWritten: number;
}

export interface DfuUsbAlternate {
  alternateSetting: number;
  interfaceClass: number;
  interfaceSubclass: number;
  interfaceProtocol: number;
  interfaceName?: string | null;
}

export interface DfuUsbInterface {
  interfaceNumber: number;
  alternates: DfuUsbAlternate[];
}

export interface DfuUsbConfiguration {
  configurationValue: number;
  interfaces: DfuUsbInterface[];
}

/** The subset of USBDevice used for DfuSe. */
export interface DfuUsbDevice {
  readonly vendorId: number;
  readonly productId: number;
  readonly productName?: string;
  readonly opened: boolean;
  readonly configuration: DfuUsbConfiguration | null;
  readonly configurations: DfuUsbConfiguration[];
  open(): Promise<void>;
  close(): Promise<void>;
  selectConfiguration(configurationValue: number): Promise<void>;
  claimInterface(interfaceNumber: number): Promise<void>;
  selectAlternateInterface(interfaceNumber: number, alternateSetting: number): Promise<void>;
  controlTransferIn(setup: UsbControlSetup, length: number): Promise<UsbInResult>;
  controlTransferOut(setup: UsbControlSetup, data?: Uint8Array): Promise<UsbOutResult>;
}

// --- DFU requests, states and statuses ---------------------------------------------------------------------------

export const DFU = {
  DETACH: 0,
  DNLOAD: 1,
  UPLOAD: 2,
  GETSTATUS: 3,
  CLRSTATUS: 4,
  GETSTATE: 5,
  ABORT: 6,
} as const;

/** DfuSe commands sent as DNLOAD block 0 (AN3156). READ_UNPROTECT wipes the chip and is never sent by Mote. */
export const DFUSE_CMD = { GET_COMMANDS: 0x00, SET_ADDRESS: 0x21, ERASE: 0x41, READ_UNPROTECT: 0x92 } as const;

export enum DfuState {
  appIDLE = 0,
  appDETACH = 1,
  dfuIDLE = 2,
  dfuDNLOAD_SYNC = 3,
  dfuDNBUSY = 4,
  dfuDNLOAD_IDLE = 5,
  dfuMANIFEST_SYNC = 6,
  dfuMANIFEST = 7,
  dfuMANIFEST_WAIT_RESET = 8,
  dfuUPLOAD_IDLE = 9,
  dfuERROR = 10,
}

export const DFU_STATUS_NAMES = [
  "OK",
  "errTARGET",
  "errFILE",
  "errWRITE",
  "errERASE",
  "errCHECK_ERASED",
  "errPROG",
  "errVERIFY",
  "errADDRESS",
  "errNOTDONE",
  "errFIRMWARE",
  "errVENDOR",
  "errUSBR",
  "errPOR",
  "errUNKNOWN",
  "errSTALLEDPKT",
] as const;

export const DFU_STATUS = Object.fromEntries(DFU_STATUS_NAMES.map((n, i) => [n, i])) as Record<(typeof DFU_STATUS_NAMES)[number], number>;

export interface DfuStatus {
  status: number;
  pollTimeout: number;
  state: DfuState;
  iString: number;
}

/** GETSTATUS answers 6 bytes: bStatus, bwPollTimeout (3 bytes, LE), bState, iString. */
export function parseStatus(v: DataView): DfuStatus {
  if (v.byteLength < 6) throw new RangeError(`GETSTATUS answered ${v.byteLength} bytes`);
  return {
    status: v.getUint8(0),
    pollTimeout: v.getUint8(1) | (v.getUint8(2) << 8) | (v.getUint8(3) << 16),
    state: v.getUint8(4),
    iString: v.getUint8(5),
  };
}

export function statusName(status: number): string {
  return DFU_STATUS_NAMES[status] ?? `status ${status}`;
}

export function stateName(state: number): string {
  return (DfuState[state] ?? `state ${state}`).replace(/_/g, "-");
}

// --- Memory layout strings (ST UM0424 4.3.2, dfu-util dfuse_mem.c) ----------------------------------------------

export interface MemorySegment {
  start: number;
  /** Exclusive. */
  end: number;
  pageSize: number;
  readable: boolean;
  erasable: boolean;
  writable: boolean;
}

export interface MemoryLayout {
  name: string;
  segments: MemorySegment[];
}

/**
 * "@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg": a name, then per address a list of
 * count*size[unit]type; unit B/K/M (or a space for bytes); type a..g is a bit set: 1 readable, 2 erasable, 4 writable.
 */
export function parseMemoryLayout(text: string): MemoryLayout | null {
  const m = /^@([^/]*)(\/.*)$/.exec(text.trim());
  if (!m) return null;
  const segments: MemorySegment[] = [];
  const parts = m[2].split("/").slice(1);
  for (let i = 0; i + 1 < parts.length; i += 2) {
    let address = Number.parseInt(parts[i], 16);
    if (!/^0x[0-9a-f]+$/i.test(parts[i].trim()) || Number.isNaN(address)) return null;
    for (const spec of parts[i + 1].split(",")) {
      const s = /^\s*(\d+)\*\s*(\d+)\s*([BKM ]?)\s*([a-g])\s*$/.exec(spec);
      if (!s) return null;
      const count = Number(s[1]);
      const size = Number(s[2]) * (s[3] === "K" ? 1024 : s[3] === "M" ? 1024 * 1024 : 1);
      const type = s[4].charCodeAt(0) & 7;
      segments.push({
        start: address,
        end: address + count * size,
        pageSize: size,
        readable: (type & 1) !== 0,
        erasable: (type & 2) !== 0,
        writable: (type & 4) !== 0,
      });
      address += count * size;
    }
  }
  return segments.length > 0 ? { name: m[1].trim(), segments } : null;
}

export function segmentAt(layout: MemoryLayout, address: number): MemorySegment | undefined {
  return layout.segments.find((s) => address >= s.start && address < s.end);
}

/** Start addresses of the pages [address, address + length) touches, in order, each once. */
export function pagesCovering(layout: MemoryLayout, address: number, length: number): number[] {
  const pages: number[] = [];
  let a = address;
  while (a < address + length) {
    const seg = segmentAt(layout, a);
    if (!seg) break;
    const page = seg.start + Math.floor((a - seg.start) / seg.pageSize) * seg.pageSize;
    pages.push(page);
    a = page + seg.pageSize;
  }
  return pages;
}

// --- Descriptors (USB 2.0 ch. 9; DFU 1.1 4.1.3 functional descriptor, type 0x21) --------------------------------

export interface DfuFunctional {
  attributes: number;
  detachTimeout: number;
  transferSize: number;
  bcdDfu: number;
}

export interface InterfaceEntry {
  interfaceNumber: number;
  alternateSetting: number;
  interfaceClass: number;
  interfaceSubclass: number;
  interfaceProtocol: number;
  iInterface: number;
}

export function parseConfigurationDescriptor(bytes: Uint8Array): { interfaces: InterfaceEntry[]; functional?: DfuFunctional } {
  const interfaces: InterfaceEntry[] = [];
  let functional: DfuFunctional | undefined;
  for (let at = 0; at + 2 <= bytes.length; ) {
    const len = bytes[at];
    const type = bytes[at + 1];
    if (len < 2 || at + len > bytes.length) break;
    if (type === 0x04 && len >= 9) {
      interfaces.push({
        interfaceNumber: bytes[at + 2],
        alternateSetting: bytes[at + 3],
        interfaceClass: bytes[at + 5],
        interfaceSubclass: bytes[at + 6],
        interfaceProtocol: bytes[at + 7],
        iInterface: bytes[at + 8],
      });
    } else if (type === 0x21 && len >= 7) {
      functional = {
        attributes: bytes[at + 2],
        detachTimeout: bytes[at + 3] | (bytes[at + 4] << 8),
        transferSize: bytes[at + 5] | (bytes[at + 6] << 8),
        bcdDfu: len >= 9 ? bytes[at + 7] | (bytes[at + 8] << 8) : 0x0100,
      };
    }
    at += len;
  }
  return { interfaces, functional };
}

/** A string descriptor: bLength, type 3, UTF-16LE. */
export function parseStringDescriptor(bytes: Uint8Array): string {
  const len = Math.min(bytes[0] ?? 0, bytes.length);
  let s = "";
  for (let i = 2; i + 1 < len; i += 2) s += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
  return s;
}
