import { describe, expect, it } from "vitest";
import { isDeviceError, type DeviceError } from "../../device/errors";
import { describePort } from "./usbIds";
import { webSerialUnsupportedReason, isWebSerialSupported } from "./support";
import { getGrantedPorts, openSerialTransport, requestSerialPort } from "./webSerialTransport";
import type { SerialLike, SerialOptions, SerialOutputSignals, SerialPortInfo, SerialPortLike, SerialPortRequestOptions } from "./webSerialTypes";

/** A port double with the real API's stream semantics (Node 20 has WHATWG streams and EventTarget). */
class FakePort extends EventTarget implements SerialPortLike {
  readable: ReadableStream<Uint8Array> | null = null;
  writable: WritableStream<Uint8Array> | null = null;
  readonly signals: SerialOutputSignals[] = [];
  readonly written: number[] = [];
  opened?: SerialOptions;
  openError?: Error;
  closed = false;
  private controller?: ReadableStreamDefaultController<Uint8Array>;

  constructor(private readonly info: SerialPortInfo = { usbVendorId: 0x2e8a, usbProductId: 0x0005 }) {
    super();
  }
  getInfo(): SerialPortInfo {
    return this.info;
  }
  async open(options: SerialOptions): Promise<void> {
    if (this.openError) throw this.openError;
    this.opened = options;
    this.newReadable();
    this.writable = new WritableStream<Uint8Array>({ write: (chunk) => void this.written.push(...chunk) });
  }
  newReadable(): void {
    this.readable = new ReadableStream<Uint8Array>({ start: (c) => void (this.controller = c) });
  }
  async setSignals(signals: SerialOutputSignals): Promise<void> {
    this.signals.push(signals);
  }
  async close(): Promise<void> {
    if (this.readable?.locked || this.writable?.locked) throw new TypeError("streams are locked");
    this.closed = true;
    this.readable = null;
    this.writable = null;
  }
  push(text: string): void {
    this.controller!.enqueue(new TextEncoder().encode(text));
  }
  fail(error: Error, thenNewReadable: boolean): void {
    this.controller!.error(error);
    if (thenNewReadable) this.newReadable();
    else this.readable = null;
  }
}

class FakeSerial extends EventTarget implements SerialLike {
  lastRequest?: SerialPortRequestOptions;
  requestError?: Error;
  constructor(readonly ports: FakePort[]) {
    super();
  }
  async requestPort(options?: SerialPortRequestOptions): Promise<SerialPortLike> {
    this.lastRequest = options;
    if (this.requestError) throw this.requestError;
    return this.ports[0]!;
  }
  async getPorts(): Promise<SerialPortLike[]> {
    return this.ports;
  }
  /** Chromium fires "disconnect" with the port as target; a plain EventTarget cannot, so pin target. */
  disconnect(port: FakePort): void {
    const event = new Event("disconnect");
    Object.defineProperty(event, "target", { value: port });
    this.dispatchEvent(event);
  }
}

const tick = (ms = 10) => new Promise((r) => setTimeout(r, ms));
const domError = (name: string, message: string) => new DOMException(message, name);

async function opened(options: Parameters<typeof openSerialTransport>[1] = {}) {
  const port = new FakePort();
  const serial = new FakeSerial([port]);
  const transport = await openSerialTransport(port, { serial, ...options });
  const ends: Array<DeviceError | undefined> = [];
  transport.onClose((e) => ends.push(e));
  return { port, serial, transport, ends };
}

describe("requestSerialPort / getGrantedPorts", () => {
  it("filters the chooser to the eight board vendors, or offers any port", async () => {
    const serial = new FakeSerial([new FakePort()]);
    await requestSerialPort({ serial });
    expect(serial.lastRequest?.filters?.map((f) => f.usbVendorId)).toEqual([
      0x303a, 0x2e8a, 0x0483, 0xf055, 0x10c4, 0x1a86, 0x0403, 0x0d28,
    ]);
    await requestSerialPort({ serial, anyPort: true });
    expect(serial.lastRequest?.filters).toBeUndefined();
  });

  it("rejects with Interrupted when the chooser is dismissed, and Unsupported without Web Serial", async () => {
    const serial = new FakeSerial([]);
    serial.requestError = domError("NotFoundError", "No port selected by the user.");
    await expect(requestSerialPort({ serial })).rejects.toSatisfy((e) => isDeviceError(e, "Interrupted"));
    if (!("serial" in (globalThis.navigator ?? {}))) {
      await expect(requestSerialPort()).rejects.toSatisfy((e) => isDeviceError(e, "Unsupported"));
    }
  });

  it("lists previously granted ports for reconnecting on load", async () => {
    const a = new FakePort();
    const b = new FakePort({ usbVendorId: 0x0d28, usbProductId: 0x0204 });
    expect(await getGrantedPorts(new FakeSerial([a, b]))).toEqual([a, b]);
  });
});

describe("openSerialTransport", () => {
  it("opens at 115200 and asserts DTR then RTS, one line per call", async () => {
    const { port, transport } = await opened();
    expect(port.opened?.baudRate).toBe(115200);
    expect(port.signals).toEqual([{ dataTerminalReady: true }, { requestToSend: true }]);
    expect(transport.label).toBe("Raspberry Pi (2e8a:0005)");
    expect(transport.traits).toBeUndefined();
    await transport.close();
  });

  it("paces writes to a micro:bit (DAPLink) port by default, unless told otherwise", async () => {
    const microbit = new FakePort({ usbVendorId: 0x0d28, usbProductId: 0x0204 });
    const serial = new FakeSerial([microbit]);
    const paced = await openSerialTransport(microbit, { serial });
    expect(paced.traits?.pacing).toEqual({ chunkBytes: 32, delayMs: 2 });
    await paced.close();
    const custom = await openSerialTransport(new FakePort({ usbVendorId: 0x0d28 }), { serial, traits: {} });
    expect(custom.traits?.pacing).toBeUndefined();
    await custom.close();
  });

  it("leaves the modem lines alone when told to", async () => {
    const { port, transport } = await opened({ signals: false, baudRate: 9600 });
    expect(port.opened?.baudRate).toBe(9600);
    await transport.close();
    expect(port.signals).toEqual([]);
  });

  it("carries bytes both ways", async () => {
    const { port, transport } = await opened();
    const got: string[] = [];
    transport.onData((c) => got.push(new TextDecoder().decode(c)));
    port.push(">>> ");
    port.push("42\r\n");
    await tick();
    expect(got.join("")).toBe(">>> 42\r\n");
    await transport.write(Uint8Array.of(13, 3, 0, 255));
    expect(port.written).toEqual([13, 3, 0, 255]);
    await transport.close();
  });

  it.each([
    ["InvalidStateError", "The port is already open."],
    ["NetworkError", "Failed to open serial port."],
  ])("maps %s on open to PortInUse with advice", async (name, message) => {
    const port = new FakePort();
    port.openError = domError(name, message);
    const error = await openSerialTransport(port, { serial: new FakeSerial([port]) }).catch((e: unknown) => e);
    expect(isDeviceError(error, "PortInUse")).toBe(true);
    expect((error as Error).message).toMatch(/Thonny/);
    expect((error as Error).message).toMatch(/screen/);
    expect((error as DeviceError).detail).toBe(message);
  });

  it("close() drops RTS before DTR, releases the port, ends without error, and refuses writes", async () => {
    const { port, transport, ends } = await opened();
    await transport.close();
    await transport.close();
    expect(port.signals.slice(2)).toEqual([{ requestToSend: false }, { dataTerminalReady: false }]);
    expect(port.closed).toBe(true);
    expect(ends).toEqual([undefined]);
    await expect(transport.write(Uint8Array.of(1))).rejects.toSatisfy((e) => isDeviceError(e, "Disconnected"));
  });

  it("a disconnect event for this port ends the link with Disconnected, once; other ports are ignored", async () => {
    const { port, serial, transport, ends } = await opened();
    serial.disconnect(new FakePort());
    await tick();
    expect(ends).toEqual([]);
    serial.disconnect(port);
    port.dispatchEvent(new Event("disconnect"));
    await tick();
    expect(ends).toHaveLength(1);
    expect(isDeviceError(ends[0], "Disconnected")).toBe(true);
    expect(ends[0]!.message).toMatch(/unplugged/);
    expect(port.closed).toBe(true);
    await expect(transport.write(Uint8Array.of(1))).rejects.toSatisfy((e) => isDeviceError(e, "Disconnected"));
  });

  it("a fatal read error (device lost) ends the link with Disconnected and frees the port", async () => {
    const { port, ends } = await opened();
    port.fail(domError("NetworkError", "The device has been lost."), false);
    await tick();
    expect(ends).toHaveLength(1);
    expect(isDeviceError(ends[0], "Disconnected")).toBe(true);
    expect(ends[0]!.message).toMatch(/device has been lost/);
    expect(port.closed).toBe(true);
  });

  it("keeps reading after a recoverable error (buffer overrun) on the fresh stream", async () => {
    const { port, transport, ends } = await opened();
    const got: string[] = [];
    transport.onData((c) => got.push(new TextDecoder().decode(c)));
    port.fail(domError("BufferOverrunError", "Buffer overrun"), true);
    await tick();
    port.push("still here");
    await tick();
    expect(ends).toEqual([]);
    expect(got.join("")).toBe("still here");
    await transport.close();
  });
});

describe("port labels and browser support", () => {
  it("names known vendors and falls back for others", () => {
    expect(describePort({ usbVendorId: 0x0d28, usbProductId: 0x0204 })).toBe("BBC micro:bit (0d28:0204)");
    expect(describePort({ usbVendorId: 0x10c4, usbProductId: 0xea60 })).toBe("Silicon Labs CP210x (10c4:ea60)");
    expect(describePort({ usbVendorId: 0x1234, usbProductId: 0x5678 })).toBe("USB serial (1234:5678)");
    expect(describePort({ bluetoothServiceClassId: 0x1101 })).toBe("Bluetooth serial");
    expect(describePort({})).toBe("Serial port");
  });

  it("explains why Web Serial is missing", () => {
    const firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";
    const safari = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15";
    const chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";
    expect(webSerialUnsupportedReason({ userAgent: firefox, isSecureContext: true })).toMatch(/^Firefox does not support/);
    expect(webSerialUnsupportedReason({ userAgent: safari, isSecureContext: true })).toMatch(/^Safari does not support/);
    expect(webSerialUnsupportedReason({ userAgent: chrome, isSecureContext: false, hostname: "192.168.1.5" })).toMatch(
      /secure page.*https:\/\/.*localhost.*192\.168\.1\.5/,
    );
    const serial = new FakeSerial([]);
    expect(isWebSerialSupported({ serial, userAgent: chrome, isSecureContext: true })).toBe(true);
    expect(webSerialUnsupportedReason({ serial, userAgent: chrome, isSecureContext: true })).toBeUndefined();
    expect(isWebSerialSupported({ userAgent: chrome, isSecureContext: true })).toBe(false);
  });
});
