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
