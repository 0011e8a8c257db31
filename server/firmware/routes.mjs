// /api/firmware/*: micropython.org's board index, a board's list of firmware files, and the files themselves, fetched
// through the guarded upstream and kept in the disk cache. The browser cannot fetch these itself (no CORS headers).
//
//   GET /api/firmware/index        index.json as micropython.org publishes it (an array of board.json objects)
//   GET /api/firmware/board/:id    { id, page, files: [absolute URLs under /resources/firmware/] } from the board's
//                                  download page, the only place micropython.org lists a board's files
//   GET /api/firmware/file?url=    the file's bytes
//
// Every answer carries X-Mote-Sha256 (of the body sent) and, when it came from disk, X-Mote-Cache, X-Mote-Cached-At
// and Age. Errors are JSON { error, hint } for the flashing dialog to show as they are.
import { readCacheEntry, sha256Hex, writeCacheEntry, defaultCacheDir } from "./cache.mjs";
import { boardPageUrl, checkUpstreamUrl, INDEX_URL, RefusedUrl } from "./policy.mjs";
import { defaultFetch, defaultLookup, guardedFetch, UpstreamError } from "./upstream.mjs";

/**
 * @typedef {import("node:http").IncomingMessage} Req
 * @typedef {import("node:http").ServerResponse} Res
 * @typedef {import("./upstream.mjs").UpstreamFetch} UpstreamFetch
 * @typedef {import("./upstream.mjs").Lookup} Lookup
 * @typedef {import("./upstream.mjs").Timeouts} Timeouts
 * @typedef {import("./cache.mjs").CacheEntry} CacheEntry
 * @typedef {{ fetch?: UpstreamFetch, lookup?: Lookup, cacheDir?: string, now?: () => Date, offline?: boolean,
 *             maxBytes?: number, timeouts?: Timeouts, listMaxAgeMs?: number }} FirmwareRouteOptions
 */

const INDEX_RULES = { pathPrefix: "/resources/boards/", pathPattern: /^\/resources\/boards\/index\.json$/ };
const PAGE_RULES = { pathPrefix: "/download/", pathPattern: /^\/download\/[A-Za-z0-9_-]+\/?$/ };
const BOARD_ID = /^[A-Za-z0-9_-]{1,64}$/;
const LOCAL_FILE_HINT = "You can pick a local .bin/.uf2/.dfu/.hex file instead.";

/** @param {NodeJS.ProcessEnv} [env] @returns {FirmwareRouteOptions} */
export function firmwareOptionsFromEnv(env = process.env) {
  // MOTE_FIRMWARE_OFFLINE=1 never touches the network: e2e runs serve a seeded cache and nothing else.
  return { cacheDir: defaultCacheDir(env), offline: env.MOTE_FIRMWARE_OFFLINE === "1" };
}

/** @param {FirmwareRouteOptions} [options] */
export function createFirmwareRoutes(options = {}) {
  const fetch = options.fetch ?? defaultFetch;
  const lookup = options.lookup ?? defaultLookup;
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const now = options.now ?? (() => new Date());
  // Lists change when a release or nightly lands; files never change under their dated names.
  const listMaxAgeMs = options.listMaxAgeMs ?? 10 * 60 * 1000;
  /** @type {Map<string, Promise<{ entry: CacheEntry, state: string, upstreamError?: string }>>} */
  const inflight = new Map();

  /**
   * @param {string} url
   * @param {{ rules?: Parameters<typeof checkUpstreamUrl>[1], cacheFirst: boolean, validate?: (body: Buffer) => void }} how
   */
  function obtain(url, how) {
    const running = inflight.get(url);
    if (running) return running;
    const job = obtainOnce(url, how).finally(() => inflight.delete(url));
    inflight.set(url, job);
    return job;
  }

  /**
   * @param {string} url
   * @param {{ rules?: Parameters<typeof checkUpstreamUrl>[1], cacheFirst: boolean, validate?: (body: Buffer) => void }} how
   * @returns {Promise<{ entry: CacheEntry, state: string, upstreamError?: string }>}
   */
  async function obtainOnce(url, how) {
    const cached = await readCacheEntry(cacheDir, url);
    if (cached && (options.offline || how.cacheFirst || ageMs(cached) < listMaxAgeMs)) return { entry: cached, state: "hit" };
    if (options.offline) {
      throw new UpstreamError(502, "Mote is running offline (MOTE_FIRMWARE_OFFLINE) and has no copy of this.", LOCAL_FILE_HINT);
    }
    try {
      const fetched = await guardedFetch(url, { fetch, lookup, rules: how.rules, maxBytes: options.maxBytes, timeouts: options.timeouts });
      how.validate?.(fetched.body);
      /** @type {CacheEntry} */
      let entry;
      try {
        const meta = await writeCacheEntry(cacheDir, url, fetched.body, { contentType: fetched.contentType, fetchedAt: now() });
        entry = { meta, body: fetched.body };
      } catch (error) {
        // A full or read-only disk costs the cache, not the download.
        console.warn(`[mote] could not cache ${url}:`, error);
        const meta = { url, size: fetched.body.length, sha256: sha256Hex(fetched.body), fetchedAt: now().toISOString(), contentType: fetched.contentType };
        entry = { meta, body: fetched.body };
      }
      return { entry, state: "miss" };
    } catch (error) {
      if (cached && !(error instanceof RefusedUrl)) {
        return { entry: cached, state: "stale", upstreamError: error instanceof Error ? error.message : String(error) };
      }
      throw error;
    }
  }

  /** @param {CacheEntry} entry */
  function ageMs(entry) {
    return Math.max(0, now().getTime() - Date.parse(entry.meta.fetchedAt));
  }

  /**
   * @param {Res} res @param {Buffer} body @param {string} contentType
   * @param {{ entry: CacheEntry, state: string, upstreamError?: string }} got
   */
  function send(res, body, contentType, got) {
    /** @type {Record<string, string | number>} */
    const headers = {
      "Content-Type": contentType,
      "Content-Length": body.length,
      "Cache-Control": "no-store",
      "X-Mote-Sha256": sha256Hex(body),
      "X-Mote-Cache": got.state,
    };
    if (got.state !== "miss") {
      headers["X-Mote-Cached-At"] = got.entry.meta.fetchedAt;
      headers["Age"] = Math.floor(ageMs(got.entry) / 1000);
    }
    // Header values must be plain ASCII; the message is only a diagnostic.
    if (got.upstreamError) headers["X-Mote-Upstream-Error"] = got.upstreamError.replace(/[^\x20-\x7e]/g, "?").slice(0, 200);
    res.writeHead(200, headers);
    res.end(body);
  }

  /** @param {Res} res @param {unknown} error @param {string} what */
  function fail(res, error, what) {
    if (error instanceof RefusedUrl) return sendError(res, 400, error.message, error.hint);
    if (error instanceof UpstreamError) {
      const hint = error.status === 502 || error.status === 504 ? `${error.hint} ${what}`.trim() : error.hint;
      return sendError(res, error.status, error.message, hint);
    }
    throw error;
  }

  /** @type {import("../router.mjs").Handler} */
  async function index(_req, res) {
    try {
      const got = await obtain(INDEX_URL, { rules: INDEX_RULES, cacheFirst: false, validate: validateIndex });
      send(res, got.entry.body, "application/json; charset=utf-8", got);
    } catch (error) {
      fail(res, error, "Without the list you can still flash a local .bin/.uf2/.dfu/.hex file.");
    }
  }

  /** @type {import("../router.mjs").Handler} */
  async function board(_req, res, params) {
    const id = params.id ?? "";
    if (!BOARD_ID.test(id)) return sendError(res, 400, "That is not a MicroPython board id.", "Pick a board from the list.");
    const page = boardPageUrl(id);
    try {
      const got = await obtain(page, { rules: PAGE_RULES, cacheFirst: false, validate: validatePage });
      const body = Buffer.from(JSON.stringify({ id, page, files: extractFirmwareLinks(got.entry.body.toString("utf8"), page) }));
      send(res, body, "application/json; charset=utf-8", got);
    } catch (error) {
      fail(res, error, LOCAL_FILE_HINT);
    }
  }

  /** @type {import("../router.mjs").Handler} */
  async function file(req, res) {
    const params = new URL(req.url ?? "/", "http://localhost").searchParams;
    const urls = params.getAll("url");
    if (urls.length !== 1 || [...params.keys()].some((k) => k !== "url")) {
      return sendError(res, 400, "Give exactly one firmware URL as ?url=.", LOCAL_FILE_HINT);
    }
    try {
      const url = checkUpstreamUrl(urls[0]).href;
      const got = await obtain(url, { cacheFirst: true });
      send(res, got.entry.body, "application/octet-stream", got);
    } catch (error) {
      fail(res, error, LOCAL_FILE_HINT);
    }
  }

  return {
    cacheDir,
    handlers: { index, board, file },
    /** @param {ReturnType<typeof import("../router.mjs").createRouter>} router */
    register(router) {
      router.get("/api/firmware/index", index);
      router.get("/api/firmware/board/:id", board);
      router.get("/api/firmware/file", file);
    },
  };
}

/** @param {Res} res @param {number} status @param {string} error @param {string} hint */
function sendError(res, status, error, hint) {
  const body = Buffer.from(JSON.stringify({ error, hint }));
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": body.length,
    "Cache-Control": "no-store",
    "X-Mote-Sha256": sha256Hex(body),
  });
  res.end(body);
}

/** A captive portal's login page is not a board index: refuse it so the cached copy is served instead. */
function validateIndex(/** @type {Buffer} */ body) {
  /** @type {unknown} */
  let parsed;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw new UpstreamError(502, "micropython.org sent a board index that is not JSON.");
  }
  const list = Array.isArray(parsed) ? parsed : /** @type {{ boards?: unknown }} */ (parsed)?.boards;
  if (!Array.isArray(list)) throw new UpstreamError(502, "micropython.org sent a board index without a list of boards.");
}

function validatePage(/** @type {Buffer} */ body) {
  if (!/<html|<a\s/i.test(body.subarray(0, 65536).toString("utf8"))) {
    throw new UpstreamError(502, "micropython.org sent a download page that is not HTML.");
  }
}

/**
 * The firmware links of a board's download page, in page order (newest release first there), without duplicates.
 * A regex rather than an HTML parser: we only need href values, and each one is re-checked against the allowlist.
 * @param {string} html @param {string} pageUrl
 */
export function extractFirmwareLinks(html, pageUrl) {
  /** @type {string[]} */
  const files = [];
  for (const match of html.matchAll(/href\s*=\s*["']([^"'<>\s]+)["']/gi)) {
    /** @type {string} */
    let absolute;
    try {
      absolute = new URL(match[1].replace(/&amp;/g, "&"), pageUrl).href;
      checkUpstreamUrl(absolute, { pathPrefix: "/resources/firmware/" });
    } catch {
      continue;
    }
    if (!files.includes(absolute)) files.push(absolute);
  }
  return files;
}
