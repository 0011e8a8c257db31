// Runs the browser build of Pyright (the very pyright.worker.js the app ships) on a Node worker thread behind the
// workerShim TEST DOUBLE, with the client options the app uses (pyrightWorker.clientOptions). Test-only.
import { resolve } from "node:path";
import { Worker } from "node:worker_threads";
import { AbstractMessageReader, AbstractMessageWriter, createMessageConnection, type DataCallback, type Message } from "vscode-jsonrpc/node";
import { LanguageClient } from "../client";
import { clientOptions } from "../clientOptions";
import type { PyrightHarness } from "./nodePyright";
import { diagnosticsWaiter } from "./nodePyright";

export async function startBrowserPyright(board: Record<string, string> = {}): Promise<PyrightHarness> {
  const thread = new Worker(resolve("src/editor/language/testing/workerShim.cjs"), {
    workerData: { script: resolve("node_modules/@typefox/pyright-browser/dist/pyright.worker.js"), name: "Pyright" },
    // The server logs to the console; the messages that matter come over LSP.
    stdout: true,
    stderr: true,
  });
  class Reader extends AbstractMessageReader {
    listen(callback: DataCallback) {
      const on = (m: Message) => callback(m);
      thread.on("message", on);
      return { dispose: () => void thread.off("message", on) };
    }
  }
  class Writer extends AbstractMessageWriter {
    async write(message: Message) {
      thread.postMessage(message);
    }
    end() {}
  }
  thread.postMessage({ type: "browser/boot", mode: "foreground" });
  const connection = createMessageConnection(new Reader(), new Writer());
  const client = new LanguageClient(connection, clientOptions(board));
  await client.initialize();
  const wait = diagnosticsWaiter(client);
  return {
    client,
    write: (path, text) => client.update(path, text),
    diagnostics: wait,
    async stop() {
      client.dispose();
      await thread.terminate();
    },
  };
}
