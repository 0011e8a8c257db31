// What the package (mip) proxy may fetch. The browser page may only talk to its own origin (CSP connect-src 'self'),
// so index.json, package JSON and package files come through /api/mip/fetch. The proxy is not an open relay: every URL
// (the first and each redirect hop) must sit under an allowed prefix, and every address its host resolves to must be
// public, except for prefixes a person listed themselves in MOTE_MIP_INDEXES whose host is written as a loopback or
// private address (a local index on this machine or the LAN, e.g. the tests' own index on 127.0.0.1).
import net from "node:net";
import { isPublicAddress } from "../firmware/policy.mjs";

/** micropython-lib's index (and its mirrors under /pi/), and GitHub's raw files for `github:owner/repo` packages. */
export const DEFAULT_MIP_PREFIXES = ["https://micropython.org/pi/", "https://raw.githubusercontent.com/"];
export const MIP_INDEXES_ENV = "MOTE_MIP_INDEXES";

/**
 * @typedef {{ href: string, protocol: string, hostname: string, port: string, path: string,
 *             listed: boolean, local: "no" | "loopback" | "literal" }} Prefix
 *   `listed`: from MOTE_MIP_INDEXES. `local`: how a listed prefix may reach a non-public address: "loopback" for
 *   `localhost` (loopback answers only), "literal" for an IP address written in the prefix (exactly that address).
 */

export class RefusedUrl extends Error {
  /** @param {string} message @param {string} [hint] */
  constructor(message, hint) {
    super(message);
    this.name = "RefusedUrl";
    this.hint = hint ?? "";
  }
}

/**
 * Parses MOTE_MIP_INDEXES (prefixes separated by commas or white space) into allowlist entries. Entries that are not
 * plain http(s) prefixes are reported, not guessed at.
 * @param {string | undefined} text
 * @returns {{ prefixes: Prefix[], problems: string[] }}
 */
export function parseListedPrefixes(text) {
  /** @type {Prefix[]} */
  const prefixes = [];
  /** @type {string[]} */
  const problems = [];
  for (const entry of (text ?? "").split(/[\s,]+/).filter(Boolean)) {
    try {
      prefixes.push(makePrefix(entry, true));
    } catch (error) {
      problems.push(`${entry}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { prefixes, problems };
}

/** The default prefixes plus the listed ones. @param {string | undefined} listed */
export function allowedPrefixes(listed) {
  const { prefixes, problems } = parseListedPrefixes(listed);
  return { prefixes: [...DEFAULT_MIP_PREFIXES.map((p) => makePrefix(p, false)), ...prefixes], problems };
}

/** @param {string} raw @param {boolean} listed @returns {Prefix} */
function makePrefix(raw, listed) {
  /** @type {URL} */
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error("not a URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("only http:// and https:// prefixes");
  if (url.username || url.password) throw new Error("no user name or password");
  if (url.search || url.hash || raw.includes("?") || raw.includes("#")) throw new Error("no query string or fragment");
  if (!SAFE_PATH.test(url.pathname) || url.pathname.includes("//")) throw new Error("the path has characters an index URL does not use");
  // Without the slash, "http://host/pi" would also allow "http://host/pizza".
  const path = url.pathname.endsWith("/") ? url.pathname : `${url.pathname}/`;
  const host = bareHost(url.hostname);
  /** @type {Prefix["local"]} */
  let local = "no";
  if (listed && host === "localhost") local = "loopback";
  else if (listed && net.isIP(host) !== 0) local = "literal";
  return { href: `${url.protocol}//${url.host}${path}`, protocol: url.protocol, hostname: host, port: url.port, path, listed, local };
}

// Package names, versions and file hashes are [A-Za-z0-9._-]; GitHub paths add little more. Anything else (`%`
// encodings above all) is an attempt to reach somewhere the prefix does not cover.
const SAFE_PATH = /^\/[A-Za-z0-9._\-/~+]*$/;

/**
 * Checks a URL against the allowlist; returns the URL and the prefix that allows it. The raw text is checked too,
 * because `new URL` quietly resolves `..`, `%2e%2e` and backslashes before we could see them.
 * @param {string} raw
 * @param {Prefix[]} prefixes
 * @returns {{ url: URL, prefix: Prefix }}
 */
export function checkMipUrl(raw, prefixes) {
  const hint = allowHint(prefixes);
  if (typeof raw !== "string" || raw.length === 0) throw new RefusedUrl("No URL was given.", hint);
  if (raw.length > 2048) throw new RefusedUrl("That URL is too long.", hint);
  if (/[\s\\]/.test(raw) || /[\u0000-\u001f\u007f]/.test(raw)) {
    throw new RefusedUrl("That URL contains spaces, control characters or backslashes.", hint);
  }
  if (/%2e|%2f|%5c/i.test(raw) || /(^|\/)\.\.?(\/|$)/.test(raw.replace(/^https?:\/\//i, "/"))) {
    throw new RefusedUrl("That URL tries to leave its folder (`..` or an encoded dot or slash).", hint);
  }
  /** @type {URL} */
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new RefusedUrl("That is not a valid URL.", hint);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new RefusedUrl(`Only http(s) URLs can be fetched, not ${url.protocol}//.`, hint);
  if (url.username || url.password || /^https?:\/\/[^/]*@/i.test(raw)) throw new RefusedUrl("URLs with a user name or password are not allowed.", hint);
  if (url.search || url.hash || raw.includes("?") || raw.includes("#")) throw new RefusedUrl("Package URLs take no query string or fragment.", hint);
  if (!SAFE_PATH.test(url.pathname) || url.pathname.includes("//")) {
    throw new RefusedUrl("That path has characters no package index uses.", hint);
  }
  const host = bareHost(url.hostname);
  const prefix = prefixes.find(
    (p) => p.protocol === url.protocol && p.hostname === host && p.port === url.port && url.pathname.startsWith(p.path),
  );
  if (!prefix) throw new RefusedUrl(`Mote's server does not fetch packages from ${url.protocol}//${url.host}${url.pathname}.`, hint);
  return { url, prefix };
}

/** @param {Prefix[]} prefixes */
export function allowHint(prefixes) {
  const list = prefixes.map((p) => p.href).join(", ");
  return `Mote fetches packages only from ${list}. To use another index, start Mote with ${MIP_INDEXES_ENV}=<its URL>.`;
}

/**
 * Resolves the URL's host and returns the address to connect to. Every answer must be public, unless the prefix was
 * listed by the person with a loopback name or an address literal; then only what that prefix names is let through.
 * @param {URL} url @param {Prefix} prefix
 * @param {(host: string) => Promise<{ address: string, family: number }[]>} lookup
 */
export async function resolveFor(url, prefix, lookup) {
  const host = bareHost(url.hostname);
  const literal = net.isIP(host);
  const addresses = literal ? [{ address: host, family: literal }] : await lookup(host);
  if (addresses.length === 0) throw new Error(`${host} did not resolve`);
  for (const a of addresses) {
    if (isPublicAddress(a.address)) continue;
    if (prefix.local === "literal" && a.address === host) continue;
    if (prefix.local === "loopback" && isLoopback(a.address)) continue;
    throw new RefusedUrl(
      `${host} resolved to ${a.address}, a local or private address; Mote will not fetch from there.`,
      prefix.listed
        ? `To use an index on this machine or your network, list it in ${MIP_INDEXES_ENV} by its address (http://127.0.0.1:PORT/...).`
        : "Something on this network (DNS) is redirecting a public package host. Check your network, or install from a local index.",
    );
  }
  return addresses[0];
}

/** @param {string} address */
function isLoopback(address) {
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  return address === "::1" || (net.isIPv4(v4) && v4.startsWith("127."));
}

/** URL.hostname keeps IPv6 brackets. @param {string} hostname */
function bareHost(hostname) {
  return hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
}
