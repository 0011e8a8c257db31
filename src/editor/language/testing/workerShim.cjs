// TEST DOUBLE of a browser dedicated-worker global, on a Node worker thread, so the browser build of Pyright
// (pyright.worker.js, exactly the file the app ships) can run under Vitest. Provides what that bundle touches:
// self, self.name, self.location, message events (addEventListener and onmessage), postMessage, and a Worker
// constructor for the nested background worker it starts from its own URL.
const { parentPort, workerData, Worker: NodeWorker } = require("node:worker_threads");

const listeners = [];
globalThis.self = globalThis;
self.name = workerData.name;
self.location = { href: workerData.script, toString: () => workerData.script };
self.addEventListener = (type, fn) => {
  if (type === "message") listeners.push(fn);
};
self.removeEventListener = () => undefined;
self.postMessage = (message, transfer) => parentPort.postMessage(message, transfer);
parentPort.on("message", (data) => {
  // As in a browser, a handler assigned while this message is being dispatched does not see this message.
  const handler = self.onmessage;
  for (const l of [...listeners]) l({ data });
  if (typeof handler === "function") handler({ data });
});

globalThis.Worker = class {
  constructor(script, options) {
    this.thread = new NodeWorker(__filename, { workerData: { script: String(script), name: options?.name ?? "worker" } });
  }
  postMessage(message, transfer) {
    this.thread.postMessage(message, transfer);
  }
  addEventListener(type, fn) {
    if (type === "message") this.thread.on("message", (data) => fn({ data }));
  }
  terminate() {
    void this.thread.terminate();
  }
};

require(workerData.script);
