/**
 * TEST DOUBLE (scripted): an in-memory WebSocket with the browser's shape, driven step by step by a unit test, so the
 * transport's handshake, framing and file messages can be checked frame by frame (split frames, closes at any point).
 * It knows nothing of WebREPL; the test plays the board. For the board's real behaviour, see webreplDouble.ts.
 */
import type { WebSocketFactory, WebSocketLike } from "../webreplTransport";

export class ScriptedSocket implements WebSocketLike {
  binaryType = "blob";
  bufferedAmount = 0;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  /** Everything the client sent, in order: strings for text frames, bytes for binary ones. */
  readonly sent: Array<string | Uint8Array> = [];
  closedByClient?: number;
  private sentListener?: (frame: string | Uint8Array) => void;

  constructor(readonly url: string) {}

  send(data: string | Uint8Array): void {
    const frame = typeof data === "string" ? data : Uint8Array.from(data);
    this.sent.push(frame);
    this.sentListener?.(frame);
  }

  close(code = 1005): void {
    if (this.closedByClient !== undefined) return;
    this.closedByClient = code;
    queueMicrotask(() => this.onclose?.({ code, reason: "" }));
  }

  /** Call `listener` for every frame the client sends from now on (a test playing the board's side of a protocol). */
  onSent(listener: (frame: string | Uint8Array) => void): void {
    this.sentListener = listener;
  }

  // ---- the test plays the server ----
  open(): void {
    this.onopen?.({});
  }
  text(s: string): void {
    this.onmessage?.({ data: s });
  }
  binary(bytes: ArrayLike<number>): void {
    this.onmessage?.({ data: Uint8Array.from(bytes).buffer });
  }
  serverClose(code = 1006): void {
    this.onclose?.({ code, reason: "" });
  }
  binarySent(): Uint8Array[] {
    return this.sent.filter((f): f is Uint8Array => typeof f !== "string");
  }
  textSent(): string[] {
    return this.sent.filter((f): f is string => typeof f === "string");
  }
}

/** A WebSocket class whose instances the test can reach: `const { factory, sockets } = scriptedSockets()`. */
export function scriptedSockets(): { factory: WebSocketFactory; sockets: ScriptedSocket[] } {
  const sockets: ScriptedSocket[] = [];
  const factory = class extends ScriptedSocket {
    constructor(url: string) {
      super(url);
      sockets.push(this);
    }
  };
  return { factory, sockets };
}
