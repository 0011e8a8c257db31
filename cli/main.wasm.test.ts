import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ByteTransport } from "../src/device/transport";
import { createNodeVirtualBoard, MemoryFsStore } from "../src/transports/virtual/node";
import { main, type CliEnv } from "./main";

/** Collects what a stream received, and lets a test wait for a pattern in it. */
class Captured {
  text = "";
  private wake: Array<() => void> = [];
  write = (data: string | Uint8Array): boolean => {
    this.text += typeof data === "string" ? data : Buffer.from(data).toString("utf8");
    for (const w of this.wake.splice(0)) w();
    return true;
  };
  async waitFor(pattern: RegExp): Promise<void> {
    while (!pattern.test(this.text)) await new Promise<void>((r) => this.wake.push(r));
  }
}

/**
 * TEST DOUBLE: a serial link where nothing answers (a port with no MicroPython behind it). Labelled as such; used
 * only to see the CLI's one-line NotMicroPython report.
 */
function silentTransportDouble(): ByteTransport {
  return {
    label: "silent link (test double)",
    write: async () => {},
    onData: () => () => {},
    onClose: () => () => {},
    close: async () => {},
  };
}

// The real `mote` command code (main()) against the REAL MicroPython WASM board in a worker_thread; only the port
// is swapped. A shared store keeps the board's files from one command to the next, like a real board's flash.
describe("mote commands on the virtual board (real MicroPython WASM)", () => {
  const store = new MemoryFsStore();
  let tmp: string;
  let opened = 0;

  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), "mote-cli-wasm-"));
  });
  afterAll(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  async function mote(argv: string[], extra: Partial<CliEnv> = {}) {
    const stdout = new Captured();
    const stderr = new Captured();
    const code = await main({
      argv,
      env: {},
      stdout,
      stderr: Object.assign(stderr, { isTTY: false }),
      stdin: new PassThrough(),
      openTransport: async () => {
        opened++;
        return createNodeVirtualBoard({ store });
      },
      onInterrupt: () => () => {},
      connectTimeoutMs: 20_000,
      ...extra,
    });
    return { code, stdout: stdout.text, stderr: stderr.text };
  }

  it("exec prints the program's output and exits 0", async () => {
    const r = await mote(["exec", "for i in range(3): print('line', i)"]);
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout.replace(/\r/g, "")).toBe("line 0\nline 1\nline 2\n");
  });

  it("exec of code that raises prints the traceback and exits 1", async () => {
    const r = await mote(["exec", "print('before')\n1/0"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("before");
    expect(r.stderr).toContain("ZeroDivisionError");
  });

  it("run FILE runs a local file; a missing file fails in one line without opening the port", async () => {
    const file = path.join(tmp, "prog.py");
    await fs.writeFile(file, "import sys\nprint(sys.implementation.name, 6*7)\n");
    const r = await mote(["run", file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe("micropython 42");

    const before = opened;
    const missing = await mote(["run", path.join(tmp, "nope.py")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`mote: no such file or folder: ${path.join(tmp, "nope.py")}\n`);
    expect(opened).toBe(before);
  });

  it("Ctrl-C during exec stops the program and exits 130", async () => {
    const stdout = new Captured();
    let interrupt: (() => void) | undefined;
    const done = main({
      argv: ["exec", "import time\nprint('started')\nwhile True: time.sleep(0.01)"],
      env: {},
      stdout,
      stderr: { write: () => true, isTTY: false },
      stdin: new PassThrough(),
      openTransport: () => createNodeVirtualBoard({ store }),
      onInterrupt: (h) => {
        interrupt = h;
        return () => (interrupt = undefined);
      },
      connectTimeoutMs: 20_000,
    });
    await stdout.waitFor(/started/);
    interrupt!();
    expect(await done).toBe(130);
  });

  it("repl forwards keys to the board and leaves on Ctrl-]", async () => {
    const stdin = new PassThrough();
    const stdout = new Captured();
    const stderr = new Captured();
    const done = main({
      argv: ["repl"],
      env: {},
      stdout,
      stderr: Object.assign(stderr, { isTTY: false }),
      stdin,
      openTransport: () => createNodeVirtualBoard({ store }),
      onInterrupt: () => () => {},
      connectTimeoutMs: 20_000,
    });
    await stderr.waitFor(/Ctrl-] leaves/);
    stdin.write("print(6*7)\r");
    await stdout.waitFor(/42\r?\n>>> /);
    stdin.write("\x1d");
    expect(await done).toBe(0);
    expect(stdout.text).toMatch(/MicroPython v1\.\d+/);
  });

  it("a port with no MicroPython behind it fails with one line", async () => {
    const r = await mote(["-p", "/dev/fake", "exec", "print(1)"], {
      openTransport: async () => silentTransportDouble(),
      connectTimeoutMs: 500,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^mote: The port is silent: no MicroPython prompt on \/dev\/fake: no MicroPython prompt answered; check .*--baud.*\n$/);
    expect(r.stderr.split("\n")).toHaveLength(2);
  });

  it("cp uploads and downloads bytes intact, ls shows the file, rm removes it", async () => {
    const data = new Uint8Array(5000).map((_, i) => (i * 131 + (i >> 8)) & 255);
    const local = path.join(tmp, "blob.bin");
    await fs.writeFile(local, data);
    const up = await mote(["cp", local, ":blob.bin"]);
    expect(up.stderr).toMatch(/-> :\/blob\.bin: 4\.9 KiB in/);
    expect(up.code, up.stderr).toBe(0);

    const listing = await mote(["ls"]);
    expect(listing.code, listing.stderr).toBe(0);
    expect(listing.stdout).toMatch(/^\s*5000 {2}blob\.bin$/m);

    const back = path.join(tmp, "back.bin");
    expect((await mote(["cp", ":blob.bin", back])).code).toBe(0);
    expect(Buffer.compare(await fs.readFile(back), Buffer.from(data))).toBe(0);

    const again = await mote(["cp", local, ":"]);
    expect(again.stderr).toContain(":/blob.bin unchanged");

    expect((await mote(["rm", ":blob.bin"])).code).toBe(0);
    const gone = await mote(["cp", ":blob.bin", back]);
    expect(gone).toMatchObject({ code: 1, stderr: "mote: no such file on the board: :/blob.bin\n" });
  });

  it("cp -r syncs a folder: dry run first, then only what changed", async () => {
    const proj = path.join(tmp, "proj");
    await fs.mkdir(path.join(proj, "pkg"), { recursive: true });
    await fs.writeFile(path.join(proj, "main.py"), "import pkg.util\n");
    await fs.writeFile(path.join(proj, "pkg", "util.py"), "X = 1\n");
    const dry = await mote(["cp", "-r", "--dry-run", proj, ":app"]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain("+ main.py");
    expect(dry.stdout).toContain("+ pkg/util.py");
    expect((await mote(["ls", ":/"])).stdout).not.toMatch(/app\//);

    expect((await mote(["cp", "-r", proj, ":app"])).code).toBe(0);
    await fs.writeFile(path.join(proj, "pkg", "util.py"), "X = 2\n");
    const second = await mote(["cp", "-r", proj, ":app"]);
    expect(second.stdout.trim()).toBe("~ pkg/util.py (6 B, changed)");
    const r = await mote(["exec", "print(open('/app/pkg/util.py').read())"]);
    expect(r.stdout.trim()).toBe("X = 2");
  });
});
