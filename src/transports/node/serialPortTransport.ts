import fs from "node:fs";
import { SerialPort } from "serialport";
import { DeviceError } from "../../device/errors";
import type { ByteTransport, LinkTraits } from "../../device/transport";
import { defaultTraits, describePort } from "../serial/usbIds";

const MAX_BACKLOG_BYTES = 64 * 1024;
/** How often the device node is checked for existence (see SerialPortTransport's constructor). */
const PRESENCE_CHECK_MS = 500;

export interface SerialPortOptions {
  /** OS path of the port: /dev/ttyACM0, /dev/pts/3, COM4. */
  path: string;
  baudRate?: number;
  /** Link traits; when undefined, openSerialPort looks the port's USB vendor up (micro:bit gets pacing). */
  traits?: LinkTraits;
  label?: string;
}

/** The serialport package's port as the core's ByteTransport (Node: the `mote` CLI, tests against a QEMU pty). */
export class SerialPortTransport implements ByteTransport {
  readonly label: string;
  readonly traits?: LinkTraits;
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly closeListeners = new Set<(error?: DeviceError) => void>();
  /** Bytes that arrived before anyone subscribed (a boot banner); handed to the first subscriber. */
  private backlog: Uint8Array[] = [];
  private backlogBytes = 0;
  private closed = false;
  private closedByUs = false;
  private endError?: DeviceError;
  private presenceTimer?: ReturnType<typeof setInterval>;

  constructor(
    private readonly port: SerialPort,
    label: string,
    traits?: LinkTraits,
  ) {
    this.label = label;
    this.traits = traits;
    // The native binding can miss a hangup that comes while no read is pending (seen with a pty whose other end
    // exits right after open): the port would then look open for ever. A vanished device node settles it.
    if (port.path.startsWith("/dev/")) {
      this.presenceTimer = setInterval(() => {
        fs.access(port.path, (err) => {
          if (!err || this.closed) return;
          this.endError ??= new DeviceError("Disconnected", `${label} was disconnected (the device is gone)`, err.message);
          if (port.isOpen) port.close(() => this.finish());
          else this.finish();
        });
      }, PRESENCE_CHECK_MS);
      this.presenceTimer.unref?.();
    }
    port.on("data", (chunk: Buffer) => {
      // A copy that owns its memory: the stream hands out slices of a reused read pool.
      const bytes = new Uint8Array(chunk.byteLength);
      bytes.set(chunk);
      if (this.dataListeners.size === 0) {
        this.backlog.push(bytes);
        this.backlogBytes += bytes.byteLength;
        while (this.backlogBytes > MAX_BACKLOG_BYTES && this.backlog.length > 1) {
          this.backlogBytes -= this.backlog.shift()!.byteLength;
        }
        return;
      }
      for (const listener of [...this.dataListeners]) listener(bytes);
    });
    // serialport closes the port itself on a read/write failure and passes a DisconnectedError to "close".
    port.on("close", (err?: Error | null) => {
      if (err) this.endError = new DeviceError("Disconnected", `${label} was disconnected: ${err.message}`, err.message);
      this.finish();
    });
    port.on("error", (err: Error) => {
      this.endError ??= new DeviceError("Disconnected", `${label} failed: ${err.message}`, err.message);
    });
  }

  write(data: Uint8Array): Promise<void> {
    if (this.closed || !this.port.isOpen) {
      return Promise.reject(new DeviceError("Disconnected", `${this.label} is not open.`));
    }
    return new Promise<void>((resolve, reject) => {
      this.port.write(Buffer.from(data.buffer, data.byteOffset, data.byteLength), (err) => {
        if (err) reject(new DeviceError("Disconnected", `Could not send to ${this.label}: ${err.message}`, err.message));
        else resolve();
      });
    });
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    if (this.backlog.length > 0) {
      const held = this.backlog;
      this.backlog = [];
      this.backlogBytes = 0;
      for (const chunk of held) listener(chunk);
    }
    return () => this.dataListeners.delete(listener);
  }

  onClose(listener: (error?: DeviceError) => void): () => void {
    if (this.closed) {
      const error = this.closedByUs ? undefined : this.lostError();
      queueMicrotask(() => listener(error));
      return () => {};
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closedByUs = true;
    if (this.port.isOpen) {
      // Let queued bytes (a final Ctrl-B) reach the board before the OS port goes away.
      await new Promise<void>((resolve) => this.port.drain(() => resolve()));
      await new Promise<void>((resolve) => this.port.close(() => resolve()));
    }
    this.finish();
  }

  private lostError(): DeviceError {
    return this.endError ?? new DeviceError("Disconnected", `${this.label} was closed.`);
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.presenceTimer) clearInterval(this.presenceTimer);
    const error = this.closedByUs ? undefined : this.lostError();
    const listeners = [...this.closeListeners];
    this.closeListeners.clear();
    for (const listener of listeners) listener(error);
  }
}

/**
 * Turn the OS's refusal to open a port into a typed error. serialport's native binding reports errno only as text
 * ("No such file or directory, cannot open ...", "Cannot lock port", "Device or resource busy"), so the text decides.
 */
export function openError(path: string, err: Error): DeviceError {
  const text = err.message;
  if (/cannot lock|resource temporarily unavailable|resource busy|EBUSY|EAGAIN|access denied/i.test(text)) {
    return new DeviceError("PortInUse", `${path} is in use by another program`, text);
  }
  if (/no such file|ENOENT|not found|cannot find/i.test(text)) {
    return new DeviceError("Disconnected", `No serial port at ${path}`, text);
  }
  if (/permission denied|EACCES/i.test(text)) {
    return new DeviceError(
      "Disconnected",
      `No permission to open ${path} (on Linux, add your user to the dialout group)`,
      text,
    );
  }
  return new DeviceError("Disconnected", `Could not open ${path}: ${text.replace(/^Error:?\s*/, "")}`, text);
}

/** What `SerialPort.list()` says about one port (the fields used here). */
export interface ListedPort {
  path: string;
  vendorId?: string;
  productId?: string;
}

/** Traits and a label implied by the port's USB ids (a micro:bit's DAPLink needs pacing); empty when unknown. */
export function traitsFromListing(ports: readonly ListedPort[], path: string): { traits?: LinkTraits; label?: string } {
  const info = ports.find((p) => p.path === path);
  const vendor = info?.vendorId ? parseInt(info.vendorId, 16) : NaN;
  if (!Number.isFinite(vendor)) return {};
  const product = info?.productId ? parseInt(info.productId, 16) : NaN;
  const ids = { usbVendorId: vendor, usbProductId: Number.isFinite(product) ? product : undefined };
  return { traits: defaultTraits(ids), label: `${describePort(ids)} at ${path}` };
}

async function traitsForPort(path: string): Promise<{ traits?: LinkTraits; label?: string }> {
  try {
    return traitsFromListing(await SerialPort.list(), path);
  } catch {
    // Listing is only a hint; a port that cannot be listed may still open.
    return {};
  }
}

/** Open the port (locked against other programs) and wrap it. Rejects with a typed DeviceError. */
export async function openSerialPort(options: SerialPortOptions): Promise<SerialPortTransport> {
  const baudRate = options.baudRate ?? 115200;
  const hint = options.traits === undefined || options.label === undefined ? await traitsForPort(options.path) : {};
  const port = new SerialPort({ path: options.path, baudRate, autoOpen: false, lock: true });
  await new Promise<void>((resolve, reject) => {
    port.open((err) => (err ? reject(openError(options.path, err)) : resolve()));
  });
  return new SerialPortTransport(port, options.label ?? hint.label ?? options.path, options.traits ?? hint.traits);
}
