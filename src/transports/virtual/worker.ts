// Browser adapter: the board runtime in a module Worker. The page must be cross-origin isolated (SharedArrayBuffer).
// Needs `worker: { format: "es" }` in vite.config.ts (the port's loader uses top-level await).
import { loadMicroPython } from "@micropython/micropython-webassembly-pyscript";
import wasmUrl from "@micropython/micropython-webassembly-pyscript/micropython.wasm?url";
import { workerEntry } from "./runtime";
import type { HostMessage, WorkerMessage } from "./shared";

interface WorkerScope {
  postMessage(message: WorkerMessage): void;
  onmessage: ((event: MessageEvent<HostMessage>) => void) | null;
}
const scope = self as unknown as WorkerScope;

const entry = workerEntry({
  post: (m: WorkerMessage) => scope.postMessage(m),
  // A bundled loader no longer sits next to its .wasm, so its own `new URL("micropython.wasm", import.meta.url)`
  // would 404: hand it the URL Vite gives the asset.
  load: (options) => loadMicroPython({ ...options, url: wasmUrl }),
});
scope.onmessage = (event) => entry(event.data);
