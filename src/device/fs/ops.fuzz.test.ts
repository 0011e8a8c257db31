import { afterAll, describe, it } from "vitest";
import { connectDevice, type Device } from "../device";
import { isDeviceError } from "../errors";
import { toBytes } from "../paths";
import type { RawSession } from "../session";
import { ScriptedBoard, type ExecOutcome } from "../testing/scriptedBoard";
import { list, mkdir, remove, rename, stat, usage } from "./ops";
import { probeCaps } from "./probe";
import { replyHash } from "./reply";
import type { FsCaps } from "./types";

// Fuzzed replies to every fs operation. The board here is a TEST DOUBLE (ScriptedBoard) that speaks the raw REPL
// correctly but answers the op's helper code with random, truncated, corrupted or padded stdout, garbage stderr, or
// silence. Every such case must end in a typed DeviceError (never a hang, never data taken as good); the correct
// reply, sent untouched, must still give the right answer, so the fuzz cannot pass by rejecting everything.

const modern: FsCaps = { dirs: true, rename: true, statvfs: true, sha256: true, deflate: true, binaryIn: "stdin", cwd: "/", rawPaste: true };
const flat: FsCaps = { dirs: false, rename: false, statvfs: false, sha256: false, deflate: false, binaryIn: "uart", cwd: "/", rawPaste: false };
const hex = (s: string) => Buffer.from(toBytes(s)).toString("hex");
/** The reply our helpers print: records, then "=N H". */
const reply = (lines: string[]) => [...lines, `=${lines.length} ${replyHash(lines)}`].map((l) => `${l}\r\n`).join("");

interface Case {
  op: string;
  run: (s: RawSession) => Promise<unknown>;
  lines: string[];
  want: unknown;
}

const cases: Case[] = [
  { op: "probe", run: (s) => probeCaps(s), lines: [`c 1 1 1 1 1 s ${hex("/")}`], want: modern }, // the double offers raw-paste
  {
    op: "list",
    run: (s) => list(s, modern, "/d"),
    lines: [`d 0 ${hex("/d/sub")}`, `f 12 ${hex("/d/a\udcff")}`],
    want: [
      { path: "/d/a\udcff", name: "a\udcff", kind: "file", size: 12 },
      { path: "/d/sub", name: "sub", kind: "dir", size: 0 },
    ],
  },
  {
    op: "list -r",
    run: (s) => list(s, modern, "/", { recursive: true }),
    lines: [`d 0 ${hex("/lib")}`, `f 5 ${hex("/lib/x.py")}`, `f 0 ${hex("/main.py")}`],
    want: [
      { path: "/lib", name: "lib", kind: "dir", size: 0 },
      { path: "/lib/x.py", name: "x.py", kind: "file", size: 5 },
      { path: "/main.py", name: "main.py", kind: "file", size: 0 },
    ],
  },
  { op: "list (flat)", run: (s) => list(s, flat), lines: [`f 3 ${hex("a.py")}`], want: [{ path: "/a.py", name: "a.py", kind: "file", size: 3 }] },
  { op: "stat", run: (s) => stat(s, modern, "/lib/x.py"), lines: ["f 7"], want: { path: "/lib/x.py", name: "x.py", kind: "file", size: 7 } },
  { op: "stat (flat)", run: (s) => stat(s, flat, "/a.py"), lines: ["f 7"], want: { path: "/a.py", name: "a.py", kind: "file", size: 7 } },
  { op: "usage", run: (s) => usage(s, modern), lines: ["u 1000 500"], want: { totalBytes: 1000, freeBytes: 500 } },
  { op: "mkdir", run: (s) => mkdir(s, modern, "/new"), lines: ["k"], want: undefined },
  { op: "remove -r", run: (s) => remove(s, modern, "/lib", { recursive: true }), lines: ["r", "r", "r"], want: undefined },
  { op: "remove (flat)", run: (s) => remove(s, flat, "/a.py"), lines: ["r"], want: undefined },
  { op: "rename", run: (s) => rename(s, modern, "/a.py", "/b.py"), lines: ["r"], want: undefined },
];

// A small seeded generator, so a failure names a case that can be replayed.
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(a: readonly T[]): T => a[int(a.length)];
  return { next, int, pick };
}

const ALPHABET = "0123456789abcdef =-dfrxku\n\r";
type Rng = ReturnType<typeof rng>;

/** Printable junk that is never only "\r" (which a reply may legitimately carry before "\n"). */
function junk(r: Rng, min = 1): string {
  let s = "";
  const n = min + r.int(12);
  for (let i = 0; i < n; i++) s += r.next() < 0.8 ? r.pick(ALPHABET.split("")) : String.fromCharCode(0x20 + r.int(0x5f));
  return s.replace(/\r/g, "") || "x";
}

/** One faulty answer to the op's exec, and what kind it is (for the failure message). */
function faulty(r: Rng, valid: string): [string, ExecOutcome] {
  const at = (n: number) => r.int(n);
  switch (r.int(9)) {
    case 0: {
      let s = "";
      // Any byte but 0x04, which would end stdout (the core's own fault tests cover that).
      for (let i = r.int(60); i > 0; i--) s += r.next() < 0.7 ? r.pick(ALPHABET.split("")) : String.fromCharCode(5 + r.int(251));
      return ["random", { stdout: s }];
    }
    case 1:
      return ["truncated", { stdout: valid.slice(0, at(valid.length)) }];
    case 2: {
      const i = at(valid.length + 1);
      return ["inserted", { stdout: valid.slice(0, i) + junk(r) + valid.slice(i) }];
    }
    case 3: {
      let i = at(valid.length);
      while (valid[i] === "\r") i = at(valid.length);
      return ["deleted", { stdout: valid.slice(0, i) + valid.slice(i + 1) }];
    }
    case 4: {
      const i = at(valid.length);
      let c = junk(r)[0];
      while (c === valid[i] || c === "\r") c = junk(r)[0];
      return ["replaced", { stdout: valid.slice(0, i) + c + valid.slice(i + 1) }];
    }
    case 5:
      return ["appended", { stdout: valid + junk(r) }];
    case 6:
      return ["prepended", { stdout: junk(r) + "\n" + valid }];
    case 7:
      return ["stderr", { stdout: r.next() < 0.5 ? valid : "", stderr: junk(r) }];
    default:
      return r.next() < 0.3 ? ["stall", "stall"] : ["empty", { stdout: "" }];
  }
}

const PER_OP = 40;
const open: Device[] = [];
afterAll(async () => {
  for (const d of open) await d.disconnect();
});

describe("fs operations against fuzzed replies (test double: ScriptedBoard)", () => {
  // Concurrent: each op has its own double and device, and the time goes to the core's recovery pauses, not CPU.
  it.concurrent.for(cases)("$op: the correct reply gives the right answer, every faulty one a typed error", { timeout: 120_000 }, async (c, { expect }) => {
    let outcome: ExecOutcome = { stdout: reply(c.lines) };
    const board = new ScriptedBoard({ onExec: () => outcome, stallMs: 100 });
    const device = await connectDevice(board, { connectTimeoutMs: 3000, replyMs: 300, interruptStepMs: 150 });
    open.push(device);
    const run = () => device.session(`fuzz ${c.op}`, (s) => c.run(s));

    expect(await run()).toEqual(c.want);

    const r = rng(0x5eed + cases.indexOf(c));
    const valid = reply(c.lines);
    for (let i = 0; i < PER_OP; i++) {
      const [kind, o] = faulty(r, valid);
      outcome = o;
      let hang: ReturnType<typeof setTimeout> | undefined;
      // A guard against hangs only (not a speed check): every wait in the core has a timeout far below this.
      const guard = new Promise<"hang">((res) => (hang = setTimeout(() => res("hang"), 10_000)));
      const result = await Promise.race([run().then((v) => ({ v }), (e: unknown) => ({ e })), guard]);
      clearTimeout(hang);
      const label = `${c.op} case ${i} (${kind}): ${JSON.stringify(o)}`;
      expect(result, label).not.toBe("hang");
      if (result === "hang") continue;
      expect("e" in result, `${label} resolved instead of failing`).toBe(true);
      const e = (result as { e: unknown }).e;
      expect(isDeviceError(e) && ["ProtocolError", "Timeout", "RemoteError"].includes(e.code), `${label} -> ${String(e)}`).toBe(true);
    }

    // After all that, the device still works and the correct reply is still understood.
    outcome = { stdout: valid };
    expect(await run()).toEqual(c.want);
    // Most faulty cases reached the board as an exec (a stalled board ignores what arrives while it is silent).
    expect(board.execs.length).toBeGreaterThan(PER_OP / 2);
  });
});
