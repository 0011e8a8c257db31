// Which requests the service worker may answer. Shared by the worker and its tests; no DOM, no workbox.

/**
 * The server's API (firmware proxy today, more later): always the network, never a cached answer. sw.ts keeps it out
 * of the shell's navigation route; no other route can match it (the precache holds only files of the build).
 */
export const API_PATH = /^\/api(?:\/|$)/;

/** Query parameters that do not change which file is served, so the precached copy still answers. */
export const IGNORED_QUERY_PARAMS = [
  // public/workers/pyright-host.js?engine=/assets/pyright.worker-HASH.js: the host is one file whatever it hosts.
  /^engine$/,
];
