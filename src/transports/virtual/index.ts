import { DeviceError } from "../../device/errors";
import type { ByteTransport, LinkTraits } from "../../device/transport";
import type { VirtualHardware } from "./hardware";
import type { FsStore } from "./fs-store";
import { VirtualBoardHost, type VirtualBoardOptions } from "./host";
import { IndexedDbFsStore } from "./idb-store";
import type { NetOptions } from "./net/hostNet";
import type { WorkerMessage } from "./shared";

export type { FsStore } from "./fs-store";
export { MemoryFsStore } from "./fs-store";
export { IndexedDbFsStore } from "./idb-store";
export type { FsEntry } from "./shared";
export type { VirtualBoardOptions } from "./host";
export type { HardwareListener, HardwareState, PinMode, PinState, VirtualHardware } from "./hardware";
export { hardwareOf } from "./hardware";

/** The virtual board's link: a ByteTransport that also has pins (`hardware`, also at `traits.hardware`). */
export interface VirtualBoardTransport extends ByteTransport {
  readonly hardware: VirtualHardware;
  readonly traits: LinkTraits & { hardware: VirtualHardware };
}

/**
 * The virtual board for the browser: MicroPython WASM in a module Worker, files in IndexedDB unless a store is given.
 * Needs a cross-origin isolated page (SharedArrayBuffer); rejects with DeviceError("Unsupported") otherwise.
 */
export async function createVirtualBoard(
  options: VirtualBoardOptions & { store?: FsStore } = {},
): Promise<VirtualBoardTransport> {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  if (typeof SharedArrayBuffer === "undefined" || isolated === false) {
    throw new DeviceError(
      "Unsupported",
      "The virtual board needs a cross-origin isolated page.",
      "Serve the app with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp.",
    );
  }
  const store = options.store ?? (typeof indexedDB === "undefined" ? undefined : new IndexedDbFsStore());
  return VirtualBoardHost.create(({ onMessage, onError }) => {
    const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module", name: "virtual-board" });
    worker.onmessage = (e: MessageEvent<WorkerMessage>) => onMessage(e.data);
    worker.onerror = (e) => onError(new Error(e.message || "worker error"));
    return worker;
  }, { ...options, store, net: options.net ?? tunnelOfThisPage() });
}

/** The page's own server's network tunnel (server/net/tunnel.mjs), same origin, ws: or wss: to match the page. */
function tunnelOfThisPage(): NetOptions | undefined {
  const here = (globalThis as { location?: { href: string } }).location;
  if (!here) return undefined;
  const url = new URL("/api/net/tcp", here.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return { url: url.href };
}
