import { describe, expect, it } from "vitest";
import { boardPath, DEFAULT_PACE, parseArgs, UsageError } from "./args";

const usage = (argv: string[]) => {
  try {
    parseArgs(argv);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error(`expected a UsageError for ${JSON.stringify(argv)}`);
};

describe("mote argument parsing", () => {
  it("takes global options before or after the command, in both spellings", () => {
    const a = parseArgs(["--port", "/dev/ttyACM0", "--baud", "9600", "ls"]);
    expect(a.options).toMatchObject({ port: "/dev/ttyACM0", baud: 9600, pace: "auto", progress: false });
    expect(a.command).toEqual({ name: "ls", dir: ":", recursive: false });
    const b = parseArgs(["ls", ":lib", "-p", "COM3", "--baud=115200", "--progress", "-r"]);
    expect(b.options).toMatchObject({ port: "COM3", baud: 115200, progress: true });
    expect(b.command).toEqual({ name: "ls", dir: ":lib", recursive: true });
  });

  it("falls back to MOTE_PORT", () => {
    expect(parseArgs(["repl"], { MOTE_PORT: "/dev/ttyUSB1" }).options.port).toBe("/dev/ttyUSB1");
    expect(parseArgs(["-p", "/dev/x", "repl"], { MOTE_PORT: "/dev/ttyUSB1" }).options.port).toBe("/dev/x");
  });

  it("parses --pace with and without a value, and --no-pace", () => {
    expect(parseArgs(["--pace", "ls"]).options.pace).toEqual(DEFAULT_PACE);
    expect(parseArgs(["--pace", "ls"]).command.name).toBe("ls");
    expect(parseArgs(["--pace=16/5", "ls"]).options.pace).toEqual({ chunkBytes: 16, delayMs: 5 });
    expect(parseArgs(["--pace=off", "ls"]).options.pace).toBe("off");
    expect(parseArgs(["--no-pace", "ls"]).options.pace).toBe("off");
    expect(usage(["--pace=fast", "ls"])).toMatch(/--pace wants BYTES\/MS/);
    expect(usage(["--pace=0/2", "ls"])).toMatch(/--pace/);
  });

  it("refuses a bad baud rate and a missing option value", () => {
    expect(usage(["--baud", "fast", "ls"])).toMatch(/--baud wants a number/);
    expect(usage(["ls", "--port"])).toMatch(/--port needs a value/);
  });

  it("parses every command", () => {
    expect(parseArgs(["cp", "main.py", ":"]).command).toEqual({
      name: "cp", from: "main.py", to: ":", recursive: false, deleteExtra: false, dryRun: false, force: false,
    });
    expect(parseArgs(["cp", "-r", "--dry-run", "--delete", "src", ":/lib"]).command).toMatchObject({
      recursive: true, dryRun: true, deleteExtra: true, from: "src", to: ":/lib",
    });
    expect(parseArgs(["cp", "-n", "-r", "src", ":"]).command).toMatchObject({ dryRun: true });
    expect(parseArgs(["cp", ":data.bin", "out.bin", "--force"]).command).toMatchObject({ force: true, from: ":data.bin" });
    expect(parseArgs(["rm", "-r", ":lib"]).command).toEqual({ name: "rm", path: ":lib", recursive: true });
    expect(parseArgs(["mkdir", ":lib"]).command).toEqual({ name: "mkdir", path: ":lib" });
    expect(parseArgs(["exec", "print(1)"]).command).toEqual({ name: "exec", code: "print(1)" });
    expect(parseArgs(["run", "blink.py"]).command).toEqual({ name: "run", file: "blink.py" });
    expect(parseArgs(["repl"]).command).toEqual({ name: "repl" });
    expect(parseArgs([]).command).toEqual({ name: "help" });
    expect(parseArgs(["ls", "--help"]).command).toEqual({ name: "help" });
    expect(parseArgs(["-V"]).command).toEqual({ name: "version" });
  });

  it("keeps code that starts with a dash, and names after -- as arguments", () => {
    expect(parseArgs(["exec", "-1"]).command).toEqual({ name: "exec", code: "-1" });
    expect(parseArgs(["cp", "--", "-odd.py", ":"]).command).toMatchObject({ from: "-odd.py", to: ":" });
    expect(parseArgs(["rm", "--", ":-r"]).command).toEqual({ name: "rm", path: ":-r", recursive: false });
  });

  it("refuses what cannot be meant", () => {
    expect(usage(["frob"])).toMatch(/unknown command "frob"/);
    expect(usage(["toString"])).toMatch(/unknown command/);
    expect(usage(["ls", "--constructor"])).toMatch(/ls: unknown option --constructor/);
    expect(usage(["rm", "-x", ":a"])).toMatch(/rm: unknown option -x/);
    expect(usage(["--bogus", "ls"])).toMatch(/unknown option --bogus/);
    expect(usage(["cp", "a", "b"])).toMatch(/exactly one of SRC and DST/);
    expect(usage(["cp", ":a", ":b"])).toMatch(/exactly one of SRC and DST/);
    expect(usage(["cp", "a"])).toMatch(/usage: mote cp/);
    expect(usage(["cp", "--dry-run", "a", ":b"])).toMatch(/apply to a folder upload/);
    expect(usage(["cp", "-r", "--delete", ":a", "b"])).toMatch(/apply to a folder upload/);
    expect(usage(["rm"])).toMatch(/usage: mote rm/);
    expect(usage(["exec"])).toMatch(/usage: mote exec CODE/);
    expect(usage(["repl", "extra"])).toMatch(/usage: mote repl/);
    expect(usage(["ls", "--recursive=yes"])).toMatch(/unknown option/);
  });
});

describe("board paths from CLI spellings", () => {
  it("makes relative paths absolute against the board's cwd", () => {
    expect(boardPath(":", "/")).toBe("/");
    expect(boardPath(":", "/flash")).toBe("/flash");
    expect(boardPath(":main.py", "/")).toBe("/main.py");
    expect(boardPath(":main.py", "/flash/")).toBe("/flash/main.py");
    expect(boardPath("lib/x.py", "/flash")).toBe("/flash/lib/x.py");
    expect(boardPath(":/lib/", "/flash")).toBe("/lib");
  });

  it("folds . and .. without climbing above /", () => {
    expect(boardPath(":./a/../b", "/flash")).toBe("/flash/b");
    expect(boardPath(":../../../etc", "/flash")).toBe("/etc");
    expect(boardPath(":a//b", "/")).toBe("/a/b");
  });

  it("keeps unusual names intact", () => {
    expect(boardPath(":it's \"q\" \\ é.py", "/")).toBe("/it's \"q\" \\ é.py");
    expect(boardPath(":-dash", "/")).toBe("/-dash");
  });
});
