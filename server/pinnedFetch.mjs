// The one network primitive both proxies (firmware, packages) stand on: a GET whose connection goes to an address
// that was already checked. The `lookup` hook hands back that address instead of asking DNS again, so a rebinding
// answer between check and connect cannot slip in, while TLS still verifies the certificate against the host name.
import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { Readable } from "node:stream";

/**
 * @typedef {{ address: string, family: number }} Address
 * @typedef {(host: string) => Promise<Address[]>} Lookup
 * @typedef {{ status: number, headers: { get(name: string): string | null }, body: ReadableStream<Uint8Array> | null }} UpstreamResponse
 * @typedef {(url: string, init: { signal: AbortSignal, address: Address, headers: Record<string, string> }) => Promise<UpstreamResponse>} UpstreamFetch
 */

/** @type {Lookup} */
export async function defaultLookup(host) {
  return dnsLookup(host, { all: true, verbatim: true });
}

/** @type {UpstreamFetch} */
export function pinnedFetch(url, { signal, address, headers }) {
  const client = url.startsWith("https:") ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, {
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
 * A response body read whole, but never more than `maxBytes` and never stalled for longer than `idleMs`: the upstream
 * is someone else's server, so both limits end the read with the caller's own error (`tooBig`, `stalled`).
 * @param {UpstreamResponse} response
 * @param {{ maxBytes: number, controller: AbortController, idleMs: number, stalled: () => Error, tooBig: () => Error }} limits
 * @returns {Promise<Buffer>}
 */
export async function readCapped(response, { maxBytes, controller, idleMs, stalled, tooBig }) {
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
      idle = setTimeout(() => controller.abort(stalled()), idleMs);
      const { done, value } = await abortable(reader.read(), controller.signal);
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooBig();
      }
      chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
    }
  } finally {
    clearTimeout(idle);
    controller.signal.removeEventListener("abort", onAbort);
  }
  return Buffer.concat(chunks, size);
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
