import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { seededBytes } from "../../src/device/testing/seededBytes";

export interface Payload {
  /** "random" or "source": also the row label. */
  kind: "random" | "source";
  data: Uint8Array;
  /** Where the bytes came from, for the results. */
  origin: string;
}

/** Incompressible bytes from a fixed seed, so every run moves the same file. */
export function randomPayload(size: number, seed = 0x9e3779b9): Payload {
  return { kind: "random", data: seededBytes(size, seed), origin: `xorshift32 seed 0x${seed.toString(16)}` };
}

// Real Python source from this machine's CPython standard library: a file Mote users might upload, sized as asked.
const CANDIDATES = ["argparse", "typing", "inspect", "pydoc", "subprocess"];

export function sourcePayload(size: number): Payload {
  const tried: string[] = [];
  for (const mod of CANDIDATES) {
    try {
      const file = execFileSync("python3", ["-c", `import ${mod}; print(${mod}.__file__)`], { encoding: "utf8" }).trim();
      const bytes = readFileSync(file);
      if (bytes.length >= size) {
        return { kind: "source", data: new Uint8Array(bytes.subarray(0, size)), origin: `first ${size} B of ${file}` };
      }
      tried.push(`${file} has only ${bytes.length} B`);
    } catch (e) {
      tried.push(`${mod}: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
    }
  }
  throw new Error(`no stdlib source file of ${size} B found (${tried.join("; ")})`);
}
