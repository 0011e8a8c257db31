/**
 * The slice of the Web Serial API (https://wicg.github.io/serial/) that Mote uses, declared locally: TypeScript's DOM
 * lib has no Web Serial types and we do not depend on @types/w3c-web-serial. Kept structural so the e2e shim and
 * unit-test fakes can implement it without subclassing anything.
 */

export interface SerialPortInfo {
  usbVendorId?: number;
  usbProductId?: number;
  /** Chromium 117+: set for Bluetooth RFCOMM ports. */
  bluetoothServiceClassId?: number | string;
}

export interface SerialOptions {
  baudRate: number;
  dataBits?: 7 | 8;
  stopBits?: 1 | 2;
  parity?: "none" | "even" | "odd";
  /** Size of the browser's read buffer in bytes (Chromium default 255). */
  bufferSize?: number;
  flowControl?: "none" | "hardware";
}

export interface SerialOutputSignals {
  dataTerminalReady?: boolean;
  requestToSend?: boolean;
  break?: boolean;
}

export interface SerialPortFilter {
  usbVendorId?: number;
  usbProductId?: number;
}

export interface SerialPortRequestOptions {
  filters?: SerialPortFilter[];
}

export interface SerialPortLike extends EventTarget {
  readonly readable: ReadableStream<Uint8Array> | null;
  readonly writable: WritableStream<Uint8Array> | null;
  open(options: SerialOptions): Promise<void>;
  close(): Promise<void>;
  setSignals(signals: SerialOutputSignals): Promise<void>;
  getInfo(): SerialPortInfo;
  /** Chromium 103+: revoke this page's permission for the port. */
  forget?(): Promise<void>;
}

/** navigator.serial. Fires "connect"/"disconnect" events whose target is the SerialPort. */
export interface SerialLike extends EventTarget {
  requestPort(options?: SerialPortRequestOptions): Promise<SerialPortLike>;
  getPorts(): Promise<SerialPortLike[]>;
}
