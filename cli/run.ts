/** exec, run and repl: a program's output streamed as it arrives, through the Device's events. */
import type { Device } from "../src/device/device";
import { DeviceError } from "../src/device/errors";

export interface ByteSink {
  write(data: string | Uint8Array): unknown;
}

export interface InputStream {
  on(event: "data", listener: (chunk: Buffer) => void): unknown;
  on(event: "end", listener: () => void): unknown;
  off(event: "data", listener: (chunk: Buffer) => void): unknown;
  off(event: "end", listener: () => void): unknown;
  resume(): unknown;
  pause(): unknown;
  isTTY?: boolean;
  setRawMode?(raw: boolean): unknown;
}

export interface RunContext {
  device: Device;
  stdout: ByteSink;
  stderr: ByteSink;
  /** Subscribes to the user's Ctrl-C (SIGINT); returns the unsubscribe. */
  onInterrupt: (handler: () => void) => () => void;
}

/**
 * Runs source like the UI's Run: stdout and the traceback stream to ours as they come. Exit status: 0, 1 when the
 * program raised (the traceback is already printed, its last line being the reason), 130 when interrupted.
 */
export async function runSource(ctx: RunContext, source: string): Promise<number> {
  const { device } = ctx;
  const off = device.on("output", (data, stream) => {
    if (stream === "stdout") ctx.stdout.write(data);
    else if (stream === "stderr") ctx.stderr.write(data);
  });
  let interrupted = false;
  const offInterrupt = ctx.onInterrupt(() => {
    interrupted = true;
    void device.stop().catch(() => {});
  });
  try {
    const result = await device.run(source);
    if (result.reset) throw new DeviceError("Interrupted", "the board reset while the program ran");
    if (result.interrupted || interrupted) return 130;
    return result.stderr ? 1 : 0;
  } finally {
    offInterrupt();
    off();
  }
}

const CTRL_RIGHT_BRACKET = 0x1d;

/**
 * The board's friendly REPL on this terminal. The TTY goes raw so every key (Ctrl-C, Ctrl-D, arrows) reaches the
 * board; Ctrl-] ends the session. Resolves with the exit status; rejects when the board is lost.
 */
export function repl(ctx: RunContext & { stdin: InputStream; quietMs?: number }): Promise<number> {
  const { device, stdin } = ctx;
  return new Promise<number>((resolve, reject) => {
    const raw = !!stdin.isTTY && typeof stdin.setRawMode === "function";
    let quietTimer: ReturnType<typeof setTimeout> | undefined;
    let inputEnded = false;
    const cleanups: Array<() => void> = [];
    const finish = (code: number, error?: unknown) => {
      for (const c of cleanups.splice(0)) c();
      if (quietTimer) clearTimeout(quietTimer);
      if (raw) stdin.setRawMode!(false);
      stdin.pause();
      if (error) reject(error);
      else resolve(code);
    };
    // Input from a pipe ends before the board has answered: leave once the board has been quiet for a moment.
    const armQuiet = () => {
      if (!inputEnded) return;
      if (quietTimer) clearTimeout(quietTimer);
      quietTimer = setTimeout(() => finish(0), ctx.quietMs ?? 700);
    };
    ctx.stderr.write("Connected. Ctrl-] leaves the REPL; Ctrl-C and Ctrl-D go to the board.\r\n");
    cleanups.push(
      device.on("output", (data) => {
        ctx.stdout.write(data);
        armQuiet();
      }),
      device.on("lost", (error) => finish(1, error)),
    );
    const onData = (chunk: Buffer) => {
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      const exitAt = bytes.indexOf(CTRL_RIGHT_BRACKET);
      const forward = exitAt >= 0 ? bytes.slice(0, exitAt) : bytes.slice();
      if (forward.length) device.sendInput(forward);
      if (exitAt >= 0) {
        ctx.stderr.write("\r\n");
        finish(0);
      }
    };
    const onEnd = () => {
      inputEnded = true;
      armQuiet();
    };
    stdin.on("data", onData);
    stdin.on("end", onEnd);
    cleanups.push(
      () => stdin.off("data", onData),
      () => stdin.off("end", onEnd),
    );
    if (raw) stdin.setRawMode!(true);
    stdin.resume();
  });
}
