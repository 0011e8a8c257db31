import net from "node:net";
import { DeviceError } from "../../device/errors";
import type { ByteTransport, LinkTraits } from "../../device/transport";

const MAX_BACKLOG_BYTES = 64 * 1024;

export interface TcpTransportOptions {
  host?: string;
  port: number;
  label?: string;
  traits?: LinkTraits;
  /** Give up connecting after this long (the far end may still be starting). */
  connectTimeoutMs?: number;
}

/**
 * A ByteTransport over an already-connected socket. Exported separately from connectTcp so a caller that made the
 * socket itself (e.g. after retrying while QEMU starts listening) can wrap it.
 */
export class TcpTransport implements ByteTransport {
  readonly label: string;
  traits?: LinkTraits;
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly closeListeners = new Set<(error?: DeviceError) => void>();
  /** Bytes that arrived while nobody listened (e.g. a boot banner right after connect); go to the next subscriber. */
  private backlog: Uint8Array[] = [];
  private backlogBytes = 0;
  private closed = false;
  private closedByUs = false;
  private endError?: DeviceError;

  constructor(
    private readonly socket: net.Socket,
    label: string,
    traits?: LinkTraits,
  ) {
    this.label = label;
    this.traits = traits;
    // Without TCP_NODELAY each small reply (a prompt, one echoed key) waits ~40 ms for Nagle + delayed ACK.
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => {
      // Hand out a copy that owns its memory: Buffers may be slices of a shared pool.
      const bytes = new Uint8Array(chunk.byteLength);
      bytes.set(chunk);
      if (this.dataListeners.size === 0) {
        // Bounded so a link nobody reads cannot grow without limit; the oldest bytes go first.
        this.backlog.push(bytes);
        this.backlogBytes += bytes.byteLength;
        while (this.backlogBytes > MAX_BACKLOG_BYTES && this.backlog.length > 1) {
          this.backlogBytes -= this.backlog.shift()!.byteLength;
        }
        return;
      }
      for (const listener of [...this.dataListeners]) listener(bytes);
    });
    socket.on("error", (err: Error) => {
      this.endError = new DeviceError("Disconnected", `Connection to ${label} failed: ${err.message}`, err.message);
    });
    socket.on("close", () => this.finish());
    // The far end closing its side means the board is gone; do not keep a half-open socket around.
    socket.on("end", () => socket.destroy());
  }

  write(data: Uint8Array): Promise<void> {
    if (this.closed || this.socket.destroyed) {
      return Promise.reject(new DeviceError("Disconnected", `${this.label} is not connected.`));
    }
    return new Promise<void>((resolve, reject) => {
      this.socket.write(data, (err) => {
        if (err) reject(new DeviceError("Disconnected", `Could not send to ${this.label}: ${err.message}`, err.message));
        else resolve();
      });
    });
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    if (this.backlog.length > 0) {
      // Deliver synchronously, before any newer socket data can overtake it (socket events are macrotasks).
      const held = this.backlog;
      this.backlog = [];
      this.backlogBytes = 0;
      for (const chunk of held) listener(chunk);
    }
    return () => this.dataListeners.delete(listener);
  }

  onClose(listener: (error?: DeviceError) => void): () => void {
    if (this.closed) {
      // Late subscribers still learn how it ended, once, on a later tick (as if they had been there).
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
    await new Promise<void>((resolve) => {
      if (this.socket.destroyed) return resolve();
      this.socket.once("close", () => resolve());
      this.socket.destroy();
    });
    this.finish();
  }

  private lostError(): DeviceError {
    return this.endError ?? new DeviceError("Disconnected", `${this.label} closed the connection.`);
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    const error = this.closedByUs ? undefined : this.lostError();
    const listeners = [...this.closeListeners];
    this.closeListeners.clear();
    for (const listener of listeners) listener(error);
  }
}

/** Connect to host:port and wrap the socket. Rejects with DeviceError("Disconnected") if nothing answers. */
export async function connectTcp(options: TcpTransportOptions): Promise<TcpTransport> {
  const host = options.host ?? "127.0.0.1";
  const label = options.label ?? `TCP ${host}:${options.port}`;
  const timeoutMs = options.connectTimeoutMs ?? 5000;
  const socket = await new Promise<net.Socket>((resolve, reject) => {
    const s = net.connect({ host, port: options.port });
    const timer = setTimeout(() => {
      s.destroy();
      reject(new DeviceError("Timeout", `No answer from ${host}:${options.port} within ${timeoutMs} ms.`));
    }, timeoutMs);
    s.once("connect", () => {
      clearTimeout(timer);
      s.removeAllListeners("error");
      resolve(s);
    });
    s.once("error", (err) => {
      clearTimeout(timer);
      reject(new DeviceError("Disconnected", `Could not connect to ${host}:${options.port}: ${err.message}`, err.message));
    });
  });
  return new TcpTransport(socket, label, options.traits);
}
