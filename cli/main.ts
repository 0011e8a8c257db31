/**
 * `mote`: the device core on a serial port. Everything that touches the outside world (port, streams, signals, the
 * files facade) comes in through CliEnv, so tests can run the real commands against the WASM board in-process and
 * bin/mote.mjs wires the real process.
 */
import fs from "node:fs/promises";
import { connectDevice, type Device } from "../src/device/device";
import { DeviceError, isDeviceError } from "../src/device/errors";
import type { BoardFilesApi } from "../src/device/fs/types";
import type { ByteTransport } from "../src/device/transport";
import { openSerialPort } from "../src/transports/node/serialPortTransport";
import { parseArgs, UsageError, type Command, type GlobalOptions } from "./args";
import { openBoardFiles } from "./boardFiles";
import * as files from "./files";
import { HELP } from "./help";
import { Progress, type ErrStream } from "./progress";
import { repl, runSource, type ByteSink, type InputStream } from "./run";
import { describeFailure, exitCodeFor } from "./words";

export interface CliEnv {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  stdout: ByteSink;
  stderr: ByteSink & ErrStream;
  stdin: InputStream;
  /** Opens the link to the board; the default opens the serial port named by --port. */
  openTransport?: (options: GlobalOptions) => Promise<ByteTransport>;
  /** The file facade over a connected device; the default is src/device/boardFiles.ts. */
  openFiles?: (device: Device) => BoardFilesApi | Promise<BoardFilesApi>;
  /** Subscribes to Ctrl-C from the user; returns the unsubscribe. */
  onInterrupt?: (handler: () => void) => () => void;
  version?: string;
  /** Passed to connectDevice (tests shorten waits). */
  connectTimeoutMs?: number;
}

export async function openPort(options: GlobalOptions): Promise<ByteTransport> {
  if (!options.port) throw new UsageError("no port given: use --port PATH (or set MOTE_PORT)");
  const traits = options.pace === "auto" ? undefined : options.pace === "off" ? {} : { pacing: options.pace };
  return openSerialPort({ path: options.port, baudRate: options.baud, traits });
}

function processInterrupt(handler: () => void): () => void {
  process.on("SIGINT", handler);
  return () => process.off("SIGINT", handler);
}

/** Runs one command line; resolves with the exit status. Never throws: failures become one line on stderr. */
export async function main(cli: CliEnv): Promise<number> {
  let device: Device | undefined;
  let rawTerminal = false;
  try {
    const { options, command } = parseArgs(cli.argv, cli.env);
    if (command.name === "help") {
      cli.stdout.write(HELP);
      return 0;
    }
    if (command.name === "version") {
      cli.stdout.write(`mote ${cli.version ?? "(unknown version)"}\n`);
      return 0;
    }
    // Read the program before touching the board: a typo in the file name should not cost a connect.
    const source = command.name === "run" ? await fs.readFile(command.file, "utf8") : undefined;
    if (command.name === "repl" && cli.stdin.isTTY && cli.stdin.setRawMode) {
      // Raw before connecting: keys typed while the board is found must reach it as typed (Enter as \r), not as a
      // line the terminal cooked.
      cli.stdin.setRawMode(true);
      rawTerminal = true;
    }
    const transport = await (cli.openTransport ?? openPort)(options);
    try {
      device = await connectDevice(transport, { connectTimeoutMs: cli.connectTimeoutMs });
    } catch (e) {
      if (isDeviceError(e, "NotMicroPython")) {
        throw new DeviceError("NotMicroPython", `${e.message} on ${options.port ?? transport.label}`, e.detail);
      }
      throw e;
    }
    return await perform(cli, options, command, device, source);
  } catch (e) {
    // The terminal back to normal first, so the reason prints as a proper line.
    if (rawTerminal) cli.stdin.setRawMode?.(false);
    rawTerminal = false;
    cli.stderr.write(`mote: ${describeFailure(e)}\n`);
    // For bug reports: the board's traceback and where in Mote it failed, only when asked for.
    if (cli.env.MOTE_DEBUG) cli.stderr.write(`${e instanceof DeviceError && e.detail ? `${e.detail}\n` : ""}${e instanceof Error ? e.stack : ""}\n`);
    return exitCodeFor(e);
  } finally {
    if (rawTerminal) cli.stdin.setRawMode?.(false);
    await device?.disconnect().catch(() => {});
  }
}

async function perform(
  cli: CliEnv,
  options: GlobalOptions,
  command: Command,
  device: Device,
  source: string | undefined,
): Promise<number> {
  const onInterrupt = cli.onInterrupt ?? processInterrupt;
  const runCtx = { device, stdout: cli.stdout, stderr: cli.stderr, onInterrupt };
  switch (command.name) {
    case "exec":
      return runSource(runCtx, command.code);
    case "run":
      return runSource(runCtx, source ?? "");
    case "repl":
      return repl({ ...runCtx, stdin: cli.stdin });
    default:
      break;
  }
  const api = await (cli.openFiles ?? openBoardFiles)(device);
  const caps = await api.capabilities();
  const ctx: files.FileContext = {
    files: api,
    cwd: caps.cwd || "/",
    out: cli.stdout,
    err: cli.stderr,
    progress: new Progress(cli.stderr, options.progress),
  };
  // Ctrl-C during a transfer cancels it through its signal: the engine leaves the board's old file intact.
  const abort = new AbortController();
  const offInterrupt = onInterrupt(() => abort.abort());
  ctx.signal = abort.signal;
  try {
    switch (command.name) {
      case "ls":
        await files.ls(ctx, command);
        break;
      case "cp":
        await files.cp(ctx, command);
        break;
      case "rm":
        await files.rm(ctx, command);
        break;
      case "mkdir":
        await files.mkdir(ctx, command);
        break;
    }
  } finally {
    offInterrupt();
  }
  return 0;
}
