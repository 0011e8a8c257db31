/**
 * The store's only doorway to transports and the device core, kept in one small module so unit tests can replace it
 * (vi.mock) and the store stays plain data + actions.
 */
import type { DeviceApi } from "../device/api";
import { connectDevice } from "../device/device";
import type { ByteTransport } from "../device/transport";
import * as serial from "../transports/serial";
import { createVirtualBoard } from "../transports/virtual";
import { openWebRepl } from "../transports/webrepl";
import type { BoardKind } from "./connection";

export interface BoardLinks {
  openVirtual(): Promise<ByteTransport>;
  serialSupported(): boolean;
  /** Why Web Serial is missing, in words for a person. */
  serialUnsupportedReason(): string;
  /** Shows the browser's port chooser; null when the person closes it without choosing. */
  requestSerial(baudRate: number, anyPort: boolean): Promise<ByteTransport | null>;
  /** A port this site was granted before, opened without asking; null when there is none. */
  openGrantedSerial(baudRate: number): Promise<ByteTransport | null>;
  /** Open a port the caller already holds (after flashing, the same port the flasher used). */
  openSerialPort(port: serial.SerialPortLike, baudRate: number): Promise<ByteTransport>;
  /** Open a WebREPL connection and log in (ws://host:8266/). */
  openWebRepl(url: string, password: string): Promise<ByteTransport>;
  connect(transport: ByteTransport, board: BoardKind): Promise<DeviceApi>;
}

export const boardLinks: BoardLinks = {
  openVirtual: () => createVirtualBoard(),
  serialSupported: () => serial.isWebSerialSupported(),
  serialUnsupportedReason: () => serial.webSerialUnsupportedReason() ?? "This browser cannot open serial ports.",
  async requestSerial(baudRate, anyPort) {
    // Known MicroPython board vendors by default, so the chooser is short; "All ports" for boards behind other chips.
    const port = await serial.requestSerialPort({ anyPort });
    return port ? serial.openSerialTransport(port, { baudRate }) : null;
  },
  async openGrantedSerial(baudRate) {
    const ports = await serial.getGrantedPorts();
    if (ports.length === 0) return null;
    return serial.openSerialTransport(ports[0], { baudRate });
  },
  openSerialPort: (port, baudRate) => serial.openSerialTransport(port, { baudRate }),
  openWebRepl: (url, password) => openWebRepl({ url, password }),
  // The virtual board's worker boots MicroPython and restores its files before it answers; on a busy machine that
  // takes seconds, so it gets a longer first wait than a real board, which is already running.
  // A board over Wi-Fi answers slower than one on a cable (and an ESP8266 may be busy with its radio).
  connect: (transport, board) =>
    connectDevice(transport, board === "virtual" ? { connectTimeoutMs: 20_000 } : board === "webrepl" ? { connectTimeoutMs: 10_000 } : {}),
};
