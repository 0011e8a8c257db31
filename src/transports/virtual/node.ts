import { Worker } from "node:worker_threads";
import WebSocket from "ws";
import type { ByteTransport } from "../../device/transport";
import type { BoardFileAccess } from "./file-access";
import type { VirtualHardware } from "./hardware";
import { VirtualBoardHost, type VirtualBoardOptions } from "./host";
import type { NetOptions, WebSocketLike } from "./net/hostNet";
import type { WorkerMessage } from "./shared";

export { MemoryFsStore } from "./fs-store";
export type { FsStore } from "./fs-store";
export type { VirtualBoardOptions } from "./host";
export type { BoardFileAccess } from "./file-access";
export { FileAccessError } from "./file-access";

/** A virtual board whose worker is a Node worker_thread: for tests, the bench and CLI tools. Memory store by default. */
export async function createNodeVirtualBoard(
  options: VirtualBoardOptions = {},
): Promise<ByteTransport & { hardStop(): Promise<void>; hardware: VirtualHardware; files: BoardFileAccess }> {
  return VirtualBoardHost.create(({ onMessage, onError }) => {
    const worker = new Worker(new URL("./node-worker-bootstrap.mjs", import.meta.url));
    worker.on("message", (m: WorkerMessage) => onMessage(m));
    worker.on("error", onError);
    worker.on("exit", (code) => onError(new Error(`worker exited with code ${code}`)));
    return { postMessage: (m) => worker.postMessage(m), terminate: () => worker.terminate() };
  }, options);
}

/**
 * The network tunnel of a Mote server running at `serverUrl` (e.g. http://127.0.0.1:4321/), reached with the `ws`
 * package and the Origin a page of that server would send, so the real tunnel's checks apply as in the browser.
 */
export function nodeNetOptions(serverUrl: string): NetOptions {
  const base = new URL(serverUrl);
  const url = new URL("/api/net/tcp", base);
  url.protocol = "ws:";
  return {
    url: url.href,
    createSocket: (u) => new WebSocket(u, { origin: base.origin }) as unknown as WebSocketLike,
  };
}
