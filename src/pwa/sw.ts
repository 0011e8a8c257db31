/// <reference lib="webworker" />
// Mote's service worker (built by vite-plugin-pwa from this file; see plugin.ts). It precaches every file of the build
// on install, answers from that cache (so Mote opens and the virtual board runs with no network), and serves the app
// shell for navigations. The API is never answered from here. A new build installs beside the old one and waits until
// the person presses Reload in the "new version" notice (src/pwa/register.ts), then replaces the old cache.
import { addPlugins, cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";
import { SECURITY_HEADERS } from "../../server/headers.mjs";
import { responseForRequest } from "./isolation";
import { API_PATH, IGNORED_QUERY_PARAMS } from "./routes";

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

addPlugins([
  {
    // Every answer from the cache carries the server's headers (COOP/COEP keep the page isolated, the CSP stays on)
    // and, for a worker, the URL it was asked by (see isolation.ts).
    cachedResponseWillBeUsed: async ({ cachedResponse, event }) =>
      cachedResponse
        ? responseForRequest(cachedResponse, SECURITY_HEADERS, (event as FetchEvent | undefined)?.request?.url)
        : cachedResponse,
  },
]);

precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: IGNORED_QUERY_PARAMS });
// Caches left by an older Workbox precache format; entries of the previous build are removed on activate anyway.
cleanupOutdatedCaches();

registerRoute(new NavigationRoute(createHandlerBoundToURL("index.html"), { denylist: [API_PATH] }));

self.addEventListener("message", (event) => {
  // Sent by workbox-window when the person presses Reload in the "new version" notice.
  if ((event.data as { type?: unknown } | null)?.type === "SKIP_WAITING") void self.skipWaiting();
});
