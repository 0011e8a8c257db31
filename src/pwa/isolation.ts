// How the service worker hands out a cached response. Two things must hold for what it returns:
//
// 1. The page stays cross-origin isolated: the virtual board waits on a SharedArrayBuffer, which exists only under
//    COOP + COEP. The server sends these headers on every response and the Cache API keeps them, so a cached response
//    normally has them; any that a cache, a proxy or an older server left out are put back.
// 2. A worker sees its own URL: a worker's `self.location` is the URL of the response that started it, and a cached
//    response carries the URL it was cached under (Workbox adds ?__WB_REVISION__=...). The Pyright host reads its
//    engine from `?engine=` in its own URL, so it would lose it. A copy has no URL of its own, so the worker gets the
//    URL it asked for.
//
// No DOM, no workbox: unit-tested in Node.

/** Headers a copied body must not keep: the cached body is already decoded, and its length may differ. */
const BODY_HEADERS = ["content-encoding", "content-length"];

/**
 * The cached response itself when it has every one of `required` and was cached under the URL being asked for (no
 * copy), else a copy with the missing headers added. Present headers are never overwritten: the server's value wins.
 */
export function responseForRequest(response: Response, required: Readonly<Record<string, string>>, requestUrl?: string): Response {
  // Opaque and error responses cannot be rebuilt (and are never precached).
  if (response.type === "opaque" || response.type === "error") return response;
  const missing = Object.entries(required).filter(([name]) => !response.headers.has(name));
  const urlDiffers = requestUrl !== undefined && response.url !== "" && response.url !== requestUrl;
  if (missing.length === 0 && !urlDiffers) return response;
  const headers = new Headers(response.headers);
  for (const name of BODY_HEADERS) headers.delete(name);
  for (const [name, value] of missing) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
