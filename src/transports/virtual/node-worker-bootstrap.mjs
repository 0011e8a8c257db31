// worker_threads cannot load TypeScript by itself: register tsx's loader in this thread, then load the adapter.
import { register } from "tsx/esm/api";

register();
await import("./node-worker.ts");
