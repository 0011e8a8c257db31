import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startQemuMicrobitPty, type QemuMicrobitPty } from "../src/transports/node/qemuMicrobit";
import { describeQemu } from "../src/transports/node/qemuTest";
import { openSerialPort } from "../src/transports/node/serialPortTransport";

const MOTE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "bin", "mote.mjs");

interface MoteRun {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** Runs the real `mote` process. `input` is written to its stdin once it says it is connected (repl). */
function runMote(args: string[], input?: { afterStderr: RegExp; write: string[]; untilStdout: RegExp }): Promise<MoteRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MOTE, ...args], { stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let stderr = "";
    let sent = false;
    child.stdout.on("data", (d: Buffer) => {
      out.push(d);
      if (input && sent && input.untilStdout.test(Buffer.concat(out).toString("latin1"))) child.stdin.end("\x1d");
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (d: string) => {
      stderr += d;
      if (input && !sent && input.afterStderr.test(stderr)) {
        sent = true;
        for (const chunk of input.write) child.stdin.write(chunk);
      }
    });
    if (!input) child.stdin.end();
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(out), stderr }));
  });
}

// The `mote` command as a user runs it (node bin/mote.mjs, a child process) against REAL MicroPython 1.9.2 firmware:
// a QEMU micro:bit whose UART is a pty, opened by the serialport package like any serial port. --pace because a pty
// has no USB id to detect the micro:bit by.
describeQemu("mote CLI on QEMU micro:bit over a pty (real firmware, real process)", () => {
  let board: QemuMicrobitPty;
  let tmp: string;
  const mote = (...args: string[]) => runMote(["--port", board.ptyPath, "--pace", ...args]);

  beforeAll(async () => {
    board = await startQemuMicrobitPty();
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), "mote-cli-qemu-"));
  });
  afterAll(async () => {
    await board?.stop();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  it("exec prints the program's output; a traceback exits 1", async () => {
    const ok = await mote("exec", "print('sum', sum(range(10)))");
    expect(ok.stderr).toBe("");
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout.toString()).toBe("sum 45\r\n");
    const bad = await mote("exec", "import nosuchmodule");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("ImportError");
  });

  it("run FILE runs a local file on the board", async () => {
    const file = path.join(tmp, "prog.py");
    await fs.writeFile(file, "import os\nfor i in range(3):\n    print('n', i * i)\nprint(os.uname().sysname)\n");
    const r = await mote("run", file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.toString().replace(/\r/g, "")).toBe("n 0\nn 1\nn 4\nmicrobit\n");
  });

  it("cp up and down keeps a text file and a binary file byte for byte; ls shows them; rm removes them", async () => {
    const text = Array.from({ length: 40 }, (_, i) => `print("line ${i}: ' \\" \\\\ é \\x00")`).join("\n") + "\n";
    const binary = new Uint8Array(1024).map((_, i) => (i < 256 ? i : (i * 197 + 11) & 255));
    await fs.writeFile(path.join(tmp, "text.py"), text);
    await fs.writeFile(path.join(tmp, "blob.bin"), binary);

    for (const name of ["text.py", "blob.bin"]) {
      const up = await mote("cp", path.join(tmp, name), ":");
      expect(up.stderr).toMatch(new RegExp(`-> :/${name.replace(".", "\\.")}: `));
      expect(up.code, up.stderr).toBe(0);
    }
    const ls = await mote("ls");
    expect(ls.code, ls.stderr).toBe(0);
    expect(ls.stdout.toString()).toMatch(/^\s*1024 {2}blob\.bin$/m);
    expect(ls.stdout.toString()).toMatch(new RegExp(`^\\s*${Buffer.byteLength(text)} {2}text\\.py$`, "m"));

    await fs.mkdir(path.join(tmp, "down"));
    for (const name of ["text.py", "blob.bin"]) {
      const down = await mote("cp", `:${name}`, path.join(tmp, "down"));
      expect(down.code, down.stderr).toBe(0);
    }
    expect(await fs.readFile(path.join(tmp, "down", "text.py"), "utf8")).toBe(text);
    expect(Buffer.compare(await fs.readFile(path.join(tmp, "down", "blob.bin")), Buffer.from(binary))).toBe(0);

    const rm = await mote("rm", ":blob.bin");
    expect(rm.code, rm.stderr).toBe(0);
    expect((await mote("ls")).stdout.toString()).not.toContain("blob.bin");
  });

  it("cp -r syncs a folder onto the flat filesystem: dry run first, then only what changed", async () => {
    const proj = path.join(tmp, "proj");
    await fs.mkdir(proj);
    await fs.writeFile(path.join(proj, "s_main.py"), "import s_util\nprint(s_util.X)\n");
    await fs.writeFile(path.join(proj, "s_util.py"), "X = 1\n");
    const dry = await mote("cp", "-r", "--dry-run", proj, ":");
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout.toString()).toContain("+ s_main.py");
    expect(dry.stdout.toString()).toContain("+ s_util.py");
    expect((await mote("ls")).stdout.toString()).not.toContain("s_util.py");

    const first = await mote("--progress", "cp", "-r", proj, ":");
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/^:\/ \w+ .*%/m); // forced progress lines on a non-terminal stderr
    await fs.writeFile(path.join(proj, "s_util.py"), "X = 22\n");
    const second = await mote("cp", "-r", proj, ":");
    expect(second.code, second.stderr).toBe(0);
    // Files from the other tests share the flat root: they are listed as extra (and kept), never uploaded again.
    expect(second.stdout.toString()).toMatch(/^~ s_util\.py \(7 B, changed\)$/m);
    expect(second.stdout.toString()).not.toMatch(/^[+~] (?!s_util)/m);
    expect(second.stdout.toString()).not.toMatch(/^- /m);
    const back = path.join(tmp, "s_util.back");
    const down = await mote("cp", ":s_util.py", back);
    expect(down.code, down.stderr.toString()).toBe(0);
    expect(await fs.readFile(back, "utf8")).toBe("X = 22\n");
  });

  it("a missing board file fails with exit 1 and one line", async () => {
    const r = await mote("cp", ":no_such_file.py", path.join(tmp, "x.py"));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("mote: no such file on the board: :/no_such_file.py\n");
    const rm = await mote("rm", ":no_such_file.py");
    expect(rm).toMatchObject({ code: 1, stderr: "mote: no such file on the board: :/no_such_file.py\n" });
  });

  it("repl: keys reach the board and Ctrl-] leaves", async () => {
    const r = await runMote(["--port", board.ptyPath, "--pace", "repl"], {
      afterStderr: /Ctrl-] leaves/,
      write: ["print(7*191)\r"],
      untilStdout: /1337\r\n>>> /,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.toString()).toContain("MicroPython v1.9.2");
  });

  it("a port held by another program fails with PortInUse in one line", async () => {
    const holder = await openSerialPort({ path: board.ptyPath, traits: {} });
    try {
      const r = await mote("exec", "print(1)");
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^mote: .* is in use by another program: close the other program using it.*\n$/);
      expect(r.stderr.split("\n")).toHaveLength(2);
    } finally {
      await holder.close();
    }
  });

  it("a port that does not exist fails with exit 1 and one line", async () => {
    const r = await runMote(["--port", "/dev/mote-no-such-port", "ls"]);
    expect(r).toMatchObject({ code: 1, stderr: "mote: No serial port at /dev/mote-no-such-port\n" });
    expect(r.stdout.length).toBe(0);
  });
});
