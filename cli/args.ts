/** Command-line grammar of `mote`: pure parsing, no I/O, so every rule is unit-tested. */

export type Pace = { chunkBytes: number; delayMs: number } | "auto" | "off";

export interface GlobalOptions {
  port?: string;
  baud: number;
  pace: Pace;
  /** Force progress lines on stderr even when it is not a terminal. */
  progress: boolean;
}

export type Command =
  | { name: "help" }
  | { name: "version" }
  | { name: "ls"; dir: string; recursive: boolean }
  | { name: "cp"; from: string; to: string; recursive: boolean; deleteExtra: boolean; dryRun: boolean; force: boolean }
  | { name: "rm"; path: string; recursive: boolean }
  | { name: "mkdir"; path: string }
  | { name: "exec"; code: string }
  | { name: "run"; file: string }
  | { name: "repl" };

export interface Parsed {
  options: GlobalOptions;
  command: Command;
}

/** A mistake in how mote was called: exit code 2 and a hint to run --help. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Same as the UI's micro:bit pacing; `--pace` without a value means this. */
export const DEFAULT_PACE = { chunkBytes: 32, delayMs: 2 } as const;

const COMMAND_FLAGS: Record<string, Record<string, string>> = {
  ls: { "-r": "recursive", "--recursive": "recursive" },
  cp: {
    "-r": "recursive",
    "--recursive": "recursive",
    "--delete": "deleteExtra",
    "-n": "dryRun",
    "--dry-run": "dryRun",
    "-f": "force",
    "--force": "force",
  },
  rm: { "-r": "recursive", "--recursive": "recursive" },
  mkdir: {},
  exec: {},
  run: {},
  repl: {},
  help: {},
};

export function parsePace(value: string): Pace {
  if (value === "auto" || value === "off") return value;
  const m = /^(\d+)\/(\d+)$/.exec(value);
  const chunkBytes = m ? Number(m[1]) : NaN;
  const delayMs = m ? Number(m[2]) : NaN;
  if (!(chunkBytes >= 1 && chunkBytes <= 65536 && delayMs >= 0 && delayMs <= 1000)) {
    throw new UsageError(`--pace wants BYTES/MS (e.g. 32/2), "auto" or "off", not "${value}"`);
  }
  return { chunkBytes, delayMs };
}

function parseBaud(value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= 300 && n <= 16_000_000)) throw new UsageError(`--baud wants a number such as 115200, not "${value}"`);
  return n;
}

/** `mote [global options] COMMAND [command options] ARGS`; global options are accepted anywhere. */
export function parseArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): Parsed {
  const options: GlobalOptions = { port: env.MOTE_PORT || undefined, baud: 115200, pace: "auto", progress: false };
  let commandName: string | undefined;
  const flags = new Set<string>();
  const positional: string[] = [];
  let optionsDone = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (optionsDone || arg === "-" || !arg.startsWith("-")) {
      if (commandName === undefined) {
        if (!Object.hasOwn(COMMAND_FLAGS, arg)) throw new UsageError(`unknown command "${arg}"`);
        commandName = arg;
      } else positional.push(arg);
      continue;
    }
    if (arg === "--") {
      optionsDone = true;
      continue;
    }
    const eq = arg.indexOf("=");
    const key = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith("--") && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined) throw new UsageError(`${key} needs a value`);
      i++;
      return next;
    };
    switch (key) {
      case "-p":
      case "--port":
        options.port = value();
        continue;
      case "-b":
      case "--baud":
        options.baud = parseBaud(value());
        continue;
      case "--pace":
        // The value is optional: only the `--pace=...` spelling carries one, so `--pace ls` stays unambiguous.
        options.pace = inline === undefined ? { ...DEFAULT_PACE } : parsePace(inline);
        continue;
      case "--no-pace":
        options.pace = "off";
        continue;
      case "--progress":
        options.progress = true;
        continue;
      case "-h":
      case "--help":
        return { options, command: { name: "help" } };
      case "-V":
      case "--version":
        return { options, command: { name: "version" } };
    }
    const known = commandName ? COMMAND_FLAGS[commandName] : undefined;
    // A negative number or a "-..." remote path is an argument, not a flag (exec "-1"; rm :-file is spelled with ':').
    if (commandName === "exec" && positional.length === 0) {
      positional.push(arg);
      continue;
    }
    const flag = known && Object.hasOwn(known, key) ? known[key] : undefined;
    if (!flag || inline !== undefined) {
      throw new UsageError(commandName ? `${commandName}: unknown option ${arg}` : `unknown option ${arg}`);
    }
    flags.add(flag);
  }

  const command = buildCommand(commandName, flags, positional);
  return { options, command };
}

function expectArgs(name: string, positional: string[], min: number, max: number, usage: string): void {
  if (positional.length < min || positional.length > max) throw new UsageError(`usage: mote ${name} ${usage}`);
}

function buildCommand(name: string | undefined, flags: Set<string>, positional: string[]): Command {
  switch (name) {
    case undefined:
    case "help":
      return { name: "help" };
    case "ls":
      expectArgs(name, positional, 0, 1, "[-r] [:DIR]");
      return { name, dir: positional[0] ?? ":", recursive: flags.has("recursive") };
    case "cp": {
      expectArgs(name, positional, 2, 2, "[-r] [--dry-run] [--delete] [--force] SRC DST  (board paths start with ':')");
      const [from, to] = positional;
      const remoteFrom = isRemote(from);
      const remoteTo = isRemote(to);
      if (remoteFrom === remoteTo) {
        throw new UsageError("cp: exactly one of SRC and DST must be a board path, written with a leading ':'");
      }
      if ((flags.has("deleteExtra") || flags.has("dryRun")) && !(flags.has("recursive") && remoteTo)) {
        throw new UsageError("cp: --delete and --dry-run apply to a folder upload: mote cp -r DIR :DIR");
      }
      return {
        name,
        from,
        to,
        recursive: flags.has("recursive"),
        deleteExtra: flags.has("deleteExtra"),
        dryRun: flags.has("dryRun"),
        force: flags.has("force"),
      };
    }
    case "rm":
      expectArgs(name, positional, 1, 1, "[-r] :PATH");
      return { name, path: positional[0], recursive: flags.has("recursive") };
    case "mkdir":
      expectArgs(name, positional, 1, 1, ":PATH");
      return { name, path: positional[0] };
    case "exec":
      expectArgs(name, positional, 1, 1, "CODE");
      return { name, code: positional[0] };
    case "run":
      expectArgs(name, positional, 1, 1, "FILE");
      return { name, file: positional[0] };
    case "repl":
      expectArgs(name, positional, 0, 0, "");
      return { name };
    default:
      throw new UsageError(`unknown command "${name}"`);
  }
}

export const isRemote = (spec: string): boolean => spec.startsWith(":");

/**
 * A board path from a CLI spelling (":main.py", ":/lib", "lib/x.py", ":"), made absolute against the board's cwd.
 * "." and ".." are folded so the path shown and the path written are the same; ".." never climbs above "/".
 */
export function boardPath(spec: string, cwd: string): string {
  const raw = spec.startsWith(":") ? spec.slice(1) : spec;
  const joined = raw.startsWith("/") ? raw : `${cwd.replace(/\/+$/, "")}/${raw}`;
  const parts: string[] = [];
  for (const part of joined.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return `/${parts.join("/")}`;
}

/** True when the spelling names a folder by shape (":", ":lib/", ":/"), before asking the board. */
export const endsLikeDir = (spec: string): boolean => spec === ":" || spec.endsWith("/");
