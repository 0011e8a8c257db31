import type { MicroPython } from "@micropython/micropython-webassembly-pyscript";
import { DISPATCH_INTERRUPTED, type WorkerHardware } from "./runtime-hardware";
import type { WorkerIo } from "./worker-io";

const CR = 0x0d;
const decoder = new TextDecoder();

// Python-visible hooks live on the worker's global object, reachable from Python as `js.<name>`.
interface HookGlobals {
  moteSleep?: (seconds: number) => void;
  moteSleepMs?: (ms: number) => void;
  moteSleepUs?: (us: number) => void;
  moteInput?: (prompt?: unknown) => string | null;
}

/** What the hooks need from the board runtime. */
export interface HookContext {
  io: WorkerIo;
  /** The current interpreter's hardware (a getter: each interpreter has its own). */
  hw(): WorkerHardware;
  intrChar(): number;
  /** Schedule a KeyboardInterrupt; Python raises it at its next check. */
  interrupt(): void;
  /** Consume the "interrupt already scheduled" note; true if the caller should return at once. */
  takeScheduled(): boolean;
  emitText(text: string): void;
  emitByte(b: number): void;
}

/**
 * time.sleep* busy-wait in C in this port and input() reads a stub stdin that always returns 0 (it spins forever),
 * so both are replaced with JS functions: sleeps wait on the shared buffer, wake at once on Ctrl-C and run due IRQ and
 * Timer callbacks; input reads the byte stream with a board's line editing (echo, backspace, Enter = CR).
 */
export function installPythonHooks(mp: MicroPython, ctx: HookContext): void {
  const g = globalThis as HookGlobals;
  const sleepMs = (ms: number): void => {
    if (ctx.takeScheduled()) return;
    const end = performance.now() + (ms > 0 ? ms : 0);
    // In slices: wake for a due Timer or a changed input, run the callbacks, sleep on.
    for (;;) {
      const hw = ctx.hw();
      const due = hw.dispatch();
      if (due === DISPATCH_INTERRUPTED) return ctx.interrupt();
      const left = end - performance.now();
      if (left <= 0) return;
      if (ctx.io.sleep(Math.min(left, due), ctx.intrChar(), () => hw.inputChanged())) return ctx.interrupt();
    }
  };
  g.moteSleep = (s) => sleepMs(Number(s) * 1000);
  g.moteSleepMs = (ms) => sleepMs(Number(ms));
  g.moteSleepUs = (us) => sleepMs(Number(us) / 1000);
  g.moteInput = (prompt) => input(ctx, prompt);
  mp.runPython(
    [
      "__import__('time').sleep = __import__('js').moteSleep",
      "__import__('time').sleep_ms = __import__('js').moteSleepMs",
      "__import__('time').sleep_us = __import__('js').moteSleepUs",
    ].join("\n"),
  );
  // input() goes through a tiny Python function so that a Ctrl-C stops the program right at the input() call:
  // scheduling the interrupt from JS would let the following statements run first. The cost is one extra
  // traceback line, `File "<input>"`, that a board would not print.
  mp.runPython(
    "exec(compile(" +
      JSON.stringify(
        "import js\ndef input(prompt=''):\n    line = js.moteInput(prompt)\n    if line is None:\n" +
          "        raise KeyboardInterrupt\n    return line\n__import__('builtins').input = input\n",
      ) +
      ", '<input>', 'exec'), {})",
  );
}

/** One line from the byte stream, with a board's echo and editing; null means Ctrl-C (the caller raises). */
function input(ctx: HookContext, prompt?: unknown): string | null {
  if (ctx.takeScheduled()) return null;
  if (typeof prompt === "string") ctx.emitText(prompt);
  const line: number[] = [];
  for (;;) {
    const got = ctx.io.readForProgram(1, ctx.intrChar());
    if (!got) return null;
    const b = got[0];
    if (b === CR) {
      ctx.emitText("\r\n");
      return decoder.decode(new Uint8Array(line));
    }
    if (b === 0x08 || b === 0x7f) {
      if (line.length) {
        line.pop();
        ctx.emitText("\b \b");
      }
    } else if (b >= 0x20 || b === 0x09) {
      line.push(b);
      ctx.emitByte(b);
    }
  }
}
