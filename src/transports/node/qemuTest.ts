/**
 * Test-only helpers for suites that need a real MicroPython firmware (QEMU micro:bit). Import from *.test.ts only.
 */
import { describe, it } from "vitest";
import { writePaced as corePaced } from "../../device/rawRepl";
import type { ByteTransport } from "../../device/transport";
import { qemuAvailable } from "./qemuMicrobit";

let warned = false;

/**
 * describe() for suites that need QEMU. With QEMU installed it is plain describe(). Without it: in CI
 * (CI === "true") the suite FAILS, because CI promises to run real firmware; elsewhere it is skipped with a loud
 * warning so a developer without QEMU still gets a green run but cannot miss what was left out.
 */
export function describeQemu(name: string, body: () => void): void {
  const availability = qemuAvailable();
  if (availability.available) {
    describe(name, body);
    return;
  }
  const why = `QEMU micro:bit unavailable: ${availability.reason}`;
  if (process.env.CI === "true") {
    describe(name, () => {
      it("needs QEMU micro:bit in CI", () => {
        throw new Error(`${why}. CI must install qemu-system-arm and firmware-microbit-micropython.`);
      });
    });
    return;
  }
  if (!warned) {
    warned = true;
    const bar = "!".repeat(78);
    console.warn(`\n${bar}\n!! SKIPPING real-firmware tests: ${why}\n!! Install both to run them (CI fails without them).\n${bar}\n`);
  }
  describe.skip(`${name} [skipped: ${why}]`, body);
}

/** Collects everything a transport receives, as latin1 text, and waits for patterns in it. */
export class ByteLog {
  private text = "";
  private readonly decoder = new TextDecoder("latin1");
  private readonly waiters = new Set<() => void>();
  private readonly unsubscribe: () => void;

  constructor(transport: ByteTransport) {
    this.unsubscribe = transport.onData((chunk) => {
      this.text += this.decoder.decode(chunk, { stream: true });
      for (const wake of [...this.waiters]) wake();
    });
  }

  get all(): string {
    return this.text;
  }

  clear(): void {
    this.text = "";
  }

  /** Resolve with everything received so far once `pattern` appears; reject with what did arrive on timeout. */
  waitFor(pattern: string | RegExp, timeoutMs = 5000): Promise<string> {
    const matches = () => (typeof pattern === "string" ? this.text.includes(pattern) : pattern.test(this.text));
    if (matches()) return Promise.resolve(this.text);
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${String(pattern)}; got ${JSON.stringify(this.text)}`));
      }, timeoutMs);
      const check = () => {
        if (!matches()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(this.text);
      };
      this.waiters.add(check);
    });
  }

  dispose(): void {
    this.unsubscribe();
    this.waiters.clear();
  }
}

export { sleep, utf8 as ascii } from "../../device/bytes";

/** Writes in the link's paced chunks, exactly as the core does for boards without flow control. */
export const writePaced = (transport: ByteTransport, data: Uint8Array): Promise<void> =>
  corePaced({ write: (d) => transport.write(d), pacing: transport.traits?.pacing }, data);
