/**
 * esptool-js swallows a lost port: its read loop just stops, and the next command waits out its timeout before
 * failing with "No serial data received." This wrapper sits between esptool's Transport and the real SerialPort,
 * passes everything through, and notices the moment the port's readable fails, so flashing can stop at once with
 * "Disconnected" instead of a timeout a person cannot act on.
 */

export interface EspSerialOptions {
  baudRate: number;
  dataBits?: 7 | 8;
  stopBits?: 1 | 2;
  parity?: "none" | "even" | "odd";
  bufferSize?: number;
  flowControl?: "none" | "hardware";
}

/** The part of Web Serial's SerialPort that esptool-js's Transport uses (node_modules/esptool-js/lib/webserial.js). */
export interface EspSerialPort {
  readonly readable: ReadableStream<Uint8Array> | null;
  readonly writable: WritableStream<Uint8Array> | null;
  open(options: EspSerialOptions): Promise<void>;
  close(): Promise<void>;
  setSignals(signals: { dataTerminalReady?: boolean; requestToSend?: boolean; break?: boolean }): Promise<void>;
  getInfo(): { usbVendorId?: number; usbProductId?: number };
}

export class WatchedPort implements EspSerialPort {
  /** Rejects (never resolves) when the port is lost. */
  readonly lost: Promise<never>;
  isLost = false;
  private markLost!: (e: unknown) => void;
  private wrapped: ReadableStream<Uint8Array> | null = null;
  private innerReader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  private opened = false;

  constructor(readonly inner: EspSerialPort) {
    this.lost = new Promise<never>((_, reject) => {
      this.markLost = (e) => {
        if (this.isLost) return;
        this.isLost = true;
        reject(e);
      };
    });
    this.lost.catch(() => {});
  }

  get readable(): ReadableStream<Uint8Array> | null {
    return this.opened && this.inner.readable ? this.wrapped : null;
  }

  get writable(): WritableStream<Uint8Array> | null {
    return this.opened ? this.inner.writable : null;
  }

  getInfo() {
    return this.inner.getInfo();
  }

  setSignals(signals: { dataTerminalReady?: boolean; requestToSend?: boolean; break?: boolean }): Promise<void> {
    return this.inner.setSignals(signals).catch((e: unknown) => {
      if (isLostError(e)) this.markLost(e);
      throw e;
    });
  }

  async open(options: EspSerialOptions): Promise<void> {
    await this.inner.open(options);
    this.opened = true;
    this.wrapped = new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        const source = this.inner.readable;
        if (!source) {
          controller.close();
          return;
        }
        this.innerReader ??= source.getReader();
        try {
          const { value, done } = await this.innerReader.read();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (e) {
          if (isLostError(e)) this.markLost(e);
          controller.error(e);
        }
      },
      cancel: async (reason) => {
        await this.innerReader?.cancel(reason).catch(() => {});
        this.releaseInner();
      },
    });
  }

  async close(): Promise<void> {
    this.opened = false;
    this.releaseInner();
    this.wrapped = null;
    await this.inner.close();
  }

  private releaseInner(): void {
    try {
      this.innerReader?.releaseLock();
    } catch {
      // a read is still pending on a cancelled stream: it settles on its own
    }
    this.innerReader = null;
  }
}

/** Chromium's words for an unplugged device: DOMException NetworkError ("The device has been lost."). */
export function isLostError(e: unknown): boolean {
  const name = (e as { name?: unknown } | null)?.name;
  return name === "NetworkError" || /device has been lost/i.test(String((e as { message?: unknown } | null)?.message ?? ""));
}
