// `npm run bench`: prints a table and writes bench-results.json. Speed lives here, never in tests.
import { existsSync } from "node:fs";
import path from "node:path";
import { execRoundTrip } from "./roundTrip";
import { terminalFlood } from "./flood";
import { plotterBench } from "./plotter";
import { editorLatency } from "./editor";
import { printTable, writeResults, type Figure } from "./results";
import { shellSize } from "./shellSize";
import { qemuAvailable, startQemuMicrobit } from "../src/transports/node/qemuMicrobit";
import { transferBench } from "./transfer/index";

const root = path.resolve(import.meta.dirname, "..");
const figures: Figure[] = [];
const section = async (name: string, fn: () => Promise<Figure[]> | Figure[]) => {
  process.stderr.write(`bench: ${name}…\n`);
  try {
    figures.push(...(await fn()));
  } catch (e) {
    figures.push({ name, value: NaN, unit: "", note: `failed: ${e instanceof Error ? e.message : String(e)}` });
  }
};

const dist = path.join(root, "dist");
if (!existsSync(path.join(dist, "index.html"))) {
  console.error("bench: no dist/ — run `npx vite build` first (npm run bench does).");
  process.exit(1);
}
await section("app shell size", () => shellSize(dist));

await section("virtual board round trip", async () => {
  const { createNodeVirtualBoard } = await import("../src/transports/virtual/node");
  return execRoundTrip("virtual board (WASM, Node worker)", await createNodeVirtualBoard());
});

if (qemuAvailable().available) {
  await section("QEMU round trip", async () => {
    const board = await startQemuMicrobit();
    try {
      return await execRoundTrip("QEMU micro:bit 1.9.2", board.transport);
    } finally {
      await board.stop();
    }
  });
} else {
  figures.push({ name: "exec round trip, QEMU micro:bit", value: NaN, unit: "", note: "skipped: QEMU not installed" });
}

await section("terminal flood", terminalFlood);
await section("plotter", plotterBench);
await section("editor latency", () => editorLatency(dist));

// The transfer figures are many: they go to the JSON in full but print as their own matrix, not in the main table.
let transferTable = "";
const transferFigures: Figure[] = [];
await section("file transfer", async () => {
  const result = await transferBench();
  transferTable = result.table;
  transferFigures.push(...result.figures);
  return [];
});

printTable(figures);
if (transferTable) console.log(`\nFile transfer (bench/transfer):\n${transferTable}`);
writeResults(path.join(root, "bench-results.json"), [...figures, ...transferFigures]);
console.log("\nwrote bench-results.json");
process.exit(0);
