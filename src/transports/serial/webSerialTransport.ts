import { DeviceError } from "../../device/errors";
import type { ByteTransport, LinkTraits } from "../../device/transport";
import { getSerial, webSerialUnsupportedReason } from "./support";
import { BOARD_USB_FILTERS, defaultTraits, describePort } from "./usbIds";
import type { SerialLike, SerialOutputSignals, SerialPortLike } from "./webSerialTypes";

export interface RequestPortOptions {
  /** Offer every serial port, not just known board vendors (boards behind other USB-serial chips). */
  anyPort?: boolean;
  serial?: SerialLike;
}

function requireSerial(serial?: SerialLike): SerialLike {
  const s = serial ?? getSerial();
  if (!s) throw new DeviceError("Unsupported", webSerialUnsupportedReason() ?? "Web Serial is not available.");
  return s;
}

/**
 * Show the browser's port chooser. Must be called from a user gesture (a click), as the browser requires.
 * Rejects with DeviceError("Interrupted") when the person closes it without choosing: the UI should stay quiet then.
 */
export async function requestSerialPort(options: RequestPortOptions = {}): Promise<SerialPortLike> {
  const serial = requireSerial(options.serial);
  try {
    return await serial.requestPort(options.anyPort ? {} : { filters: BOARD_USB_FILTERS });
  } catch (e) {
    if (errorName(e) === "NotFoundError") {
      throw new DeviceError("Interrupted", "No serial port was chosen.", errorText(e));
    }
    if (errorName(e) === "SecurityError") {
      throw new DeviceError("Unsupported", "The browser only shows the port chooser after a click. Press Connect again.", errorText(e));
    }
    throw new DeviceError("Unsupported", `Could not show the serial port chooser: ${errorText(e)}`, errorText(e));
  }
}

/** Ports this site was allowed before: lets Mote reconnect on page load without asking again. */
export async function getGrantedPorts(serial?: SerialLike): Promise<SerialPortLike[]> {
  const s = serial ?? getSerial();
  return s ? s.getPorts() : [];
}

export interface OpenSerialOptions {
  baudRate?: number;
  /**
   * Modem lines to hold while connected, or false to leave them as the OS set them. Default: both asserted.
   * Why: (1) USB-CDC boards on TinyUSB (RP2040, SAMD, ESP32-S2/S3 native USB) only send while DTR is set;
   * (2) ESP boards' auto-reset circuit resets the chip on (!DTR && RTS) and pulls IO0 low on (DTR && !RTS). Both
   * asserted is neutral, and it is what the OS sets on open, so holding it causes no edge. DTR-on/RTS-off (a common
   * suggestion) keeps IO0 low, so pressing the board's reset button lands in the ROM bootloader (micropython#11075).
   * Override for oddities such as ESP32-CAM-MB, which wires DTR straight to reset and needs { false, false }.
   */
  signals?: { dataTerminalReady: boolean; requestToSend: boolean } | false;
  /** Where to listen for "disconnect"; defaults to navigator.serial. */
  serial?: SerialLike;
  /** Defaults from the USB ids (micro:bit: paced writes). */
  traits?: LinkTraits;
}

/** Errors after which Chromium hands out a fresh port.readable and reading can go on. */
const RECOVERABLE_READ_ERRORS = new Set(["BufferOverrunError", "BreakError", "FramingError", "ParityError"]);

const PORT_IN_USE_MESSAGE =
  "The serial port is busy: another program or browser tab has it open. Close other Mote tabs and programs such as " +
  "Thonny, mpremote, screen, minicom, PuTTY or the Arduino serial monitor, then press Connect again.";

/** Open a port and wrap it as a ByteTransport. */
export async function openSerialTransport(port: SerialPortLike, options: OpenSerialOptions = {}): Promise<ByteTransport> {
  const label = describePort(port.getInfo());
  try {
    // A larger read buffer than Chromium's 255 bytes gives the page slack when it is busy (e.g. rendering output).
    await port.open({ baudRate: options.baudRate ?? 115200, bufferSize: 8192 });
  } catch (e) {
    const name = errorName(e);
    // InvalidStateError: already open in this page; NetworkError "Failed to open serial port.": the OS refused,
    // almost always because another process or tab holds it.
    if (name === "InvalidStateError" || name === "NetworkError" || /failed to open/i.test(errorText(e))) {
      throw new DeviceError("PortInUse", PORT_IN_USE_MESSAGE, errorText(e));
    }
    throw new DeviceError("Disconnected", `Could not open ${label}: ${errorText(e)}`, errorText(e));
  }
  const signals = options.signals === undefined ? { dataTerminalReady: true, requestToSend: true } : options.signals;
  if (signals) {
    // One line per call, DTR first: from any starting state this never passes through (!DTR && RTS), the ESP
    // reset combination, even on platforms that apply both lines in one call in an unknown order.
    await trySetSignals(port, { dataTerminalReady: signals.dataTerminalReady });
    await trySetSignals(port, { requestToSend: signals.requestToSend });
  }
  const traits = options.traits ?? defaultTraits(port.getInfo());
  return new WebSerialTransport(port, label, options.serial ?? getSerial(), traits, signals !== false);
}

class WebSerialTransport implements ByteTransport {
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly closeListeners = new Set<(error?: DeviceError) => void>();
  private reader?: ReadableStreamDefaultReader<Uint8Array>;
  private readonly writer?: WritableStreamDefaultWriter<Uint8Array>;
  private readonly readLoop: Promise<void>;
  private closing = false;
  private ended = false;
  private endError?: DeviceError;
  private readonly onDisconnectEvent = (event: Event) => {
    if (event.target === this.port || event.currentTarget === this.port) {
      this.lose(new DeviceError("Disconnected", `${this.label} was unplugged or reset.`));
    }
  };

  constructor(
    private readonly port: SerialPortLike,
    readonly label: string,
    private readonly serial: SerialLike | undefined,
    readonly traits: LinkTraits | undefined,
    private readonly ownsSignals: boolean,
  ) {
    this.writer = port.writable?.getWriter();
    // Chromium fires "disconnect" at the port and lets it bubble to navigator.serial; listen at both so a
    // shim or browser that does only one still works. lose() runs once whichever fires.
    serial?.addEventListener("disconnect", this.onDisconnectEvent);
    port.addEventListener?.("disconnect", this.onDisconnectEvent);
    this.readLoop = this.pump();
  }

  private async pump(): Promise<void> {
    while (!this.closing && !this.ended) {
      const readable = this.port.readable;
      if (!readable) {
        this.lose(new DeviceError("Disconnected", `${this.label} stopped responding (its stream closed).`));
        return;
      }
      const reader = readable.getReader();
      this.reader = reader;
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          if (value && value.byteLength > 0) for (const listener of [...this.dataListeners]) listener(value);
        }
        if (!this.closing) {
          // A stream that ends without close() being called means the port went away under us.
          this.lose(new DeviceError("Disconnected", `${this.label} closed unexpectedly.`));
          return;
        }
      } catch (e) {
        if (this.closing) return;
        if (RECOVERABLE_READ_ERRORS.has(errorName(e))) continue; // a garbled byte, not a lost board
        this.lose(new DeviceError("Disconnected", `Lost ${this.label}: ${errorText(e)}. Check the cable and connect again.`, errorText(e)));
        return;
      } finally {
        this.reader = undefined;
        try {
          reader.releaseLock();
        } catch {
          // already released
        }
      }
    }
  }

  async write(data: Uint8Array): Promise<void> {
    if (this.ended || this.closing || !this.writer) {
      throw new DeviceError("Disconnected", `${this.label} is not connected.`);
    }
    try {
      await this.writer.write(data);
    } catch (e) {
      const error = new DeviceError("Disconnected", `Could not send to ${this.label}: ${errorText(e)}`, errorText(e));
      this.lose(error);
      throw error;
    }
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onClose(listener: (error?: DeviceError) => void): () => void {
    if (this.ended) {
      const error = this.endError;
      queueMicrotask(() => listener(error));
      return () => {};
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closing || this.ended) return;
    this.closing = true;
    if (this.ownsSignals) {
      // RTS off before DTR off: the lines go (1,1) -> (1,0) -> (0,0) and never through the ESP reset state when
      // the OS drops them on close (micropython#9659: a reset on every disconnect).
      await trySetSignals(this.port, { requestToSend: false });
      await trySetSignals(this.port, { dataTerminalReady: false });
    }
    await this.release();
    this.finish(undefined);
  }

  /** The link ended on its own: tell listeners once, then free the port so it can be opened again. */
  private lose(error: DeviceError): void {
    if (this.ended || this.closing) return;
    this.closing = true;
    this.finish(error);
    void this.release();
  }

  private async release(): Promise<void> {
    this.serial?.removeEventListener("disconnect", this.onDisconnectEvent);
    this.port.removeEventListener?.("disconnect", this.onDisconnectEvent);
    try {
      await this.reader?.cancel();
    } catch {
      // the stream already failed
    }
    await this.readLoop.catch(() => {});
    if (this.writer) {
      // Let queued bytes drain, but never hang on a board that is gone.
      const closed = await withTimeout(this.writer.close().then(() => true, () => false), 1000, false);
      if (!closed) await this.writer.abort().catch(() => {});
      try {
        this.writer.releaseLock();
      } catch {
        // already released
      }
    }
    try {
      await this.port.close();
    } catch {
      // already closed, or the device vanished with it
    }
  }

  private finish(error: DeviceError | undefined): void {
    if (this.ended) return;
    this.ended = true;
    this.endError = error;
    const listeners = [...this.closeListeners];
    this.closeListeners.clear();
    for (const listener of listeners) listener(error);
  }
}

async function trySetSignals(port: SerialPortLike, signals: SerialOutputSignals): Promise<void> {
  try {
    await port.setSignals(signals);
  } catch {
    // Some adapters and virtual ports cannot drive modem lines; talking to the board still works without them.
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise<T>((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms);
    promise.then((v) => {
      clearTimeout(timer);
      resolve(v);
    });
  });
}

function errorName(e: unknown): string {
  return typeof e === "object" && e !== null && "name" in e ? String((e as { name: unknown }).name) : "";
}

function errorText(e: unknown): string {
  if (typeof e === "object" && e !== null && "message" in e) return String((e as { message: unknown }).message);
  return String(e);
}
