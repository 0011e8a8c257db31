// One guarded download from micropython.org: the allowlist on every hop, DNS answers checked and pinned, manual
// redirects (at most 3, each re-checked), a size cap enforced on Content-Length and again while reading, and timeouts
// for the response headers, for silence mid-body and for the whole transfer.
import { lookup as dnsLookup } from "node:dns/promises";
import https from "node:https";
import { Readable } from "node:stream";
import { checkUpstreamUrl, RefusedUrl, resolvePublic } from "./policy.mjs";

/**
 * @typedef {{ address: string, family: number }} Address
 * @typedef {(host: string) => Promise<Address[]>} Lookup
 * @typedef {{ status: number, headers: { get(name: string): string | null }, body: ReadableStream<Uint8Array> | null }} UpstreamResponse
 * @typedef {(url: string, init: { signal: AbortSignal, address: Address, headers: Record<string, string> }) => Promise<UpstreamResponse>} UpstreamFetch
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

/** @type {Lookup} */
export async function defaultLookup(host) {
  return dnsLookup(host, { all: true, verbatim: true });
}

/**
 * Node's https with the connection pinned to the address we already checked: the `lookup` hook hands back that
 * address instead of asking DNS again, so a rebinding answer between check and connect cannot slip in, while TLS
 * still verifies the certificate against the host name.
 * @type {UpstreamFetch}
 */
export function defaultFetch(url, { signal, address, headers }) {
  return new Promise((resolve, reject) => {
    const req = https.request(url, {
      method: "GET",
      headers,
      signal,
      lookup: (_host, options, callback) => {
        if (options && /** @type {{ all?: boolean }} */ (options).all) {
          /** @type {any} */ (callback)(null, [{ address: address.address, family: address.family }]);
        } else {
          callback(null, address.address, address.family);
        }
      },
    });
    req.on("response", (res) => {
      resolve({
        status: res.statusCode ?? 0,
        headers: {
          get(name) {
            const value = res.headers[name.toLowerCase()];
            return Array.isArray(value) ? value.join(", ") : (value ?? null);
          },
        },
        body: /** @type {ReadableStream<Uint8Array>} */ (Readable.toWeb(res)),
      });
    });
    req.on("error", reject);
    req.end();
  });
}

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
      const body = await readCapped(response, maxBytes, controller, timeouts.idle);
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

/**
 * @param {UpstreamResponse} response @param {number} maxBytes
 * @param {AbortController} controller @param {number} idleMs
 */
async function readCapped(response, maxBytes, controller, idleMs) {
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  /** @type {Buffer[]} */
  const chunks = [];
  let size = 0;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let idle;
  const onAbort = () => void reader.cancel(controller.signal.reason).catch(() => {});
  controller.signal.addEventListener("abort", onAbort);
  try {
    for (;;) {
      clearTimeout(idle);
      idle = setTimeout(
        () => controller.abort(new UpstreamError(504, "micropython.org stopped sending the file part-way.")),
        idleMs,
      );
      const { done, value } = await abortable(reader.read(), controller.signal);
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooBig(maxBytes);
      }
      chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
    }
  } finally {
    clearTimeout(idle);
    controller.signal.removeEventListener("abort", onAbort);
  }
  return Buffer.concat(chunks, size);
}

/** @param {number} maxBytes */
function tooBig(maxBytes) {
  return new UpstreamError(
    413,
    `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB, more than any MicroPython image.`,
    "Pick the firmware file from the list, or a local file.",
  );
}

/**
 * Settles with the promise, or rejects with the signal's reason as soon as it aborts (an injected fetch may ignore
 * the signal; we must not hang on it).
 * @template T @param {Promise<T>} promise @param {AbortSignal} signal @returns {Promise<T>}
 */
export function abortable(promise, signal) {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/** @param {unknown} error */
function describe(error) {
  const err = /** @type {NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException }} */ (error);
  return err?.code ?? err?.cause?.code ?? (err instanceof Error ? err.message : String(error));
}
