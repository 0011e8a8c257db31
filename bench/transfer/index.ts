import type { Figure } from "../results";
import { qemuAvailable, startQemuMicrobit } from "../../src/transports/node/qemuMicrobit";
import { ThrottledLink, UART_115200, UART_1M } from "../../src/transports/node/throttledLink";
import { benchLink, type LinkSpec, type Outcome } from "./harness";
import { loadMoteEngine } from "./mote";
import { randomPayload, sourcePayload } from "./payloads";
import { transferFigures, transferTable } from "./report";

const KIB = 1024;
// micro:bit 1.9.2 under QEMU takes only 15,104 bytes in one file on an empty filesystem (measured: a write past that
// fails with OSError 28 and the file is gone). Without os.rename Mote's atomic write commits by copying its temp file,
// so it needs twice the file's size free: 8 KiB cannot fit, 7 KiB is at the edge (the engine failed there with
// OSError 9 or a bad copy in some runs), 6 KiB fits. BENCH_QEMU_KIB overrides. One file at a time, each removed after.
const QEMU_SIZE = Number(process.env.BENCH_QEMU_KIB ?? 6) * KIB;

function simulated(name: string, bytesPerSecond: number): LinkSpec {
  return {
    name,
    capacity: bytesPerSecond,
    payloads: [randomPayload(64 * KIB), sourcePayload(64 * KIB)],
    async open() {
      const { createNodeVirtualBoard } = await import("../../src/transports/virtual/node");
      const transport = new ThrottledLink(await createNodeVirtualBoard(), { bytesPerSecond });
      return { transport, stop: () => transport.close() };
    },
  };
}

export interface TransferBench {
  figures: Figure[];
  table: string;
  outcomes: Outcome[];
}

/**
 * Moves 64 KiB of random bytes and 64 KiB of Python source up and down with Mote's engine and the mpremote and
 * ViperIDE schemes, over a simulated 115200 and 1,000,000 baud UART to the WASM board, then (16 KiB) over QEMU's
 * micro:bit. `only` limits it to links whose name contains the text (BENCH_TRANSFER_LINK).
 */
export async function transferBench(only = process.env.BENCH_TRANSFER_LINK): Promise<TransferBench> {
  const links: LinkSpec[] = [simulated("sim 115200 baud", UART_115200), simulated("sim 1,000,000 baud", UART_1M)];
  const qemu = qemuAvailable();
  if (qemu.available) {
    links.push({
      name: "QEMU micro:bit",
      // QEMU's serial line has no baud rate; a real micro:bit talks at 115200, so that is the yardstick.
      capacity: UART_115200,
      capacityNote: "QEMU has no baud limit: % of a 115200 link",
      payloads: [randomPayload(QEMU_SIZE), sourcePayload(QEMU_SIZE)],
      freshBoardPerRun: true,
      repeats: 3,
      async open() {
        const board = await startQemuMicrobit();
        return { transport: board.transport, stop: () => board.stop() };
      },
    });
  }
  const engine = await loadMoteEngine();
  const outcomes: Outcome[] = [];
  const chosen = links.filter((l) => !only || l.name.includes(only));
  for (const link of chosen) {
    process.stderr.write(`bench: transfer over ${link.name}…\n`);
    try {
      outcomes.push(...(await benchLink(link, engine)));
    } catch (e) {
      outcomes.push({
        link: link.name,
        capacity: link.capacity,
        payload: "random",
        bytes: 0,
        direction: "upload",
        scheme: "all",
        ms: NaN,
        status: "failed",
        detail: `the link failed: ${e instanceof Error ? e.message : String(e)}`,
        notes: [],
      });
    }
  }
  const origins = [...new Set(chosen.flatMap((l) => l.payloads.map((p) => `${p.kind} ${p.data.length} B: ${p.origin}`)))];
  const header = [
    "% of link = payload bytes / elapsed / link capacity (11,520 B/s at 115200 baud, 100,000 B/s at 1,000,000 baud).",
    "Elapsed is end to end: raw-REPL entry to prompt, with each scheme's own checks. Every result is compared",
    "byte for byte with the source; CORRUPT/FAILED results have no speed.",
    ...(!qemu.available ? [`QEMU micro:bit skipped: ${qemu.reason}`] : only && !"QEMU micro:bit".includes(only) ? [] : [`QEMU micro:bit: ${QEMU_SIZE / KIB} KiB files (its filesystem holds ~15 KB and Mote's copy-commit needs 2x); a fresh board for each scheme; no baud limit, % of a 115200 link.`]),
    ...origins.map((o) => `payload ${o}`),
    typeof engine === "string" ? `Mote: ${engine}` : "",
  ].filter(Boolean);
  return { figures: transferFigures(outcomes), table: [...header, "", transferTable(outcomes)].join("\n"), outcomes };
}
