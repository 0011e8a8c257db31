// Starts the browser build of Pyright (@typefox/pyright-browser: the micro:bit Foundation's fork, the engine the
// micro:bit Python editor runs) in a Web Worker. This module is only reached through a dynamic import, so the worker
// script and the stub texts stay out of the app shell and out of Monaco's chunk.
//
// Facts about the build this relies on: a classic (non-module) worker that waits for {type: "browser/boot", mode:
// "foreground"} and then speaks LSP JSON-RPC over postMessage; it starts its own background analysis worker from its
// own URL; `initializationOptions.files` (absolute path -> text) fills its in-memory file system; and
// `pyright/createFiles` / `pyright/deleteFile` notifications add and remove files there later.
import workerUrl from "@typefox/pyright-browser/dist/pyright.worker.js?url";
// Plain JSON-RPC (method names as strings): the full protocol package would add ~14 KB gzipped for nothing.
import { BrowserMessageReader, BrowserMessageWriter, createMessageConnection } from "vscode-jsonrpc/browser";
import { LanguageClient } from "./client";
import { clientOptions } from "./clientOptions";

export interface PyrightWorker {
  /** Initialised: documents may be opened and requests sent. */
  client: LanguageClient;
  /** Resolves after a warm-up completion (builtins and the common stubs parsed); rejects if the worker dies. */
  ready: Promise<void>;
  dispose(): void;
}

/** Resolves once the server has answered `initialize`, so nothing reaches it before that. */
export async function startPyrightWorker(boardStubs: Record<string, string> = {}): Promise<PyrightWorker> {
  // public/workers/pyright-host.js loads the engine with its chatty console quieted (a same-site script, as the CSP
  // allows; a blob: wrapper would not be).
  const worker = new Worker(`${import.meta.env.BASE_URL}workers/pyright-host.js?engine=${encodeURIComponent(workerUrl)}`, {
    name: "Pyright",
  });
  let failed: (err: Error) => void = () => undefined;
  const failure = new Promise<never>((_, reject) => (failed = reject));
  failure.catch(() => undefined);
  worker.addEventListener("error", (e) => failed(new Error(`The Python language worker failed: ${e.message || "load error"}`)));
  worker.postMessage({ type: "browser/boot", mode: "foreground" });
  const connection = createMessageConnection(new BrowserMessageReader(worker), new BrowserMessageWriter(worker));
  const client = new LanguageClient(connection, clientOptions(boardStubs));
  const dispose = () => {
    client.dispose();
    worker.terminate();
  };
  try {
    await Promise.race([client.initialize(), failure]);
  } catch (err) {
    dispose();
    throw err;
  }
  return { client, ready: Promise.race([client.warmUp(), failure]), dispose };
}
