// Build-time only (imported by vite.config.ts): vite-plugin-pwa writes the web manifest and builds src/pwa/sw.ts with
// the list of every file of the build injected, so the service worker can precache the whole app on the first visit.
import { VitePWA } from "vite-plugin-pwa";

/** The dark palette's background and panel (src/ui/app.css): what the OS shows around an installed window. */
const DARK_BG = "#0e1217";

export function motePwa() {
  return VitePWA({
    strategies: "injectManifest",
    srcDir: "src/pwa",
    filename: "sw.ts",
    // Registered by src/pwa/register.ts, which also shows "new version ready"; nothing injected into the page.
    injectRegister: false,
    // No service worker under `npm run dev`: it would serve stale modules over Vite's hot reload.
    devOptions: { enabled: false },
    manifest: {
      id: "/",
      name: "Mote — MicroPython IDE",
      short_name: "Mote",
      description: "Write Python in the browser and run it on a MicroPython board, or on the virtual board offline.",
      start_url: "/",
      scope: "/",
      display: "standalone",
      background_color: DARK_BG,
      theme_color: DARK_BG,
      categories: ["developer", "education", "productivity"],
      icons: [
        { src: "/icons/mote.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
        { src: "/icons/mote-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
        { src: "/icons/mote-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
        { src: "/icons/mote-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      ],
    },
    injectManifest: {
      // Everything the build emits: the shell, Monaco, the virtual board's WASM, Pyright, MicroPython's compiler and
      // Ruff (11 MB of WASM, the largest file), the flashers' chip stubs and the icons. Offline means all of it.
      globPatterns: ["**/*.{html,js,mjs,css,wasm,ttf,woff2,svg,png,ico,webmanifest}"],
      maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
      // The API is not in dist/, so no /api/ URL can become a precache key; sw.ts never routes /api/ either.
    },
  });
}
