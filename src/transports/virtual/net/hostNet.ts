import { Ctl, ringPut, type BoardBuffers } from "../shared";
import { closeToErrno } from "./closeCodes";
import { genOf, REASON_MAX, SlotState, stateOf, stateWord, W, type NetMessage, type NetSlot } from "./layout";

/** The parts of a WebSocket the page side uses: the browser's WebSocket, or the `ws` package's in Node tests. */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  readonly bufferedAmount: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string | Uint8Array): void;
  close(code?: number, reason?: string): void;
}

export interface NetOptions {
  /** The tunnel endpoint, e.g. ws://localhost:5173/api/net/tcp (server/net/tunnel.mjs). */
  url: string;
  /** Opens a WebSocket; the browser's by default. */
  createSocket?: (url: string) => WebSocketLike;
}

/** Send no more to the tunnel while this much is still queued in the WebSocket; the board's sends then block. */
const WS_HIGH_WATER = 256 * 1024;
const ACK_POLL_MS = 10;
const FRAME_BYTES = 16 * 1024;

interface Conn {
  slot: number;
  gen: number;
  ws: WebSocketLike | null;
  open: boolean;
  /** Received bytes the slot's ring had no room for yet, oldest first. */
  rxQueue: Uint8Array[];
  /** How the connection ended, applied once every received byte is in the ring (so EOF never overtakes data). */
  end: { state: number; errno: number; reason: string } | null;
  /** Bytes handed to the WebSocket but not yet counted as sent, while its buffer is above the high-water mark. */
  unackedTx: number;
  ackTimer: ReturnType<typeof setTimeout> | null;
}

const encoder = new TextEncoder();

/**
 * The page's half of the virtual board's sockets: one WebSocket to Mote's tunnel per connected socket, bytes received
 * written into the slot's ring in the shared buffer, and the board woken through the Ctrl-C word (which it checks
 * before every look at a slot, so no wake-up is lost).
 */
export class HostNet {
  private readonly conns: Array<Conn | null>;

  constructor(
    private readonly buf: BoardBuffers,
    private readonly options: NetOptions | undefined,
  ) {
    this.conns = buf.net.map(() => null);
  }

  onMessage(m: NetMessage): void {
    if (m.op === "reset") return this.closeAll();
    const slot = this.buf.net[m.slot];
    if (!slot) return;
    if (m.op === "connect") return this.connect(m.slot, m.gen, m.host, m.port);
    const conn = this.conns[m.slot];
    if (!conn || conn.gen !== m.gen) return;
    if (m.op === "send") this.send(conn, m.data);
    else if (m.op === "drained") this.pumpRx(conn);
    else if (m.op === "close") this.drop(conn, 1000, "closed by the board");
  }

  /** The interpreter is gone (soft reset, restart, close): every socket of it closes. */
  closeAll(): void {
    for (const conn of this.conns) if (conn) this.drop(conn, 1000, "the board restarted");
  }

  private connect(slotIndex: number, gen: number, host: string, port: number): void {
    const old = this.conns[slotIndex];
    if (old) this.drop(old, 1000, "closed by the board");
    const { header: h } = this.buf.net[slotIndex];
    // The board waits for Open and touches neither counter meanwhile, so they are ours to reset.
    Atomics.store(h, W.RxWrite, 0);
    Atomics.store(h, W.RxRead, 0);
    Atomics.store(h, W.TxAcked, 0);
    Atomics.store(h, W.RxWanted, 0);
    const conn: Conn = { slot: slotIndex, gen, ws: null, open: false, rxQueue: [], end: null, unackedTx: 0, ackTimer: null };
    this.conns[slotIndex] = conn;
    if (!this.options) {
      return this.fail(conn, closeToErrno(-1, "the virtual board has no network here (no tunnel configured)", false));
    }
    const url = `${this.options.url}?host=${encodeURIComponent(host)}&port=${encodeURIComponent(String(port))}`;
    let ws: WebSocketLike;
    try {
      ws = (this.options.createSocket ?? browserSocket)(url);
    } catch (e) {
      return this.fail(conn, closeToErrno(-1, e instanceof Error ? e.message : String(e), false));
    }
    conn.ws = ws;
    ws.binaryType = "arraybuffer";
    ws.onmessage = (ev) => {
      if (this.conns[slotIndex] !== conn) return;
      if (typeof ev.data === "string") return this.onText(conn, ev.data);
      const bytes = ev.data instanceof ArrayBuffer ? new Uint8Array(ev.data) : toBytes(ev.data);
      if (!bytes) return;
      conn.rxQueue.push(bytes);
      this.pumpRx(conn);
    };
    ws.onclose = (ev) => {
      if (this.conns[slotIndex] !== conn) return;
      conn.ws = null;
      this.finish(conn, closeToErrno(ev.code, ev.reason, conn.open));
    };
    ws.onerror = () => undefined; // onclose follows with the code
  }

  private onText(conn: Conn, text: string): void {
    let msg: { type?: unknown } | null = null;
    try {
      msg = JSON.parse(text) as { type?: unknown };
    } catch {
      // Not ours: ignored, the tunnel only ever sends "open".
    }
    if (msg?.type !== "open" || conn.open) return;
    conn.open = true;
    this.transition(conn, SlotState.Connecting, SlotState.Open);
  }

  /** Move received bytes into the slot's ring, tell the tunnel how many the board now has, and wake the board. */
  private pumpRx(conn: Conn): void {
    const { header: h, rx } = this.buf.net[conn.slot];
    let moved = 0;
    while (conn.rxQueue.length) {
      const chunk = conn.rxQueue[0];
      const n = ringPut(h, rx, W.RxWrite, W.RxRead, chunk);
      moved += n;
      if (n === chunk.length) {
        conn.rxQueue.shift();
        continue;
      }
      conn.rxQueue[0] = chunk.subarray(n);
      // Full: ask the board to say when it has read, then re-check in case it already did.
      Atomics.store(h, W.RxWanted, 1);
      if (((Atomics.load(h, W.RxWrite) - Atomics.load(h, W.RxRead)) | 0) >= rx.length) break;
    }
    if (moved && conn.ws && conn.ws.readyState === 1) conn.ws.send(JSON.stringify({ type: "ack", bytes: moved }));
    if (!conn.rxQueue.length && conn.end) this.applyEnd(conn);
    if (moved) this.wake();
  }

  private send(conn: Conn, data: Uint8Array): void {
    const ws = conn.ws;
    if (!ws || !conn.open || ws.readyState !== 1) return; // the board learns of the close from the slot's state
    // The tunnel takes frames of at most 64 KiB; 16 KiB pieces keep any one send short.
    for (let at = 0; at < data.length; at += FRAME_BYTES) ws.send(data.subarray(at, at + FRAME_BYTES));
    conn.unackedTx += data.length;
    this.ackTx(conn);
  }

  /** Count bytes as sent once the WebSocket's queue is low again, so a slow link makes the board's send block. */
  private ackTx(conn: Conn): void {
    if (conn.ackTimer || !conn.unackedTx) return;
    const ws = conn.ws;
    if (!ws || ws.bufferedAmount <= WS_HIGH_WATER) {
      Atomics.add(this.buf.net[conn.slot].header, W.TxAcked, conn.unackedTx);
      conn.unackedTx = 0;
      this.wake();
      return;
    }
    conn.ackTimer = setTimeout(() => {
      conn.ackTimer = null;
      if (this.conns[conn.slot] === conn) this.ackTx(conn);
    }, ACK_POLL_MS);
  }

  private fail(conn: Conn, end: { state: number; errno: number; reason: string }): void {
    conn.end = end;
    this.applyEnd(conn);
  }

  private finish(conn: Conn, end: { state: number; errno: number; reason: string }): void {
    conn.end = end;
    if (!conn.rxQueue.length) this.applyEnd(conn);
  }

  private applyEnd(conn: Conn): void {
    const end = conn.end;
    if (!end) return;
    const { header: h, reason } = this.buf.net[conn.slot];
    const text = encoder.encode(end.reason).subarray(0, REASON_MAX);
    reason.set(text);
    Atomics.store(h, W.ReasonLen, text.length);
    Atomics.store(h, W.Errno, end.errno);
    const from = stateOf(Atomics.load(h, W.State));
    if (from === SlotState.Connecting || from === SlotState.Open) this.transition(conn, from, end.state);
  }

  /** Change the slot's state only if it still belongs to this connection (same generation) and is in `from`. */
  private transition(conn: Conn, from: number, to: number): void {
    const h = this.buf.net[conn.slot].header;
    const word = Atomics.load(h, W.State);
    if (genOf(word) !== conn.gen) return;
    Atomics.compareExchange(h, W.State, stateWord(conn.gen, from), stateWord(conn.gen, to));
    this.wake();
  }

  private drop(conn: Conn, code: number, reason: string): void {
    if (this.conns[conn.slot] === conn) this.conns[conn.slot] = null;
    if (conn.ackTimer) clearTimeout(conn.ackTimer);
    conn.rxQueue = [];
    const ws = conn.ws;
    conn.ws = null;
    if (ws && ws.readyState <= 1) {
      try {
        ws.close(code, reason);
      } catch {
        // Already closing: nothing more to do.
      }
    }
  }

  /** The board waits on the Ctrl-C word; setting it (not only notifying) means a wake-up can never slip past. */
  private wake(): void {
    Atomics.store(this.buf.ctl, Ctl.Irq, 1);
    Atomics.notify(this.buf.ctl, Ctl.Irq);
  }
}

function browserSocket(url: string): WebSocketLike {
  return new WebSocket(url) as unknown as WebSocketLike;
}

function toBytes(data: unknown): Uint8Array | null {
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}
