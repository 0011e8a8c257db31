import { createHash } from "node:crypto";
import { connectDevice, type Device } from "../../src/device/device";
import { fromUtf8 } from "../../src/device/bytes";
import { pyStr } from "../../src/device/pyLiteral";
import type { FsCaps } from "../../src/device/fs/types";
import type { ByteTransport } from "../../src/device/transport";
import type { MoteEngine } from "./mote";
import { randomPayload, type Payload } from "./payloads";
import { mpremoteScheme, viperScheme, type RunLog, type Scheme } from "./schemes";

export interface LinkSpec {
  name: string;
  /** Bytes per second the link can carry in each direction: what "% of link" is relative to. */
  capacity: number;
  capacityNote?: string;
  open(): Promise<{ transport: ByteTransport; stop(): Promise<void> }>;
  payloads: Payload[];
  /**
   * Start a new board for every scheme and payload. For QEMU's micro:bit: a failed write there can leave space
   * taken that no listing shows (an unclosed file), and one scheme's failure must not become the next one's.
   */
  freshBoardPerRun?: boolean;
  /**
   * Measure each transfer this many times on the same board and report the median (QEMU's timing varies by a third
   * from run to run on this 2-core machine). Default 1.
   */
  repeats?: number;
}

export interface Outcome {
  link: string;
  capacity: number;
  payload: Payload["kind"];
  bytes: number;
  direction: "upload" | "download";
  scheme: string;
  /** Wall time of the whole operation, raw-REPL entry to the friendly prompt, including the scheme's own checks. */
  ms: number;
  /** "ok" only when the board's file (upload) or the host's copy (download) equals the source byte for byte. */
  status: "ok" | "failed" | "corrupt" | "unavailable";
  /** The ViperIDE scheme only: elapsed plus the wait its 10 ms reply polling would add (a model, not a measurement). */
  modeledMs?: number;
  detail?: string;
  notes: string[];
}

const progress = (msg: string) => process.stderr.write(`  ${msg}\n`);

const SCHEME_NAMES = ["Mote", "mpremote", "ViperIDE"];

/** Run every scheme over one link, each payload up then down, checking every result against the source. */
export async function benchLink(spec: LinkSpec, engine: MoteEngine | string): Promise<Outcome[]> {
  if (!spec.freshBoardPerRun) return onBoard(spec, engine, spec.payloads, SCHEME_NAMES);
  const outcomes: Outcome[] = [];
  for (const payload of spec.payloads) {
    for (const name of SCHEME_NAMES) outcomes.push(...(await onBoard(spec, engine, [payload], [name])));
  }
  return outcomes;
}

async function onBoard(spec: LinkSpec, engine: MoteEngine | string, payloads: Payload[], names: string[]): Promise<Outcome[]> {
  const { transport, stop } = await spec.open();
  const outcomes: Outcome[] = [];
  let device: Device | undefined;
  try {
    device = await connectDevice(transport);
    const d = device;
    const hashOnBoard = await d.exec("import hashlib").then(() => true, () => false);
    let caps: FsCaps | undefined;
    let engineMissing = typeof engine === "string" ? engine : undefined;
    if (typeof engine !== "string" && names.includes("Mote")) {
      // Probed once per connection, as the UI and the CLI do: not part of any transfer's time.
      caps = await d.session("bench probe", (s) => engine.probeCaps(s)).catch((e) => {
        engineMissing = `probeCaps failed: ${message(e)}`;
        return undefined;
      });
    }
    const all: Array<Scheme | { name: string; missing: string }> = [
      caps && typeof engine !== "string" ? engine.scheme(caps) : { name: "Mote", missing: engineMissing ?? "?" },
      mpremoteScheme,
      viperScheme,
    ];
    const schemes = all.filter((x) => names.includes(x.name));
    // A fresh board runs its first transfer cold (worker JIT, QEMU's code translation): measured 47 % of link on a
    // first 64 KiB upload at 1 Mbaud against 73-77 % on the next ones. Whichever scheme ran first would pay for it,
    // so each scheme moves a small file once, untimed, before its figures.
    const warm = randomPayload(2048, 1).data;
    for (const scheme of schemes) {
      if ("missing" in scheme) continue;
      const path = scheme.name === "Mote" && caps ? joinPath(caps.cwd, "bench_warm.bin") : "bench_warm.bin";
      await d.session("bench warm-up", (s) => scheme.upload(s, path, warm, { note: () => {} })).catch(() => {});
      await d.session("bench warm-up", (s) => scheme.download(s, path, { note: () => {} })).catch(() => {});
      await removeFile(d, "bench_warm.bin");
      await removeLeftovers(d);
    }
    for (const payload of payloads) {
      for (const scheme of schemes) {
        const base = { link: spec.name, capacity: spec.capacity, payload: payload.kind, bytes: payload.data.length, scheme: scheme.name };
        if ("missing" in scheme) {
          for (const direction of ["upload", "download"] as const) {
            outcomes.push({ ...base, direction, ms: NaN, status: "unavailable", detail: scheme.missing, notes: [] });
          }
          continue;
        }
        const ext = payload.kind === "source" ? "py" : "bin";
        const name = `bench_${scheme.name.toLowerCase()}.${ext}`;
        const path = scheme.name === "Mote" && caps ? joinPath(caps.cwd, name) : name;
        const runs: Outcome[][] = [];
        for (let rep = 0; rep < (spec.repeats ?? 1); rep++) {
          const once = await measureOnce(d, spec, scheme, base, name, path, payload, hashOnBoard);
          runs.push(once);
          if (once.some((o) => o.status !== "ok")) break;
        }
        outcomes.push(...medianOf(runs));
      }
    }
  } finally {
    await device?.disconnect().catch(() => {});
    await stop().catch(() => {});
  }
  return outcomes;
}

/** One upload then one download of `payload` by `scheme`, each checked against the source. */
async function measureOnce(
  d: Device,
  spec: LinkSpec,
  scheme: Scheme,
  base: Omit<Outcome, "direction" | "ms" | "status" | "notes">,
  name: string,
  path: string,
  payload: Payload,
  hashOnBoard: boolean,
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  await removeFile(d, name);
  await removeLeftovers(d);

  progress(`${spec.name}: ${scheme.name} upload ${payload.kind} ${payload.data.length} B`);
  const up = await timed(base, "upload", (run) =>
    d.session("bench upload", (s) => scheme.upload(s, path, payload.data, run)),
  );
  if (up.status === "ok") {
    const wrong = await boardDiffers(d, name, payload.data, hashOnBoard);
    if (wrong) Object.assign(up, { status: "corrupt", detail: wrong });
  }
  if (up.status === "failed" && /\b28\b|ENOSPC/.test(up.detail ?? "")) up.notes.push(`board holds ${await listing(d)}`);
  outcomes.push(up);
  if (up.status !== "ok") {
    // The download is measured on its own: put a known-good copy there with the core's simple, checked write.
    await removeLeftovers(d);
    const placed = await d.writeFile(name, payload.data).then(() => undefined, (e) => message(e));
    if (placed !== undefined) {
      // Not the scheme's fault: say the download was not measured rather than blame it for a bad file.
      const detail = `not measured: could not place the source file for it (${placed})`;
      outcomes.push({ ...base, direction: "download", ms: NaN, status: "failed", detail, notes: [] });
      await removeFile(d, name);
      return outcomes;
    }
  }

  progress(`${spec.name}: ${scheme.name} download ${payload.kind}`);
  let got: Uint8Array | undefined;
  const down = await timed(base, "download", async (run) => {
    got = await d.session("bench download", (s) => scheme.download(s, path, run));
  });
  if (down.status === "ok" && got) {
    const wrong = differs(got, payload.data);
    if (wrong) Object.assign(down, { status: "corrupt", detail: wrong });
  }
  outcomes.push(down);
  await removeFile(d, name);
  return outcomes;
}

/** Per direction: the run with the median time, noting every run's time; the first failure when any run failed. */
function medianOf(runs: Outcome[][]): Outcome[] {
  if (runs.length === 1) return runs[0];
  const out: Outcome[] = [];
  for (const direction of ["upload", "download"] as const) {
    const all = runs.map((r) => r.find((o) => o.direction === direction)).filter((o): o is Outcome => !!o);
    const failed = all.find((o) => o.status !== "ok");
    if (failed || all.length === 0) {
      if (failed) out.push(failed);
      continue;
    }
    const sorted = [...all].sort((a, b) => a.ms - b.ms);
    const mid = sorted[Math.floor(sorted.length / 2)];
    const times = all.map((o) => Math.round(o.ms)).join(", ");
    out.push({ ...mid, notes: [...mid.notes, `median of ${all.length} runs (${times} ms)`] });
  }
  return out;
}

async function timed(
  base: Omit<Outcome, "direction" | "ms" | "status" | "notes">,
  direction: Outcome["direction"],
  body: (run: RunLog) => Promise<unknown>,
): Promise<Outcome> {
  const notes: string[] = [];
  let modelMs = 0;
  const run: RunLog = { note: (m) => notes.push(m), addModelMs: (ms) => (modelMs += ms) };
  const t0 = performance.now();
  try {
    await body(run);
    const ms = performance.now() - t0;
    return { ...base, direction, ms, status: "ok", notes, ...(modelMs ? { modeledMs: ms + modelMs } : {}) };
  } catch (e) {
    return { ...base, direction, ms: performance.now() - t0, status: "failed", detail: message(e), notes };
  }
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function joinPath(cwd: string, name: string): string {
  return cwd.endsWith("/") ? cwd + name : `${cwd}/${name}`;
}

async function removeFile(d: Device, name: string): Promise<void> {
  await d.exec(`import os\ntry:\n os.remove(${pyStr(name)})\nexcept OSError:\n pass`).catch(() => {});
}

/** The board's files with their sizes, to explain a full filesystem. */
async function listing(d: Device): Promise<string> {
  const src =
    "import os\ndef sz(n):\n try:\n  return os.size(n)\n except AttributeError:\n  return os.stat(n)[6]\nprint(repr([(n, sz(n)) for n in os.listdir()]))";
  return d.exec(src).then((out) => fromUtf8(out).trim(), (e) => `? (${message(e)})`);
}

/** Temp files a failed write may leave (ViperIDE's, Mote's journal): on micro:bit they would fill its ~15 KB. */
async function removeLeftovers(d: Device): Promise<void> {
  await d
    .exec("import os\nfor n in os.listdir():\n if n.startswith('.mote-') or n == '.viper.tmp':\n  os.remove(n)")
    .catch(() => {});
}

/** Why the board's copy is not `data`, or undefined when it is byte-equal (sha256 on the board, else read back). */
async function boardDiffers(d: Device, name: string, data: Uint8Array, hashOnBoard: boolean): Promise<string | undefined> {
  try {
    if (hashOnBoard) {
      const want = createHash("sha256").update(data).digest("hex");
      const got = fromUtf8(
        await d.exec(
          `import hashlib,binascii\nh=hashlib.sha256()\nf=open(${pyStr(name)},'rb')\nwhile 1:\n b=f.read(2048)\n if not b:break\n h.update(b)\nf.close()\nprint(binascii.hexlify(h.digest()).decode())`,
        ),
      ).trim();
      return got === want ? undefined : `board file sha256 ${got.slice(0, 12)}… ≠ source ${want.slice(0, 12)}…`;
    }
    return differs(await d.readFile(name), data);
  } catch (e) {
    return `could not check the board's file: ${message(e)}`;
  }
}

function differs(got: Uint8Array, want: Uint8Array): string | undefined {
  const n = Math.min(got.length, want.length);
  for (let i = 0; i < n; i++) if (got[i] !== want[i]) return `first difference at byte ${i} of ${want.length}`;
  return got.length === want.length ? undefined : `${got.length} B instead of ${want.length} B`;
}
