import { DeviceError } from "../../device/errors";
import type { ByteTransport, LinkTraits } from "../../device/transport";
import { WebReplError } from "./errors";
import { WebReplFiles } from "./files";
import { LoginWatch, MAX_FRAME_BYTES, passwordProblem } from "./protocol";
import { completePrefix, splitBetweenChars } from "./utf8";

/** The parts of the browser's WebSocket this transport uses; `ws`'s client in Node has the same shape. */
export interface WebSocketLike {
  binaryType: string;
  readonly bufferedAmount: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string | Uint8Array): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketFactory = new (url: string) => WebSocketLike;

export interface WebReplOptions {
  /** ws://host:8266/ (or wss:// behind a TLS proxy). */
  url: string;
  password: string;
  /** The WebSocket class: the browser's by default; in Node tests, `ws`'s. */
  WebSocket?: WebSocketFactory;
  /** How long opening and logging in may take together. */
  timeoutMs?: number;
  /** Idle wait for a file-transfer reply. */
  replyMs?: number;
  label?: string;
}

/** Text frames stay well below the board's 16-bit frame length limit (and its small buffers). */
const TEXT_FRAME_BYTES = 4096;

/**
 * Open a WebREPL connection and log in. Resolves once the board has said "WebREPL connected"; the link is then a
 * ByteTransport for the device core (terminal bytes as text frames) with WebREPL's file transfer as `files`.
 * Fails with a WebReplError saying which step failed.
 */
export function openWebRepl(options: WebReplOptions): Promise<WebReplTransport> {
  const url = options.url.trim();
  if (!/^wss?:\/\/[^/\s]+/i.test(url)) {
    return Promise.reject(new WebReplError("BadAddress", `"${url}" is not a WebREPL address (ws://host:8266/)`));
  }
  const problem = passwordProblem(options.password);
  if (problem) return Promise.reject(new WebReplError("BadPassword", problem));
  if (/^ws:/i.test(url) && globalThis.location?.protocol === "https:") {
    return Promise.reject(new WebReplError("MixedContent", "A page served over https cannot open a ws:// connection"));
  }
  const Ctor = options.WebSocket ?? (globalThis.WebSocket as unknown as WebSocketFactory | undefined);
  if (!Ctor) return Promise.reject(new WebReplError("Unreachable", "This environment has no WebSocket"));
  let ws: WebSocketLike;
  try {
    ws = new Ctor(url);
  } catch (e) {
    // Browsers throw SecurityError for mixed content and SyntaxError for a malformed address.
    const name = (e as { name?: string }).name;
    if (name === "SecurityError") return Promise.reject(new WebReplError("MixedContent", "The browser refused the ws:// address from this page", String(e)));
    return Promise.reject(new WebReplError("BadAddress", `"${url}" is not a usable WebSocket address`, String(e)));
  }
  ws.binaryType = "arraybuffer";
  const timeoutMs = options.timeoutMs ?? 10_000;

  return new Promise<WebReplTransport>((resolve, reject) => {
    const login = new LoginWatch();
    let opened = false;
    let answered = false;
    let settled = false;
    const fail = (e: WebReplError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      detach();
      try {
        ws.close();
      } catch {
        // Already closing.
      }
      reject(e);
    };
    const detach = () => {
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    };
    const timer = setTimeout(() => {
      if (!opened) fail(new WebReplError("Timeout", `No answer from ${url} within ${Math.round(timeoutMs / 1000)} s`));
      else if (!login.sawPrompt) fail(new WebReplError("NotWebRepl", `${url} answered but never asked for a password`));
      else fail(new WebReplError("Timeout", `The board did not answer the password within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    ws.onopen = () => {
      opened = true;
    };
    ws.onerror = () => {
      // Browsers say nothing useful here; the close event that always follows decides.
    };
    ws.onclose = (ev) => {
      if (!opened) fail(new WebReplError("Unreachable", `Could not connect to ${url}`, `close code ${ev.code}`));
      else if (!login.sawPrompt) {
        fail(new WebReplError("Refused", "The board closed the connection before asking for a password", `close code ${ev.code}`));
      } else if (answered) {
        // A board that refuses the password says so first (handled in onmessage); closing without a word after the
        // password is the same answer from a board that was cut off.
        fail(new WebReplError("WrongPassword", "The board closed the connection after the password", `close code ${ev.code}`));
      } else fail(new WebReplError("Closed", "The connection closed during login", `close code ${ev.code}`));
    };
    ws.onmessage = (ev) => {
      // Binary frames before login are no reply to anything: a board sends none.
      if (typeof ev.data !== "string") return;
      for (const e of login.feed(ev.data)) {
        if (e.kind === "prompt") {
          answered = true;
          ws.send(`${options.password}\r`);
        } else if (e.kind === "denied") {
          fail(new WebReplError("WrongPassword", "The board refused the password (Access denied)"));
        } else if (!settled) {
          settled = true;
          clearTimeout(timer);
          detach();
          resolve(new WebReplTransport(ws, url, e.rest, options));
        }
      }
    };
  });
}

/**
 * A logged-in WebREPL connection. Terminal bytes go out as text frames, cut only between characters (a frame must
 * be valid UTF-8); bytes that are not UTF-8 cannot be sent at all and make write() reject. Text frames from the board
 * are the terminal; binary frames belong to the file channel (`files`).
 */
export class WebReplTransport implements ByteTransport {
  readonly label: string;
  readonly traits: LinkTraits;
  readonly files: WebReplFiles;
  readonly url: string;

  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly closeListeners = new Set<(error?: DeviceError) => void>();
  private early: Uint8Array[] = [];
  /** The start of a character whose other bytes have not been written yet. */
  private pendingOut = new Uint8Array(0);
  private closing = false;
  private closed = false;
  private closedWaiters: Array<() => void> = [];
  private lastError?: string;
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder("utf-8", { fatal: true });

  constructor(
    private readonly ws: WebSocketLike,
    url: string,
    afterLogin: string,
    options: Pick<WebReplOptions, "replyMs" | "label">,
  ) {
    this.url = url;
    this.label = options.label ?? `WebREPL ${hostOf(url)}`;
    this.files = new WebReplFiles(
      { sendBinary: (frame) => this.sendBinary(frame), drained: (bytes) => this.drained(bytes) },
      options.replyMs ?? 5000,
    );
    this.traits = { textOnly: true, files: this.files };
    if (afterLogin) this.early.push(this.encoder.encode(afterLogin));
    ws.onmessage = (ev) => this.received(ev.data);
    ws.onclose = (ev) => this.ended(ev.code, ev.reason);
    // Browsers give no reason; Node's ws names it (e.g. "Invalid UTF-8 sequence"), which the close then reports.
    ws.onerror = (ev) => (this.lastError = String((ev as { message?: unknown }).message ?? "") || undefined);
  }

  write(data: Uint8Array): Promise<void> {
    if (this.closed || this.closing) return Promise.reject(new DeviceError("Disconnected", "The WebREPL connection is closed"));
    const all = this.pendingOut.length ? concat(this.pendingOut, data) : data;
    const whole = completePrefix(all);
    try {
      // Checked whole before anything is sent, so a refused write sends nothing.
      this.decoder.decode(all.subarray(0, whole));
    } catch {
      return Promise.reject(
        new DeviceError("Unsupported", "WebREPL carries text only: these bytes are not UTF-8 and cannot be sent"),
      );
    }
    this.pendingOut = all.slice(whole);
    for (const piece of splitBetweenChars(all.subarray(0, whole), TEXT_FRAME_BYTES)) this.ws.send(this.decoder.decode(piece));
    return Promise.resolve();
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    if (this.early.length) {
      const early = this.early;
      this.early = [];
      for (const chunk of early) listener(chunk);
    }
    return () => this.dataListeners.delete(listener);
  }

  onClose(listener: (error?: DeviceError) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closing = true;
    const gone = new Promise<void>((r) => this.closedWaiters.push(r));
    try {
      this.ws.close(1000);
    } catch {
      // Already closing.
    }
    // A board closes its side at once; a vanished one never answers, so do not wait for ever.
    await Promise.race([gone, new Promise((r) => setTimeout(r, 1000))]);
    this.ended(1000, "");
  }

  private sendBinary(frame: Uint8Array): void {
    if (this.closed) throw new DeviceError("Disconnected", "The WebREPL connection is closed");
    if (frame.length > MAX_FRAME_BYTES) throw new DeviceError("ProtocolError", "A WebREPL frame must stay below 64 KiB");
    this.ws.send(frame);
  }

  private async drained(bytes: number): Promise<void> {
    while (this.ws.bufferedAmount > bytes) {
      if (this.closed) throw new DeviceError("Disconnected", "The WebREPL connection closed during a transfer");
      await new Promise((r) => setTimeout(r, 5));
    }
    if (this.closed) throw new DeviceError("Disconnected", "The WebREPL connection closed during a transfer");
  }

  private received(data: unknown): void {
    if (typeof data === "string") {
      this.deliver(this.encoder.encode(data));
    } else if (data instanceof ArrayBuffer) {
      this.files.push(new Uint8Array(data));
    } else if (ArrayBuffer.isView(data)) {
      this.files.push(new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice());
    }
  }

  private deliver(chunk: Uint8Array): void {
    if (!chunk.length) return;
    if (this.dataListeners.size === 0) {
      this.early.push(chunk);
      return;
    }
    for (const l of [...this.dataListeners]) {
      try {
        l(chunk);
      } catch {
        // A listener's failure is its own; the others still get the bytes.
      }
    }
  }

  private ended(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.ws.onmessage = this.ws.onclose = this.ws.onerror = null;
    const notText = code === 1007 || /utf-?8/i.test(this.lastError ?? "");
    const error = this.closing
      ? undefined
      : new WebReplError(
          "Closed",
          notText
            ? "The board sent bytes that are not text on the WebREPL terminal, and the connection was ended"
            : "The WebREPL connection closed",
          [`close code ${code}`, reason, this.lastError].filter(Boolean).join("; "),
        );
    this.files.end(error ?? new DeviceError("Disconnected", "The WebREPL connection is closed"));
    for (const w of this.closedWaiters.splice(0)) w();
    for (const l of [...this.closeListeners]) l(error);
    this.closeListeners.clear();
  }
}

function hostOf(url: string): string {
  return url.replace(/^wss?:\/\//i, "").replace(/\/.*$/, "");
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
