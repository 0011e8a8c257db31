// Loads the real MicroPython and Ruff WASM modules in Node, from node_modules, for the tests and the bench.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { initSync } from "@astral-sh/ruff-wasm-web";
import { loadMicroPython } from "@micropython/micropython-webassembly-pyscript";
import type { CompilerVm } from "../compilerCheck";
import type { EngineLoaders } from "../engine";

const require = createRequire(import.meta.url);

let ruffReady = false;
let vm: Promise<CompilerVm> | undefined;

export const nodeLoaders: EngineLoaders = {
  // One MicroPython per JS realm, shared by every engine a test file makes: the port keeps its proxy tables on
  // globalThis, so a second instance would silently take over the first one's function proxies.
  compiler: () => (vm ??= loadMicroPython({ heapsize: COMPILER_HEAP_BYTES }) as unknown as Promise<CompilerVm>),
  ruff: async () => {
    if (ruffReady) return;
    initSync({ module: readFileSync(require.resolve("@astral-sh/ruff-wasm-web/ruff_wasm_bg.wasm")) });
    ruffReady = true;
  },
};

/** Room for the parse tree of a few-thousand-line file; compiling never runs the code, so nothing else needs it. */
export const COMPILER_HEAP_BYTES = 8 * 1024 * 1024;
