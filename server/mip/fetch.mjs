// One guarded fetch for the package proxy: the allowlist on every hop, DNS answers checked and the connection pinned
// to the checked address, manual redirects (at most 3, each re-checked), a size cap on Content-Length and again while
// reading, and timeouts for the response headers, for silence mid-body and for the whole transfer.
import { abortable, defaultLookup, pinnedFetch, readCapped } from "../pinnedFetch.mjs";
import { checkMipUrl, RefusedUrl, resolveFor } from "./policy.mjs";

/**
 * @typedef {import("./policy.mjs").Prefix} Prefix
 * @typedef {import("../pinnedFetch.mjs").Address} Address
 * @typedef {import("../pinnedFetch.mjs").Lookup} Lookup
 * @typedef {import("../pinnedFetch.mjs").UpstreamResponse} UpstreamResponse
 * @typedef {import("../pinnedFetch.mjs").UpstreamFetch} UpstreamFetch
 * @typedef {{ headers: number, idle: number, total: number }} Timeouts
 */

/** micropython-lib's index.json is ~100 KB and its largest file well under 100 KB; 4 MiB leaves room for growth. */
export const MAX_BYTES = 4 * 1024 * 1024;
export const MAX_REDIRECTS = 3;
/** @type {Timeouts} */
export const DEFAULT_TIMEOUTS = { headers: 15_000, idle: 15_000, total: 60_000 };

/** A failure with the HTTP status the proxy answers with, and words for the person. */
export class FetchError extends Error {
  /** @param {number} status @param {string} message @param {string} [hint] @param {number} [upstreamStatus] */
  constructor(status, message, hint, upstreamStatus) {
    super(message);
    this.name = "FetchError";
    this.status = status;
    this.hint = hint ?? "Check your internet connection and the index URL, then try again.";
    this.upstreamStatus = upstreamStatus;
  }
}

export { defaultLookup, pinnedFetch as defaultFetch };

/**
 * @param {string} rawUrl
 * @param {{ prefixes: Prefix[], fetch: UpstreamFetch, lookup: Lookup, maxBytes?: number, timeouts?: Timeouts }} options
 * @returns {Promise<{ url: string, body: Buffer }>}
 */
export async function guardedMipFetch(rawUrl, options) {
  const maxBytes = options.maxBytes ?? MAX_BYTES;
  const timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
  const controller = new AbortController();
  let current = checkMipUrl(rawUrl, options.prefixes);
  const where = () => current.url.host;
  const total = setTimeout(
    () => controller.abort(new FetchError(504, `${where()} took too long to send ${current.url.pathname}.`, slowHint())),
    timeouts.total,
  );
  try {
    for (let hop = 0; ; hop++) {
      const response = await fetchOneHop(current, options, controller, timeouts);
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel().catch(() => {});
        const location = response.headers.get("location");
        if (!location) throw new FetchError(502, `${where()} answered ${response.status} without a Location.`);
        if (hop >= MAX_REDIRECTS) throw new FetchError(502, `${where()} redirected too many times.`);
        current = checkRedirect(location, current.url, options.prefixes);
        continue;
      }
      if (response.status < 200 || response.status >= 300) {
        await response.body?.cancel().catch(() => {});
        if (response.status === 404 || response.status === 410) {
          throw new FetchError(404, `${where()} has no ${current.url.pathname} (HTTP ${response.status}).`, "Check the name and the index URL.", response.status);
        }
        throw new FetchError(502, `${where()} answered with HTTP ${response.status}.`, undefined, response.status);
      }
      const declared = Number(response.headers.get("content-length"));
      if (Number.isFinite(declared) && declared > maxBytes) {
        await response.body?.cancel().catch(() => {});
        throw tooBig(maxBytes);
      }
      const host = where();
      const body = await readCapped(response, {
        maxBytes,
        controller,
        idleMs: timeouts.idle,
        stalled: () => new FetchError(504, `${host} stopped sending part-way.`, slowHint()),
        tooBig: () => tooBig(maxBytes),
      });
      return { url: current.url.href, body };
    }
  } catch (error) {
    if (controller.signal.aborted && controller.signal.reason instanceof FetchError) throw controller.signal.reason;
    if (error instanceof FetchError || error instanceof RefusedUrl) throw error;
    throw new FetchError(502, `Could not reach ${where()} (${describe(error)}).`);
  } finally {
    clearTimeout(total);
    if (!controller.signal.aborted) controller.abort(new Error("done"));
  }
}

const slowHint = () => "The package index is slow or unreachable. Check your connection and try again.";

/**
 * @param {{ url: URL, prefix: Prefix }} target
 * @param {{ fetch: UpstreamFetch, lookup: Lookup }} options
 * @param {AbortController} controller
 * @param {Timeouts} timeouts
 */
async function fetchOneHop(target, options, controller, timeouts) {
  const headersTimer = setTimeout(
    () => controller.abort(new FetchError(504, `${target.url.host} did not answer in time.`, slowHint())),
    timeouts.headers,
  );
  try {
    // A refusal here is the network's doing (DNS pointing a host somewhere private), not the person's URL.
    const address = await abortable(resolveFor(target.url, target.prefix, options.lookup), controller.signal).catch((error) => {
      if (error instanceof RefusedUrl) throw new FetchError(502, error.message, error.hint);
      throw error;
    });
    const headers = { "accept-encoding": "identity", "user-agent": "Mote package proxy" };
    return await abortable(options.fetch(target.url.href, { signal: controller.signal, address, headers }), controller.signal);
  } finally {
    clearTimeout(headersTimer);
  }
}

/** @param {string} location @param {URL} from @param {Prefix[]} prefixes */
function checkRedirect(location, from, prefixes) {
  /** @type {string} */
  let target;
  try {
    target = new URL(location, from).href;
  } catch {
    throw new FetchError(502, `${from.host} redirected to an invalid address.`);
  }
  // A relative Location is checked as written too: resolving it would quietly swallow a `..` or `%2e%2e`.
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(location);
  try {
    if (!absolute && (/%2e|%2f|%5c|\\/i.test(location) || /(^|\/)\.\.?(\/|$)/.test(location))) {
      throw new RefusedUrl("the path tries to leave its folder");
    }
    return checkMipUrl(absolute ? location : target, prefixes);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new FetchError(502, `${from.host} redirected somewhere Mote does not follow: ${why}`);
  }
}

/** @param {number} maxBytes */
function tooBig(maxBytes) {
  return new FetchError(
    413,
    `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB, far more than any MicroPython package file.`,
    "Check the index URL: it does not look like a package index.",
  );
}

/** @param {unknown} error */
function describe(error) {
  const err = /** @type {NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException }} */ (error);
  return err?.code ?? err?.cause?.code ?? (err instanceof Error ? err.message : String(error));
}
