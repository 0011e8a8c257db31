import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { FsCaps, TransferOptions, WriteOptions, WriteResult } from "../../src/device/fs/types";
import type { RawSession } from "../../src/device/session";
import type { Scheme } from "./schemes";

interface EngineModule {
  upload(s: RawSession, caps: FsCaps, path: string, data: Uint8Array, o?: WriteOptions): Promise<WriteResult>;
  download(s: RawSession, caps: FsCaps, path: string, o?: TransferOptions): Promise<Uint8Array>;
}
interface ProbeModule {
  probeCaps(s: RawSession): Promise<FsCaps>;
}

export interface MoteEngine {
  probeCaps(s: RawSession): Promise<FsCaps>;
  scheme(caps: FsCaps): Scheme;
}

/**
 * Mote's transfer engine (src/device/transfer) and capability probe (src/device/fs/probe.ts), loaded by URL so the
 * bench still builds and runs its baselines while those modules are being written. Returns the reason when absent.
 */
export async function loadMoteEngine(): Promise<MoteEngine | string> {
  const engineUrl = new URL("../../src/device/transfer/index.ts", import.meta.url);
  const probeUrl = new URL("../../src/device/fs/probe.ts", import.meta.url);
  const missing = [engineUrl, probeUrl].filter((u) => !existsSync(fileURLToPath(u)));
  if (missing.length) return `engine not available yet (${missing.map((u) => fileURLToPath(u)).join(", ")} missing)`;
  const engine = (await import(engineUrl.href)) as Partial<EngineModule>;
  const probe = (await import(probeUrl.href)) as Partial<ProbeModule>;
  if (typeof engine.upload !== "function" || typeof engine.download !== "function") {
    return "engine not available yet (src/device/transfer/index.ts has no upload/download)";
  }
  if (typeof probe.probeCaps !== "function") return "engine not available yet (no probeCaps)";
  const { upload, download } = engine as EngineModule;
  return {
    probeCaps: (probe as ProbeModule).probeCaps,
    scheme: (caps) => ({
      name: "Mote",
      async upload(s, path, data, { note }) {
        // force: the bench removes the target first anyway; never let a skip pass for a transfer.
        const r = await upload(s, caps, path, data, { force: true });
        if (r.skipped) throw new Error("the engine skipped the upload");
        if (r.compressed) note(`compressed: ${r.wireBytes} B on the wire`);
      },
      download: (s, path) => download(s, caps, path),
    }),
  };
}
