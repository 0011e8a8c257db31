import type { ByteTransport } from "../../device/transport";

/** Test helper: records everything a transport says and waits for byte patterns in it. Latin-1 keeps bytes 1:1. */
export class ByteDriver {
  private received = "";
  /** Where the next `until` starts looking; moves past each match so a pattern is never matched twice. */
  private cursor = 0;
  private waiters: Array<() => void> = [];

  constructor(readonly link: ByteTransport) {
    link.onData((chunk) => {
      for (let i = 0; i < chunk.length; i += 8192) this.received += String.fromCharCode(...chunk.subarray(i, i + 8192));
      for (const w of this.waiters.splice(0)) w();
    });
  }

  send(text: string | Uint8Array): Promise<void> {
    return this.link.write(typeof text === "string" ? latin1(text) : text);
  }

  /** All output so far, as Latin-1 text. */
  get text(): string {
    return this.received;
  }

  /** Output since the last match. */
  get rest(): string {
    return this.received.slice(this.cursor);
  }

  /** Wait until `pattern` appears after the cursor; returns the text from the cursor through the match. */
  async until(pattern: string, timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = this.received.slice(this.cursor);
      const at = text.indexOf(pattern);
      if (at >= 0) {
        this.cursor += at + pattern.length;
        return text.slice(0, at + pattern.length);
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${JSON.stringify(pattern)}; got ${JSON.stringify(text.slice(-300))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => (clearTimeout(t), resolve()));
      });
    }
  }
}

export function latin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}
