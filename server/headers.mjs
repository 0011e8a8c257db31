// Security headers sent on every response the Mote server makes (and by `vite preview`).

/**
 * Content-Security-Policy, one directive per entry so a change shows up as a one-line diff.
 * Anything looser than `'self'` carries its reason.
 */
export const CSP_DIRECTIVES = [
  "default-src 'self'",
  // MicroPython's WebAssembly module must be compiled; 'wasm-unsafe-eval' allows that and nothing else (no JS eval).
  "script-src 'self' 'wasm-unsafe-eval'",
  // Vite may emit a worker as a blob: URL when it inlines one; Monaco's and the virtual board's workers are files.
  // This also covers the offline service worker (/sw.js), which is a file of this origin.
  "worker-src 'self' blob:",
  // The web manifest that makes Mote installable (/manifest.webmanifest).
  "manifest-src 'self'",
  // Monaco and xterm inject <style> elements and style attributes at run time.
  "style-src 'self' 'unsafe-inline'",
  // Vite inlines small images and fonts (Monaco's codicons among them) as data: URLs.
  "img-src 'self' data:",
  "font-src 'self' data:",
  // The firmware proxy lives on this same origin (/api/firmware/*), so the page never fetches from third parties.
  // ws: and wss: (any host, no http) are for WebREPL: boards live on the LAN at addresses only the person knows.
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
];

export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.join("; ");

/**
 * COOP + COEP make the page cross-origin isolated, which is what unlocks SharedArrayBuffer
 * for the virtual board (MicroPython WASM in a Worker). Kept separate because the Vite dev
 * server needs these two but cannot take the CSP (its React refresh preamble is an inline script).
 */
export const ISOLATION_HEADERS = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export const SECURITY_HEADERS = {
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  ...ISOLATION_HEADERS,
  // Nothing we serve is meant to be embedded by other origins.
  "Cross-Origin-Resource-Policy": "same-origin",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  // Web Serial and WebUSB are the point of the app; everything else a page could ask for is refused.
  "Permissions-Policy": "serial=(self), usb=(self), camera=(), microphone=(), geolocation=()",
};
