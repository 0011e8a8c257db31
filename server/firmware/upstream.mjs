// One guarded download from micropython.org: the allowlist on every hop, DNS answers checked and pinned, manual
// redirects (at most 3, each re-checked), a size cap enforced on Content-Length and again while reading, and timeouts
// for the response headers, for silence mid-body and for the whole transfer.
import { abortable, defaultLookup, pinnedFetch, readCapped } from "../pinnedFetch.mjs";
import { checkUpstreamUrl, RefusedUrl, resolvePublic } from "./policy.mjs";

/**
 * @typedef {import("../pinnedFetch.mjs").Address} Address
 * @typedef {import("../pinnedFetch.mjs").Lookup} Lookup
 * @typedef {import("../pinnedFetch.mjs").UpstreamResponse} UpstreamResponse
 * @typedef {import("../pinnedFetch.mjs").UpstreamFetch} UpstreamFetch
 * @typedef {{ headers: number, idle: number, total: number }} Timeouts
 */

export const MAX_BYTES = 16 * 1024 * 1024;
export const MAX_REDIRECTS = 3;
/** @type {Timeouts} */
export const DEFAULT_TIMEOUTS = { headers: 15_000, idle: 20_000, total: 120_000 };

/** A failure with the HTTP status the proxy answers with and words for the person. */
export class UpstreamError extends Error {
  /** @param {number} status @param {string} message @param {string} [hint] */
  constructor(status, message, hint) {
    super(message);
    this.name = "UpstreamError";
    this.status = status;
    this.hint = hint ?? "Check your internet connection, or pick a local firmware file instead.";
  }
}

// The firmware proxy fetches over https only (its allowlist says so); the pinned fetch follows the URL's scheme.
export { defaultLookup, pinnedFetch as defaultFetch };

/**
 * @param {string} rawUrl
 * @param {{ fetch: UpstreamFetch, lookup: Lookup, rules?: Parameters<typeof checkUpstreamUrl>[1],
 *           maxBytes?: number, timeouts?: Timeouts }} options
 * @returns {Promise<{ url: string, body: Buffer, contentType: string }>}
 */
export async function guardedFetch(rawUrl, options) {
  const maxBytes = options.maxBytes ?? MAX_BYTES;
  const timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
  const controller = new AbortController();
  const abortWith = (/** @type {UpstreamError} */ error) => controller.abort(error);
  const total = setTimeout(
    () => abortWith(new UpstreamError(504, "micropython.org took too long to send the file.")),
    timeouts.total,
  );
  try {
    let current = checkUpstreamUrl(rawUrl, options.rules);
    for (let hop = 0; ; hop++) {
      const response = await fetchOneHop(current, options, controller, timeouts);
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel().catch(() => {});
        const location = response.headers.get("location");
        if (!location) throw new UpstreamError(502, `micropython.org answered ${response.status} without a Location.`);
        if (hop >= MAX_REDIRECTS) throw new UpstreamError(502, "micropython.org redirected too many times.");
        current = checkRedirect(location, current, options.rules);
        continue;
      }
      if (response.status < 200 || response.status >= 300) {
        await response.body?.cancel().catch(() => {});
        if (response.status === 404 || response.status === 410) {
          throw new UpstreamError(404, "micropython.org has no such file (any more).", "Refresh the firmware list and pick another version.");
        }
        throw new UpstreamError(502, `micropython.org answered with HTTP ${response.status}.`);
      }
      const declared = Number(response.headers.get("content-length"));
      if (Number.isFinite(declared) && declared > maxBytes) {
        await response.body?.cancel().catch(() => {});
        throw tooBig(maxBytes);
      }
      const body = await readCapped(response, {
        maxBytes,
        controller,
        idleMs: timeouts.idle,
        stalled: () => new UpstreamError(504, "micropython.org stopped sending the file part-way."),
        tooBig: () => tooBig(maxBytes),
      });
      return { url: current.href, body, contentType: response.headers.get("content-type") ?? "application/octet-stream" };
    }
  } catch (error) {
    if (controller.signal.aborted && controller.signal.reason instanceof UpstreamError) throw controller.signal.reason;
    if (error instanceof UpstreamError || error instanceof RefusedUrl) throw error;
    throw new UpstreamError(502, `Could not reach micropython.org (${describe(error)}).`);
  } finally {
    clearTimeout(total);
    if (!controller.signal.aborted) controller.abort(new Error("done"));
  }
}

/**
 * @param {URL} url
 * @param {{ fetch: UpstreamFetch, lookup: Lookup }} options
 * @param {AbortController} controller
 * @param {Timeouts} timeouts
 */
async function fetchOneHop(url, options, controller, timeouts) {
  const headersTimer = setTimeout(
    () => controller.abort(new UpstreamError(504, "micropython.org did not answer in time.")),
    timeouts.headers,
  );
  try {
    // A refusal here is the network's doing (DNS pointing micropython.org somewhere private), not the person's URL.
    const address = await abortable(resolvePublic(url.hostname, options.lookup), controller.signal).catch((error) => {
      if (error instanceof RefusedUrl) throw new UpstreamError(502, error.message, error.hint);
      throw error;
    });
    const headers = { "accept-encoding": "identity", "user-agent": "Mote firmware proxy" };
    return await abortable(options.fetch(url.href, { signal: controller.signal, address, headers }), controller.signal);
  } finally {
    clearTimeout(headersTimer);
  }
}

/** @param {string} location @param {URL} from @param {Parameters<typeof checkUpstreamUrl>[1]} rules */
function checkRedirect(location, from, rules) {
  /** @type {string} */
  let target;
  try {
    target = new URL(location, from).href;
  } catch {
    throw new UpstreamError(502, "micropython.org redirected to an invalid address.");
  }
  // A relative Location is checked as written too: resolving it would quietly swallow a `..` or `%2e%2e`.
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(location);
  try {
    if (!absolute && (/%2e|%2f|%5c|\\/i.test(location) || /(^|\/)\.\.?(\/|$)/.test(location))) {
      throw new RefusedUrl("the path tries to leave the firmware folder");
    }
    return checkUpstreamUrl(absolute ? location : target, rules);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new UpstreamError(502, `micropython.org redirected somewhere Mote does not follow: ${why}`);
  }
}

/** @param {number} maxBytes */
function tooBig(maxBytes) {
  return new UpstreamError(
    413,
    `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB, more than any MicroPython image.`,
    "Pick the firmware file from the list, or a local file.",
  );
}

/** @param {unknown} error */
function describe(error) {
  const err = /** @type {NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException }} */ (error);
  return err?.code ?? err?.cause?.code ?? (err instanceof Error ? err.message : String(error));
}
