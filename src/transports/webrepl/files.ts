import { DeviceError, isDeviceError } from "../../device/errors";
import { ByteReader } from "../../device/reader";
import type { ChannelOptions, LinkFileChannel } from "../../device/transport";
import { decodeResponse, encodeRequest, GET_CHUNK_MAX, MAX_NAME_BYTES, nameProblem, Op, RequestError } from "./protocol";

/** What the file channel needs from the WebSocket: send a binary frame, and wait until little is left to send. */
export interface BinaryLink {
  sendBinary(frame: Uint8Array): void;
  /** Resolves once at most `bytes` are still queued for sending; rejects when the link is gone. */
  drained(bytes: number): Promise<void>;
}

/** Put data travels in frames of this size (webrepl.html sends 1 KiB; the board reads up to 511 bytes at a time). */
const PUT_FRAME = 1024;
/** Keep at most this much queued in the WebSocket, so progress follows what really left and Cancel acts soon. */
const HIGH_WATER = 16 * 1024;

/**
 * WebREPL's binary file transfer (put, get, get-version) over the binary frames of one connection. The board treats
 * binary frames as one byte stream, so frame boundaries mean nothing here either: replies are read by length.
 *
 * One request at a time. A board that cannot open the file does not answer an error: it drops the whole connection
 * (the exception ends its dupterm). Callers make sure the file can be opened first (the transfer engine does, through
 * the raw REPL). After a timeout or a malformed reply the two ends may disagree about where a transfer is, so the
 * channel refuses further requests until the next connection.
 */
export class WebReplFiles implements LinkFileChannel {
  readonly maxNameBytes = MAX_NAME_BYTES;
  private readonly reader = new ByteReader();
  private busy = false;
  private outOfStep: string | null = null;

  constructor(
    private readonly link: BinaryLink,
    private readonly replyMs: number,
  ) {}

  nameProblem(name: Uint8Array): string | null {
    return nameProblem(name);
  }

  /** Binary frames from the board. */
  push(bytes: Uint8Array): void {
    this.reader.push(bytes);
  }

  /** The connection ended: a waiting request fails with `error`. */
  end(error: DeviceError): void {
    this.reader.end(error);
  }

  put(name: Uint8Array, data: Uint8Array, options: ChannelOptions = {}): Promise<void> {
    return this.exclusive(async () => {
      this.request(Op.Put, data.length, name);
      await this.response("the board's answer to a put request");
      let sent = 0;
      let cancelled = false;
      while (sent < data.length) {
        cancelled ||= !!options.signal?.aborted;
        const n = Math.min(PUT_FRAME, data.length - sent);
        // The board waits for exactly the size it was promised; after a cancel it gets zeros (into the temp file,
        // which the engine then removes), so the stream stays in step without a reconnect.
        this.link.sendBinary(cancelled ? new Uint8Array(n) : data.subarray(sent, sent + n));
        sent += n;
        await this.link.drained(HIGH_WATER);
        if (!cancelled) options.onProgress?.(sent);
      }
      // The last answer comes after the board has written everything to flash.
      await this.response("the end of the put", this.replyMs * 5);
      if (cancelled) throw cancelledError();
    });
  }

  get(name: Uint8Array, options: ChannelOptions = {}): Promise<Uint8Array> {
    return this.exclusive(async () => {
      this.request(Op.Get, 0, name);
      await this.response("the board's answer to a get request");
      const parts: Uint8Array[] = [];
      let got = 0;
      let cancelled = false;
      for (;;) {
        // One acknowledgement byte per chunk: the board sends nothing more until it has it. A cancelled get is read to
        // its end all the same, or the board would take the next request's first byte as the acknowledgement.
        this.link.sendBinary(Uint8Array.of(0));
        const head = await this.reader.readExactly(2, { idleTimeoutMs: this.replyMs, what: "a file chunk's length" });
        const n = head[0] | (head[1] << 8);
        if (n === 0) break;
        if (n > GET_CHUNK_MAX) throw new DeviceError("ProtocolError", `WebREPL sent a file chunk of ${n} bytes (at most ${GET_CHUNK_MAX})`);
        const part = await this.reader.readExactly(n, { idleTimeoutMs: this.replyMs, what: "a file chunk" });
        cancelled ||= !!options.signal?.aborted;
        if (cancelled) continue;
        parts.push(part);
        got += n;
        options.onProgress?.(got);
      }
      await this.response("the end of the get");
      if (cancelled) throw cancelledError();
      const out = new Uint8Array(got);
      let at = 0;
      for (const p of parts) {
        out.set(p, at);
        at += p.length;
      }
      return out;
    });
  }

  /** The board's MicroPython version (major, minor, micro), from WebREPL's get-version request. */
  version(): Promise<[number, number, number]> {
    return this.exclusive(async () => {
      this.request(Op.GetVersion, 0);
      const v = await this.reader.readExactly(3, { idleTimeoutMs: this.replyMs, what: "the board's version" });
      return [v[0], v[1], v[2]];
    });
  }

  private request(op: (typeof Op)[keyof typeof Op], size: number, name?: Uint8Array): void {
    let frame: Uint8Array;
    try {
      frame = encodeRequest(op, size, name);
    } catch (e) {
      if (e instanceof RequestError) throw new DeviceError("Unsupported", `WebREPL cannot carry this file name: ${e.message}`);
      throw e;
    }
    // Anything left over belongs to no request (there is only ever one): drop it so it cannot pass for a reply.
    this.reader.drain();
    this.link.sendBinary(frame);
  }

  private async response(what: string, idleMs = this.replyMs): Promise<void> {
    const bytes = await this.reader.readExactly(4, { idleTimeoutMs: idleMs, what });
    const status = decodeResponse(bytes);
    if (status === null) {
      throw new DeviceError("ProtocolError", `WebREPL answered something other than a file response to ${what}`, hex(bytes));
    }
    if (status !== 0) throw new DeviceError("RemoteError", `WebREPL reported status ${status} for ${what}`);
  }

  private async exclusive<T>(body: () => Promise<T>): Promise<T> {
    if (this.outOfStep) throw new DeviceError("ProtocolError", this.outOfStep);
    if (this.busy) throw new DeviceError("Busy", "Another WebREPL file transfer is in progress");
    this.busy = true;
    try {
      return await body();
    } catch (e) {
      if (!isDeviceError(e, "Interrupted") && !isDeviceError(e, "Unsupported")) {
        this.outOfStep =
          "The WebREPL file transfer got out of step after an error. Disconnect and connect again before moving files.";
      }
      throw e;
    } finally {
      this.busy = false;
    }
  }
}

function cancelledError(): DeviceError {
  return new DeviceError("Interrupted", "The transfer was cancelled; the board's file is unchanged");
}

function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join(" ");
}
