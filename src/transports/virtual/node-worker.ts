// Node adapter: the board runtime in a worker_thread (tests, bench). Loaded through node-worker-bootstrap.mjs.
import { parentPort } from "node:worker_threads";
import { loadMicroPython } from "@micropython/micropython-webassembly-pyscript";
import { workerEntry } from "./runtime";
import type { HostMessage, WorkerMessage } from "./shared";

const port = parentPort;
if (!port) throw new Error("node-worker.ts must run in a worker_thread");

const entry = workerEntry({
  post: (m: WorkerMessage) => port.postMessage(m),
  load: (options) => loadMicroPython(options),
});
port.on("message", (m: HostMessage) => entry(m));
