/**
 * TEST DOUBLE: a WebREPL server in Node, written from MicroPython's extmod/modwebrepl.c, extmod/modwebsocket.c and
 * micropython-lib's webrepl.py (facts in ../README.md), in front of the REAL MicroPython WASM board
 * (createNodeVirtualBoard): the REPL, raw REPL, programs and tracebacks are the real interpreter's, and the
 * file-transfer messages act on that same board's filesystem through its file door (virtual/file-access.ts).
 *
 * What it reproduces: the "Password: " prompt and the password read byte by byte up to CR/LF (at most 10 bytes
 * kept, compared with the configured one; output withheld until then), "WebREPL connected" or "Access denied" and a
 * dropped connection; one client at a time (a second is closed right after the WebSocket handshake); text frames =
 * terminal, binary frames = one byte stream for the 82-byte requests, put data, get acknowledgements; WB responses,
 * get chunks of at most 256 bytes, get-version; a file the board cannot open drops the connection (the exception ends
 * the board's dupterm); board output in text frames, raw (bytes that are not UTF-8 make the client fail the frame, as
 * with a board); frames over 64 KiB refused.
 *
 * Where it differs: the board writes whole strings per frame; the virtual board's output arrives in arbitrary pieces,
 * so the double cuts frames between characters (holding an unfinished character back up to 20 ms). So the friendly
 * REPL's byte-by-byte echo of a typed multi-byte character, which a board sends in separate (invalid) frames, arrives
 * whole here. Requests are
 * served while the board waits for input, not at the scheduler points where ESP ports serve them during a busy loop.
 */
import { WebSocketServer, type WebSocket } from "ws";
import type { AddressInfo } from "node:net";
import { createNodeVirtualBoard, MemoryFsStore, type FsStore } from "../../virtual/node";
import {
  CONNECTED_TEXT,
  decodeRequest,
  DENIED_TEXT,
  encodeChunk,
  encodeResponse,
  GET_CHUNK_MAX,
  MAX_FRAME_BYTES,
  Op,
  PASSWORD_PROMPT,
  REQUEST_BYTES,
} from "../protocol";
import { completePrefix } from "../utf8";

type Board = Awaited<ReturnType<typeof createNodeVirtualBoard>>;

export interface WebReplDoubleOptions {
  password?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  store?: FsStore;
  /**
   * The raw-paste window the board announces. 128 by default, as MicroPython's default 256-byte stdin buffer gives:
   * its reply then holds the byte 0x80, which no text frame may carry alone.
   */
  rawPasteWindow?: number;
}

export interface WebReplDouble {
  /** ws://127.0.0.1:PORT/ */
  readonly url: string;
  readonly port: number;
  readonly board: Board;
  /** What the board would print on its other terminal (UART): connections, rejections, deactivations. */
  readonly log: string[];
  /** Every file request the double received, in order (for tests to see which path a transfer took). */
  readonly requests: Array<{ op: "put" | "get" | "version"; name: string; size: number }>;
  /** Drop the current client's connection without a close frame (Wi-Fi gone, board reset). */
  dropClient(): void;
  close(): Promise<void>;
}

export async function startWebReplDouble(options: WebReplDoubleOptions = {}): Promise<WebReplDouble> {
  const password = options.password ?? "mote123";
  const board = await createNodeVirtualBoard({ store: options.store ?? new MemoryFsStore(), rawPasteWindow: options.rawPasteWindow ?? 128 });
  const log: string[] = [];
  const requests: WebReplDouble["requests"] = [];
  let banner = "";
  let client: Session | null = null;
  board.onData((chunk) => {
    if (banner.length < 400) banner += new TextDecoder().decode(chunk);
    client?.boardOutput(chunk);
  });

  const server = new WebSocketServer({ host: "127.0.0.1", port: options.port ?? 0, maxPayload: MAX_FRAME_BYTES });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const port = (server.address() as AddressInfo).port;

  server.on("connection", (socket, req) => {
    const from = `${req.socket.remoteAddress}:${req.socket.remotePort}`;
    if (client) {
      log.push(`Concurrent WebREPL connection from ${from} rejected`);
      // webrepl.py closes the TCP socket right after the handshake: no close frame, no text.
      socket.terminate();
      return;
    }
    log.push(`WebREPL connection from: ${from}`);
    const session = new Session(socket, board, password, () => version(banner), (why) => log.push(why), requests);
    client = session;
    socket.on("close", () => {
      if (client === session) client = null;
      session.ended();
    });
  });

  return {
    url: `ws://127.0.0.1:${port}/`,
    port,
    board,
    log,
    requests,
    dropClient: () => client?.drop(),
    async close() {
      client?.drop();
      await new Promise<void>((r) => server.close(() => r()));
      await board.close();
    },
  };
}

/** MICROPY_VERSION_MAJOR/MINOR/MICRO of the board behind, read from its banner. */
function version(banner: string): [number, number, number] {
  const m = /MicroPython v(\d+)\.(\d+)\.(\d+)/.exec(banner);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
}

/** One client's connection: modwebrepl.c's state (password, then terminal + file protocol). */
class Session {
  private state: "password" | "normal" = "password";
  private typed: number[] = [];
  /** Binary bytes not yet consumed by the file protocol, served one step at a time. */
  private binary: number[] = [];
  private serving = false;
  private header: number[] = [];
  private op: { kind: number; remaining: number } | null = null;
  private pendingOut = new Uint8Array(0);
  private flushTimer?: ReturnType<typeof setTimeout>;
  private gone = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly board: Board,
    private readonly password: string,
    private readonly version: () => [number, number, number],
    private readonly log: (line: string) => void,
    private readonly requests: WebReplDouble["requests"],
  ) {
    socket.send(PASSWORD_PROMPT);
    socket.on("message", (data, isBinary) => this.received(toBytes(data), isBinary));
  }

  /** Board output: withheld until the password is right, then text frames cut between characters. */
  boardOutput(chunk: Uint8Array): void {
    if (this.state !== "normal" || this.gone) return;
    const all = concat(this.pendingOut, chunk);
    const whole = completePrefix(all);
    if (whole > 0) this.socket.send(all.subarray(0, whole), { binary: false });
    this.pendingOut = all.slice(whole);
    clearTimeout(this.flushTimer);
    if (this.pendingOut.length) {
      // A board would have sent these bytes by now: send them as they are, even if that splits a character.
      this.flushTimer = setTimeout(() => {
        if (this.pendingOut.length && !this.gone) this.socket.send(this.pendingOut, { binary: false });
        this.pendingOut = new Uint8Array(0);
      }, 20);
    }
  }

  drop(): void {
    this.socket.terminate();
  }

  ended(): void {
    this.gone = true;
    clearTimeout(this.flushTimer);
    // A board left half way through a put keeps the file it had opened; close it so the next client can use the door.
    if (this.op) void this.board.files.close().catch(() => undefined);
    this.op = null;
  }

  private received(bytes: Uint8Array, isBinary: boolean): void {
    if (this.gone) return;
    if (this.state === "password") {
      // Every byte counts here, text or binary, as in the C code: the frame type is looked at only after login.
      for (let i = 0; i < bytes.length; i++) {
        const c = bytes[i];
        if (c === 0x0d || c === 0x0a) {
          if (!this.login()) return;
          // Whatever followed the line end in this frame is terminal input.
          const rest = bytes.subarray(i + 1);
          if (rest.length) this.received(rest, isBinary);
          return;
        }
        if (this.typed.length < 10) this.typed.push(c);
      }
      return;
    }
    if (!isBinary) {
      void this.board.write(bytes).catch(() => undefined);
      return;
    }
    for (const b of bytes) this.binary.push(b);
    void this.serve();
  }

  private login(): boolean {
    const typed = new TextDecoder().decode(Uint8Array.from(this.typed));
    if (typed !== this.password) {
      this.socket.send(DENIED_TEXT);
      // The read answers end-of-file: dupterm deactivates and closes the socket.
      this.log("dupterm: EOF received, deactivating");
      this.socket.terminate();
      return false;
    }
    this.state = "normal";
    this.socket.send(CONNECTED_TEXT);
    return true;
  }

  /** The file protocol, one step at a time (a board's read serves them in order, each to its end). */
  private async serve(): Promise<void> {
    if (this.serving) return;
    this.serving = true;
    try {
      while (this.binary.length && !this.gone) {
        if (!this.op) {
          const need = REQUEST_BYTES - this.header.length;
          this.header.push(...this.binary.splice(0, need));
          if (this.header.length < REQUEST_BYTES) continue;
          const header = Uint8Array.from(this.header);
          this.header = [];
          await this.start(header);
        } else if (this.op.kind === Op.Put) {
          const part = Uint8Array.from(this.binary.splice(0, Math.min(this.op.remaining, 511)));
          await this.board.files.write(part);
          this.op.remaining -= part.length;
          if (this.op.remaining === 0) await this.finish();
        } else {
          // Get: any one byte is the acknowledgement (the board does not check that it is 0).
          this.binary.shift();
          const data = await this.board.files.read(GET_CHUNK_MAX);
          this.sendBinary(encodeChunk(data));
          if (data.length === 0) await this.finish();
        }
      }
    } catch (e) {
      // An exception inside the board's terminal read ends its dupterm, and the connection with it.
      this.log(`dupterm: Exception in read() method, deactivating: ${e instanceof Error ? e.message : String(e)}`);
      this.op = null;
      this.socket.terminate();
    } finally {
      this.serving = false;
    }
  }

  private async start(header: Uint8Array): Promise<void> {
    const req = decodeRequest(header);
    const kind = req.op === Op.Put ? "put" : req.op === Op.Get ? "get" : "version";
    this.requests.push({ op: kind, name: new TextDecoder().decode(req.name), size: req.size });
    if (req.op === Op.GetVersion) {
      this.sendBinary(Uint8Array.from(this.version()));
      return;
    }
    if (req.op !== Op.Put && req.op !== Op.Get) return; // the C code ignores unknown ops after opening nothing
    // mp_obj_new_str_from_cstr: a name that is not UTF-8 raises before any file is opened.
    const name = new TextDecoder("utf-8", { fatal: true }).decode(req.name);
    await this.board.files.open(name, req.op === Op.Put ? "wb" : "rb");
    this.sendBinary(encodeResponse(0));
    this.op = { kind: req.op, remaining: req.op === Op.Put ? req.size : 1 };
    if (req.op === Op.Put && req.size === 0) await this.finish();
  }

  private async finish(): Promise<void> {
    this.op = null;
    await this.board.files.close();
    this.sendBinary(encodeResponse(0));
  }

  private sendBinary(frame: Uint8Array): void {
    if (!this.gone) this.socket.send(frame, { binary: true });
  }
}

function toBytes(data: unknown): Uint8Array {
  if (Array.isArray(data)) return concat(...(data as Buffer[]).map((b) => new Uint8Array(b)));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  const b = data as Buffer;
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
