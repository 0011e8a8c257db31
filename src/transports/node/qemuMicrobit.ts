import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { DeviceError } from "../../device/errors";
import type { LinkTraits } from "../../device/transport";
import { connectTcp, type TcpTransport } from "./tcpTransport";

/** Where Debian's firmware-microbit-micropython puts MicroPython 1.9.2 for the BBC micro:bit (v1, nRF51). */
export const MICROBIT_FIRMWARE =
  process.env.MICROBIT_FIRMWARE ?? "/usr/share/firmware-microbit-micropython/firmware.hex";
export const QEMU_SYSTEM_ARM = process.env.QEMU_SYSTEM_ARM ?? "qemu-system-arm";

/**
 * Pacing for links to this firmware under QEMU 7.2, which is slower than a real micro:bit's (MICROBIT_PACING,
 * 32 B / 2 ms). Measured:
 * - the firmware buffers exactly 63 received bytes while its main loop is not reading; the rest is dropped silently;
 * - its main loop routinely stalls 1-4 ms (up to ~70 ms on a cold start, while QEMU translates new code paths), and
 *   longer when the host's cores are busy, since QEMU's threads then wait for a core;
 * - 900-byte raw-REPL execs, 100 per setting, with two CPU-bound processes on the 2-core machine: 32/2 damaged 11,
 *   32/4 13, 24/2 19, 16/1 8, 8/1 1, 16/2 0 and 1, 16/4 0; with one such process, 32/2 and 16/2 damaged none.
 *   Chunk size matters more than rate: two 32-byte chunks overflow the 63-byte buffer when one pause is missed,
 *   where 16-byte chunks leave room for three. A full suite on a quiet machine still lost bytes now and then at 32/2.
 * So 16 B / 2 ms (8 B/ms; an exec of 900 bytes takes ~200 ms instead of ~130). It is not a guarantee: the core must
 * still check what arrived (echo, lengths, sums) and recover. A real board's UART is paced by its baud rate, and the
 * host's scheduling does not stall it, so real micro:bits keep the faster MICROBIT_PACING.
 */
export const QEMU_MICROBIT_PACING = { chunkBytes: 16, delayMs: 2 } as const;

export interface QemuAvailability {
  available: boolean;
  /** Why not, in words a person can act on. */
  reason?: string;
  qemuPath?: string;
  firmwarePath: string;
}

function findOnPath(command: string): string | undefined {
  if (command.includes("/")) return isExecutable(command) ? command : undefined;
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Whether qemu-system-arm and the micro:bit firmware are installed. Cheap: looks at files, starts nothing. */
export function qemuAvailable(): QemuAvailability {
  const firmwarePath = MICROBIT_FIRMWARE;
  const qemuPath = findOnPath(QEMU_SYSTEM_ARM);
  const missing: string[] = [];
  if (!qemuPath) missing.push(`${QEMU_SYSTEM_ARM} (apt-get install qemu-system-arm)`);
  if (!fs.existsSync(firmwarePath)) missing.push(`${firmwarePath} (apt-get install firmware-microbit-micropython)`);
  if (missing.length === 0) return { available: true, qemuPath, firmwarePath };
  return { available: false, reason: `missing ${missing.join(" and ")}`, qemuPath, firmwarePath };
}

export interface QemuMicrobitOptions {
  firmwarePath?: string;
  qemuPath?: string;
  /** Limit for QEMU to listen and the firmware to print its first prompt. */
  bootTimeoutMs?: number;
}

export interface QemuMicrobit {
  /** The serial line of the emulated board, already past its boot banner (the next bytes are replies). */
  transport: TcpTransport;
  pid: number;
  /** The boot banner, e.g. "MicroPython v1.9.2-34-gd64154c73 on 2017-09-01; micro:bit v1.0.1 with nRF51822". */
  banner: string;
  /** Close the link and end QEMU; resolves once the process has exited. Safe to call more than once. */
  stop(): Promise<void>;
  /** End QEMU abruptly, as if the board lost power; the transport then reports Disconnected. */
  kill(): Promise<void>;
}

// QEMU must never outlive the test run or the dev server that started it.
const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess): void {
  liveChildren.add(child);
  child.once("exit", () => liveChildren.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once("exit", () => {
      for (const c of liveChildren) c.kill("SIGKILL");
    });
  }
}

function waitForExit(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const hard = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(hard);
      resolve();
    });
  });
}

/** QEMU prints "... waiting for connection on: disconnected:tcp:127.0.0.1:PORT,server=on" once it listens. */
const LISTEN_LINE = /disconnected:tcp:[^:\s]+:(\d+)/;

/**
 * Start an emulated micro:bit and connect to its UART. Port 0 lets the OS pick a free port atomically (no race
 * between two test workers); QEMU reports the port it got on stderr.
 */
export async function startQemuMicrobit(options: QemuMicrobitOptions = {}): Promise<QemuMicrobit> {
  const bootTimeoutMs = options.bootTimeoutMs ?? 15_000;
  const { child, match } = await spawnQemu(options, "tcp:127.0.0.1:0,server=on,wait=on,nodelay=on", LISTEN_LINE, "start listening");
  const port = Number(match[1]);
  const pid = child.pid;
  if (pid === undefined) throw new DeviceError("Unsupported", "QEMU started without a process id.");

  const traits: LinkTraits = { pacing: { ...QEMU_MICROBIT_PACING } };
  let transport: TcpTransport;
  try {
    transport = await connectTcp({ port, label: "QEMU micro:bit", traits, connectTimeoutMs: bootTimeoutMs });
  } catch (err) {
    child.kill("SIGKILL");
    throw err;
  }
  // Closing the link (by us or by the socket dying) ends QEMU: a board nobody talks to is only a leak.
  transport.onClose(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  });

  let banner: string;
  try {
    banner = await readBanner(transport, bootTimeoutMs);
  } catch (err) {
    await transport.close();
    await waitForExit(child, 2000);
    throw err;
  }

  return {
    transport,
    pid,
    banner,
    async stop() {
      await transport.close();
      await waitForExit(child, 2000);
    },
    async kill() {
      child.kill("SIGKILL");
      await waitForExit(child, 2000);
    },
  };
}

/**
 * Wait for the first friendly prompt. The firmware emits a NUL byte before "MicroPython v1.9.2..." (its UART's first
 * byte after reset); it is dropped here so the core never sees it.
 */
function readBanner(transport: TcpTransport, timeoutMs: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let text = "";
    let done = false;
    const decoder = new TextDecoder("latin1");
    // Subscriptions are filled in below; onData may call back synchronously (held bytes) before that happens.
    let unsubscribe = () => {};
    let unsubscribeClose = () => {};
    const finish = (error?: DeviceError) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      unsubscribe();
      unsubscribeClose();
      if (error) {
        reject(error);
      } else {
        const clean = text.replace(/^\0+/, "");
        resolve(clean.split(/\r?\n/)[0]?.trim() ?? "");
      }
    };
    const timer = setTimeout(
      () => finish(new DeviceError("NotMicroPython", `No MicroPython prompt from QEMU within ${timeoutMs} ms: ${JSON.stringify(text)}`)),
      timeoutMs,
    );
    unsubscribeClose = transport.onClose((error) =>
      finish(error ?? new DeviceError("Disconnected", "QEMU closed the line during boot.")),
    );
    unsubscribe = transport.onData((chunk) => {
      text += decoder.decode(chunk, { stream: true });
      if (text.includes(">>> ")) finish();
    });
    if (done) {
      unsubscribe();
      unsubscribeClose();
    }
  });
}

export interface QemuMicrobitPty {
  /** The board's serial line as a pseudo-terminal, e.g. "/dev/pts/7": open it like any serial port. */
  ptyPath: string;
  pid: number;
  /** End QEMU; resolves once the process has exited. Safe to call more than once. */
  stop(): Promise<void>;
}

/** QEMU prints "char device redirected to /dev/pts/N (label serial0)" once the pty exists. */
const PTY_LINE = /redirected to (\/dev\/pts\/\d+)/;

/**
 * Start an emulated micro:bit whose UART is a pty (`-serial pty`), so a real serial-port client (the `mote` CLI via
 * the serialport package) can open it by path. Nothing is read from the line here: the firmware's boot banner is
 * dropped by QEMU while no one holds the pty open, and the client's connect interrupts and finds a prompt anyway.
 */
export async function startQemuMicrobitPty(options: QemuMicrobitOptions = {}): Promise<QemuMicrobitPty> {
  const { child, match } = await spawnQemu(options, "pty", PTY_LINE, "create its pty");
  const ptyPath = match[1];
  if (child.pid === undefined) throw new DeviceError("Unsupported", "QEMU started without a process id.");
  return {
    ptyPath,
    pid: child.pid,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await waitForExit(child, 2000);
    },
  };
}

/**
 * Spawn QEMU micro:bit with `-serial <serial>` and wait until its output (stdout or stderr: it varies by backend)
 * matches `ready`; QEMU's own words are kept for the error when it fails or takes too long.
 */
async function spawnQemu(
  options: QemuMicrobitOptions,
  serial: string,
  ready: RegExp,
  doing: string,
): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const availability = qemuAvailable();
  const qemuPath = options.qemuPath ?? availability.qemuPath;
  const firmwarePath = options.firmwarePath ?? availability.firmwarePath;
  if (!qemuPath || !fs.existsSync(firmwarePath)) {
    throw new DeviceError("Unsupported", `Cannot start QEMU micro:bit: ${availability.reason ?? "not installed"}.`);
  }
  const bootTimeoutMs = options.bootTimeoutMs ?? 15_000;
  const args = ["-M", "microbit", "-nographic", "-monitor", "none", "-device", `loader,file=${firmwarePath}`, "-serial", serial];
  const child = spawn(qemuPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  track(child);
  let said = "";
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const onError = (err: Error) => fail(`QEMU failed to start: ${err.message}`);
    const onExit = (code: number | null, signal: string | null) => fail(`QEMU exited early (code ${code}, signal ${signal})`);
    const timer = setTimeout(() => fail(`QEMU did not ${doing} within ${bootTimeoutMs} ms`), bootTimeoutMs);
    const settle = () => {
      clearTimeout(timer);
      child.off("error", onError);
      child.off("exit", onExit);
    };
    function fail(why: string): void {
      settle();
      child.kill("SIGKILL");
      reject(new DeviceError("Timeout", `${why}. QEMU said: ${said.trim() || "(nothing)"}`));
    }
    child.once("error", onError);
    child.once("exit", onExit);
    // Keep draining both pipes for the process's whole life: a full pipe would stall QEMU.
    const onText = (text: string) => {
      said = (said + text).slice(-4000);
      const m = ready.exec(said);
      if (m) {
        settle();
        resolve(m);
      }
    };
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding("utf8");
      stream?.on("data", onText);
    }
  });
  return { child, match };
}
