// /api/mip/fetch?url=: one file of a package index (index.json, a package's JSON, a package file) or of a GitHub
// package, fetched through the guarded upstream. The browser cannot fetch these itself (CSP connect-src 'self', and
// the index sends no CORS headers). Nothing is cached: package files are small, and the page verifies every one
// against the index's sha256 before anything reaches the board.
//
// Answers are application/octet-stream whatever the upstream said, so nothing fetched is ever rendered as a page of
// this origin. Errors are JSON { error, hint } with 400 (refused), 404 (no such file), 413 (too big), 502 (the
// upstream failed) or 504 (timed out).
import { sha256Hex } from "../firmware/cache.mjs";
import { defaultFetch, defaultLookup, FetchError, guardedMipFetch } from "./fetch.mjs";
import { allowedPrefixes, MIP_INDEXES_ENV, RefusedUrl } from "./policy.mjs";

/**
 * @typedef {import("./fetch.mjs").UpstreamFetch} UpstreamFetch
 * @typedef {import("./fetch.mjs").Lookup} Lookup
 * @typedef {import("./fetch.mjs").Timeouts} Timeouts
 * @typedef {{ listed?: string, fetch?: UpstreamFetch, lookup?: Lookup, maxBytes?: number, timeouts?: Timeouts }} MipRouteOptions
 */

/** @param {NodeJS.ProcessEnv} [env] @returns {MipRouteOptions} */
export function mipOptionsFromEnv(env = process.env) {
  return { listed: env[MIP_INDEXES_ENV] };
}

/** @param {MipRouteOptions} [options] */
export function createMipRoutes(options = {}) {
  const { prefixes, problems } = allowedPrefixes(options.listed);
  for (const problem of problems) console.warn(`[mote] ${MIP_INDEXES_ENV}: ignoring ${problem}`);
  const fetch = options.fetch ?? defaultFetch;
  const lookup = options.lookup ?? defaultLookup;

  /** @type {import("../router.mjs").Handler} */
  async function fetchRoute(req, res) {
    const params = new URL(req.url ?? "/", "http://localhost").searchParams;
    const urls = params.getAll("url");
    if (urls.length !== 1 || [...params.keys()].some((k) => k !== "url")) {
      return sendError(res, 400, "Give exactly one package URL as ?url=.", "This is Mote's own API; the Packages dialog uses it.");
    }
    try {
      const got = await guardedMipFetch(urls[0], { prefixes, fetch, lookup, maxBytes: options.maxBytes, timeouts: options.timeouts });
      res.writeHead(200, {
        "Content-Type": "application/octet-stream",
        "Content-Length": got.body.length,
        "Cache-Control": "no-store",
        "X-Mote-Sha256": sha256Hex(got.body),
      });
      res.end(got.body);
    } catch (error) {
      if (error instanceof RefusedUrl) return sendError(res, 400, error.message, error.hint);
      if (error instanceof FetchError) return sendError(res, error.status, error.message, error.hint, error.upstreamStatus);
      throw error;
    }
  }

  return {
    prefixes,
    /** @param {ReturnType<typeof import("../router.mjs").createRouter>} router */
    register(router) {
      router.get("/api/mip/fetch", fetchRoute);
    },
  };
}

/**
 * @param {import("node:http").ServerResponse} res @param {number} status @param {string} error @param {string} hint
 * @param {number} [upstreamStatus]
 */
function sendError(res, status, error, hint, upstreamStatus) {
  const body = Buffer.from(JSON.stringify({ error, hint, ...(upstreamStatus ? { upstreamStatus } : {}) }));
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": body.length, "Cache-Control": "no-store" });
  res.end(body);
}
