import { bytesOf, concat, latin1 } from "../bytes";
import { DeviceError } from "../errors";
import type { ByteTransport, LinkTraits } from "../transport";

/**
 * TEST DOUBLE: a scripted MicroPython board speaking the REPL wire protocol byte for byte (friendly REPL, raw REPL,
 * raw-paste, Ctrl-C/B/D), with knobs for the faults real boards show: replies split anywhere, bare \n line ends,
 * garbage, stalls, resets, a pulled cable, a device that is not MicroPython. Used where a scripted fault is the point;
 * the real-firmware behaviour is covered by the WASM board and QEMU micro:bit tests.
 */
export type ExecOutcome =
  | { stdout?: string; stderr?: string }
  | "busy" // runs until Ctrl-C (a `while True: pass`)
  | "deaf" // runs and ignores Ctrl-C (kbd_intr(-1)); only Ctrl-B or a hard stop ends it
  | "stall" // goes silent for stallMs, then behaves again
  | "reset" // prints a little, then reboots to the friendly banner
  | "unplug"; // the cable is pulled mid-run

export interface ScriptedBoardOptions {
  rawPaste?: "yes" | "no" | "old";
  window?: number;
  eol?: "\r\n" | "\n";
  /** Cut each reply into chunks; default one chunk. */
  split?: (data: Uint8Array) => Uint8Array[];
  /** Printed once the host first sends anything, before any prompt. */
  garbage?: string;
  /** Answer everything with noise: a port with something other than MicroPython behind it. */
  notMicroPython?: boolean;
  silent?: boolean;
  stallMs?: number;
  onExec?: (code: string) => ExecOutcome;
  /** Abort raw-paste uploads with \x04 after this many bytes. */
  abortPasteAfter?: number;
  traits?: LinkTraits;
}

type Mode = "friendly" | "raw" | "paste" | "running" | "stalled" | "dead";

export class ScriptedBoard implements ByteTransport {
  readonly label = "Scripted board (test double)";
  readonly traits?: LinkTraits;
  /** Every write from the host, as received. */
  readonly writes: Uint8Array[] = [];
  /** Source of every exec, as the board compiled it. */
  readonly execs: string[] = [];
  ctrlCs = 0;
  private mode: Mode = "friendly";
  private code: number[] = [];
  private pasteCredit = 0;
  private pasteTotal = 0;
  private running?: ExecOutcome;
  private garbageSent = false;
  private dataL = new Set<(c: Uint8Array) => void>();
  private closeL = new Set<(e?: DeviceError) => void>();
  private readonly eol: string;

  constructor(private readonly o: ScriptedBoardOptions = {}) {
    this.eol = o.eol ?? "\r\n";
    this.traits = o.traits;
  }

  onData(l: (c: Uint8Array) => void) {
    this.dataL.add(l);
    return () => this.dataL.delete(l);
  }
  onClose(l: (e?: DeviceError) => void) {
    this.closeL.add(l);
    return () => this.closeL.delete(l);
  }
  async close() {
    this.end();
  }

  /** Pull the cable. */
  unplug() {
    this.end(new DeviceError("Disconnected", "The cable was pulled"));
  }

  async write(data: Uint8Array): Promise<void> {
    if (this.mode === "dead") throw new DeviceError("Disconnected", "Port closed");
    this.writes.push(data.slice());
    if (this.o.silent) return;
    if (this.o.notMicroPython) return this.send("\xff\xfeboot:0x13 (SPI_FAST_FLASH_BOOT)\x00\x80?");
    if (this.o.garbage && !this.garbageSent) {
      this.garbageSent = true;
      this.send(this.o.garbage);
    }
    for (const b of data) this.byte(b);
  }

  private byte(b: number) {
    switch (this.mode) {
      case "dead":
      case "stalled":
        return;
      case "running":
        return this.runningByte(b);
      case "paste":
        return this.pasteByte(b);
      case "raw":
        return this.rawByte(b);
      case "friendly":
        return this.friendlyByte(b);
    }
  }

  private friendlyByte(b: number) {
    if (b === 0x01) {
      this.mode = "raw";
      this.code = [];
      this.send(`raw REPL; CTRL-B to exit${this.eol}>`);
    } else if (b === 0x03) this.send(`${this.eol}>>> `);
    else if (b === 0x04) this.send(`MPY: soft reboot${this.eol}${this.banner()}`);
    else if (b === 0x02) this.send(`${this.eol}${this.banner()}`);
    else if (b === 0x0d) this.send(`${this.eol}>>> `);
    else this.send(String.fromCharCode(b));
  }

  private rawByte(b: number) {
    if (b === 0x02) {
      this.mode = "friendly";
      this.send(`${this.eol}${this.banner()}`);
    } else if (b === 0x03) this.code = [];
    else if (b === 0x01) {
      // As in MicroPython's pyexec: Ctrl-A right after "\x05A" asks for raw-paste; otherwise it resets the line.
      if (this.code.length === 2 && this.code[0] === 0x05 && this.code[1] === 0x41) return this.rawPasteRequest();
      this.code = [];
      this.send(`${this.eol}raw REPL; CTRL-B to exit${this.eol}>`);
    } else if (b === 0x04) {
      if (this.code.length === 0) return this.send(`OK${this.eol}MPY: soft reboot${this.eol}raw REPL; CTRL-B to exit${this.eol}>`);
      this.send("OK");
      this.execute();
    } else this.code.push(b);
  }

  private rawPasteRequest() {
    const support = this.o.rawPaste ?? "yes";
    this.code = [];
    if (support === "no") return this.send("R\x00");
    if (support === "old") return this.send(`raw REPL; CTRL-B to exit${this.eol}>`);
    const w = this.o.window ?? 128;
    this.mode = "paste";
    this.code = [];
    this.pasteCredit = w;
    this.pasteTotal = 0;
    this.send(concat([bytesOf("R\x01"), new Uint8Array([w & 0xff, w >> 8])]));
  }

  private pasteByte(b: number) {
    if (b === 0x04) {
      this.send("\x04");
      return this.execute(true);
    }
    if (this.pasteCredit === 0) throw new Error("TEST DOUBLE: host overran the raw-paste window");
    this.code.push(b);
    this.pasteCredit--;
    this.pasteTotal++;
    if (this.o.abortPasteAfter !== undefined && this.pasteTotal >= this.o.abortPasteAfter) {
      this.mode = "raw";
      this.code = [];
      return this.send("\x04");
    }
    const w = this.o.window ?? 128;
    if (this.pasteTotal % w === 0) {
      this.pasteCredit += w;
      this.send("\x01");
    }
  }

  private execute(_viaPaste = false) {
    const src = latin1(new Uint8Array(this.code));
    this.code = [];
    this.execs.push(src);
    const outcome = this.o.onExec?.(src) ?? { stdout: "" };
    if (typeof outcome === "object") {
      this.mode = "raw";
      return this.send(`${outcome.stdout ?? ""}\x04${outcome.stderr ?? ""}\x04>`);
    }
    this.running = outcome;
    this.mode = "running";
    if (outcome === "stall") {
      this.mode = "stalled";
      setTimeout(() => (this.mode = "raw"), this.o.stallMs ?? 500);
    } else if (outcome === "reset") {
      this.send(`partial output${this.eol}`);
      setTimeout(() => {
        this.mode = "friendly";
        this.send(`ets Jun  8 2016 00:22:57${this.eol}${this.banner()}`);
      }, 20);
    } else if (outcome === "unplug") {
      this.send(`working...${this.eol}`);
      setTimeout(() => this.unplug(), 20);
    }
  }

  private runningByte(b: number) {
    if (b === 0x03) this.ctrlCs++;
    const interrupt = (b === 0x03 && this.running === "busy") || (b === 0x02 && this.running === "deaf");
    if (!interrupt) return;
    this.running = undefined;
    this.mode = "raw";
    this.send(`\x04Traceback (most recent call last):${this.eol}  File "<stdin>", line 1, in <module>${this.eol}KeyboardInterrupt: ${this.eol}\x04>`);
  }

  /** Force-stop from outside (the link's hardStop). */
  hardStop = async () => {
    if (this.mode !== "running") return;
    this.running = undefined;
    this.mode = "raw";
    this.send(`\x04Traceback (most recent call last):${this.eol}KeyboardInterrupt: ${this.eol}\x04>`);
  };

  private banner() {
    return `MicroPython v1.23.0 on 2024-06-02; Scripted double${this.eol}Type "help()" for more information.${this.eol}>>> `;
  }

  private send(s: string | Uint8Array) {
    const data = typeof s === "string" ? bytesOf(s) : s;
    const parts = this.o.split ? this.o.split(data) : [data];
    // Deliver asynchronously, like a real link, preserving order.
    for (const p of parts) {
      if (!p.length) continue;
      setTimeout(() => {
        if (this.mode === "dead") return;
        for (const l of this.dataL) l(p);
      }, 0);
    }
  }

  private end(error?: DeviceError) {
    if (this.mode === "dead") return;
    this.mode = "dead";
    setTimeout(() => {
      for (const l of this.closeL) l(error);
    }, 0);
  }
}

/** Split every reply into chunks of `n` bytes. */
export const chunksOf = (n: number) => (data: Uint8Array) => {
  const out: Uint8Array[] = [];
  for (let i = 0; i < data.length; i += n) out.push(data.subarray(i, i + n));
  return out;
};
