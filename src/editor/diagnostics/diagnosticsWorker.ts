// The diagnostics worker: MicroPython's compiler and Ruff, both loaded on the first request, Ruff after the
// compiler's first answer. Created by diagnostics.ts with `new Worker(new URL(...), { type: "module" })`.
import ruffInit from "@astral-sh/ruff-wasm-web";
import ruffWasmUrl from "@astral-sh/ruff-wasm-web/ruff_wasm_bg.wasm?url";
import { loadMicroPython } from "@micropython/micropython-webassembly-pyscript";
import micropythonWasmUrl from "@micropython/micropython-webassembly-pyscript/micropython.wasm?url";
import type { CompilerVm } from "./compilerCheck";
import { DiagnosticsEngine } from "./engine";
import { diagnosticsHandler } from "./workerProtocol";
import type { DiagnosticsReply, DiagnosticsRequest } from "./types";

interface WorkerScope {
  postMessage(message: DiagnosticsReply): void;
  onmessage: ((event: MessageEvent<DiagnosticsRequest>) => void) | null;
}
const scope = self as unknown as WorkerScope;

const engine = new DiagnosticsEngine({
  // Bundled, the loader no longer sits beside its .wasm: hand it the URL Vite gives the asset (as the board does).
  compiler: async () =>
    (await loadMicroPython({ url: micropythonWasmUrl, heapsize: 8 * 1024 * 1024 })) as unknown as CompilerVm,
  ruff: async () => {
    await ruffInit({ module_or_path: ruffWasmUrl });
  },
});

const handle = diagnosticsHandler(engine, (reply) => scope.postMessage(reply));
scope.onmessage = (event) => handle(event.data);
