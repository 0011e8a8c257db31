import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { ISOLATION_HEADERS, SECURITY_HEADERS } from "./server/headers.mjs";
import { attachNetTunnel, netOptionsFromEnv } from "./server/net/tunnel.mjs";
import { motePwa } from "./src/pwa/plugin";

/*
 * Monaco, the way Mote loads it (monaco-editor 0.57; its package.json maps "monaco-editor/*" to esm/vs/*.js,
 * so do NOT write "monaco-editor/esm/vs/..." — that resolves to esm/vs/esm/vs/... and fails):
 *
 *   // src/editor/...: always behind a dynamic import, so Monaco never lands in the first chunk.
 *   export async function loadMonaco() {
 *     const [monaco, { default: EditorWorker }] = await Promise.all([
 *       import("monaco-editor/editor/editor.api"),               // core API only: no languages, no TS/CSS/HTML/JSON workers
 *       import("monaco-editor/editor/editor.worker?worker"),     // the one generic editor worker (diffs, word completions, links)
 *       import("monaco-editor/features/register.all"),           // find, suggest, hover, folding, ... (or pick from features/<name>/register)
 *       import("monaco-editor/languages/definitions/python/register"), // Python Monarch tokenizer
 *     ]);
 *     self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
 *     return monaco;
 *   }
 *
 * Never import "monaco-editor" itself or "monaco-editor/editor/editor.main": both pull in every language and the
 * TypeScript/CSS/HTML/JSON language services. `import type * as Monaco from "monaco-editor/editor/editor.api"` is fine
 * (erased). The monacoStaysLazy() plugin below fails the build if Monaco becomes reachable from the entry statically.
 */

export default defineConfig({
  // motePwa(): the web manifest and the offline service worker (src/pwa), built only by `vite build`.
  plugins: [react(), monacoStaysLazy(), netTunnel(), motePwa()],
  server: {
    // Cross-origin isolation (SharedArrayBuffer for the virtual board) must hold in dev too.
    // No CSP here: Vite's dev client and React refresh preamble are inline scripts.
    headers: { ...ISOLATION_HEADERS },
    port: 5173,
  },
  // `vite preview` gets exactly what server/main.mjs sends, CSP included, so the build can be checked either way.
  preview: { headers: { ...SECURITY_HEADERS } },
  worker: { format: "es" },
  optimizeDeps: {
    // Pre-bundling would move micropython.mjs away from micropython.wasm and break its `new URL(..., import.meta.url)`.
    // In production builds that bare `new URL("micropython.wasm", ...)` is not picked up either (the .wasm 404s), so
    // pass it explicitly: `import wasmUrl from "@micropython/micropython-webassembly-pyscript/micropython.wasm?url"`
    // then `loadMicroPython({ url: wasmUrl, ... })` — checked in Chromium inside a Worker under the production CSP.
    exclude: ["@micropython/micropython-webassembly-pyscript"],
  },
  build: {
    target: "es2022",
    // Monaco's chunks are large by nature (the biggest ~2.4 MB, 600 kB gzipped) and load lazily; warn beyond that.
    chunkSizeWarningLimit: 3000,
    // No manual chunk groups on purpose: a "monaco" group also captures what Monaco depends on, including Vite's
    // preload helper, which the entry then imports statically — dragging all of Monaco into the first load.
    // Plain dynamic import() already splits Monaco off; monacoStaysLazy() keeps it that way.
  },
});

/** Fails the build when an entry chunk statically imports (directly or transitively) any Monaco module. */
function monacoStaysLazy(): Plugin {
  return {
    name: "mote:monaco-stays-lazy",
    apply: "build",
    generateBundle(_options, bundle) {
      const chunks = new Map(
        Object.values(bundle).flatMap((item) => (item.type === "chunk" ? [[item.fileName, item] as const] : [])),
      );
      for (const entry of chunks.values()) {
        if (!entry.isEntry) continue;
        const seen = new Set<string>();
        const stack = [entry.fileName];
        while (stack.length > 0) {
          const chunk = chunks.get(stack.pop()!);
          if (!chunk || seen.has(chunk.fileName)) continue;
          seen.add(chunk.fileName);
          const monacoModule = chunk.moduleIds.find((id) => /[\\/]node_modules[\\/]monaco-editor[\\/]/.test(id));
          if (monacoModule) {
            this.error(
              `Monaco is loaded eagerly: ${monacoModule} is reachable from entry ${entry.fileName} ` +
                `through static imports (via ${chunk.fileName}). Load it with await import(...); see vite.config.ts.`,
            );
          }
          stack.push(...chunk.imports);
        }
      }
    },
  };
}

/** The virtual board's network tunnel (server/net/tunnel.mjs) on the dev and preview servers too, same rules. */
function netTunnel(): Plugin {
  const attach = (httpServer: unknown) => {
    if (httpServer) attachNetTunnel(httpServer as Parameters<typeof attachNetTunnel>[0], netOptionsFromEnv());
  };
  return {
    name: "mote:net-tunnel",
    configureServer: (server) => attach(server.httpServer),
    configurePreviewServer: (server) => attach(server.httpServer),
  };
}
