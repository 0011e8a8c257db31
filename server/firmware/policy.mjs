// What the firmware proxy may fetch. Every URL, the first and each redirect hop, passes `checkUpstreamUrl`, and every
// address its host resolves to passes `isPublicAddress`, so the proxy can never be pointed at this machine, the LAN,
// or any host but micropython.org (an open proxy on a developer's laptop would reach their router and cloud metadata).
import net from "node:net";

export const UPSTREAM_HOST = "micropython.org";
export const INDEX_URL = "https://micropython.org/resources/boards/index.json";
/** Firmware files live flat in this folder; the file route accepts anything under /resources/ as the brief allows. */
export const FIRMWARE_PREFIX = "/resources/";

/** A board's download page: micropython.org lists a board's firmware files nowhere else. @param {string} id */
export function boardPageUrl(id) {
  return `https://${UPSTREAM_HOST}/download/${id}/`;
}

export class RefusedUrl extends Error {
  /** @param {string} message @param {string} [hint] */
  constructor(message, hint) {
    super(message);
    this.name = "RefusedUrl";
    this.hint = hint ?? "Only https://micropython.org/resources/... links can be downloaded through Mote.";
  }
}

// Only plain path characters: every published file name is [A-Za-z0-9._-]; anything else is either an encoding trick
// (%2e%2e, %2f) or not a MicroPython file.
const SAFE_PATH = /^\/[A-Za-z0-9._\-/]*$/;

/**
 * Checks a URL against the allowlist and returns its normalised form (the cache key is derived from it).
 * The raw text is checked too, because `new URL` quietly resolves `..`, `%2e%2e` and backslashes before we could see them.
 * @param {string} raw
 * @param {{ pathPrefix?: string, pathPattern?: RegExp }} [rules]
 * @returns {URL}
 */
export function checkUpstreamUrl(raw, rules = {}) {
  const pathPrefix = rules.pathPrefix ?? FIRMWARE_PREFIX;
  if (typeof raw !== "string" || raw.length === 0) throw new RefusedUrl("No firmware URL was given.");
  if (raw.length > 2048) throw new RefusedUrl("That URL is too long.");
  if (/[\s\\]/.test(raw) || /[\u0000-\u001f\u007f]/.test(raw)) {
    throw new RefusedUrl("That URL contains spaces, control characters or backslashes.");
  }
  if (/%2e|%2f|%5c/i.test(raw) || /(^|\/)\.\.?(\/|$)/.test(raw.replace(/^https?:\/\//i, "/"))) {
    throw new RefusedUrl("That URL tries to leave the firmware folder (`..` or an encoded dot or slash).");
  }

  /** @type {URL} */
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new RefusedUrl("That is not a valid URL.");
  }
  if (url.protocol !== "https:") throw new RefusedUrl(`Only https:// downloads are allowed, not ${url.protocol}//.`);
  if (url.username || url.password || /^https:\/\/[^/]*@/i.test(raw)) {
    throw new RefusedUrl("URLs with a user name or password are not allowed.");
  }
  if (url.hostname !== UPSTREAM_HOST) throw new RefusedUrl(`Mote only downloads from ${UPSTREAM_HOST}, not ${url.hostname}.`);
  // URL drops the default port, so a surviving port is anything but 443.
  if (url.port !== "") throw new RefusedUrl(`Port ${url.port} is not allowed; micropython.org is served on 443.`);
  if (url.search || url.hash || raw.includes("?") || raw.includes("#")) {
    throw new RefusedUrl("Firmware URLs take no query string or fragment.");
  }
  if (!SAFE_PATH.test(url.pathname) || url.pathname.includes("//")) {
    throw new RefusedUrl("That path has characters no MicroPython download uses.");
  }
  if (!url.pathname.startsWith(pathPrefix)) throw new RefusedUrl(`Only files under ${pathPrefix} can be downloaded.`);
  if (rules.pathPattern && !rules.pathPattern.test(url.pathname)) throw new RefusedUrl("That is not a page Mote reads.");
  return url;
}

// Built once: loopback, "this network", private (RFC 1918), carrier-grade NAT, link-local (cloud metadata lives at
// 169.254.169.254), benchmarking, multicast, reserved and broadcast; and the IPv6 equivalents. BlockList also matches
// IPv4-mapped IPv6 (::ffff:127.0.0.1) against the IPv4 rules.
const BLOCKED = new net.BlockList();
for (const [prefix, bits] of /** @type {[string, number][]} */ ([
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
])) {
  BLOCKED.addSubnet(prefix, bits, "ipv4");
}
for (const [prefix, bits] of /** @type {[string, number][]} */ ([
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
])) {
  BLOCKED.addSubnet(prefix, bits, "ipv6");
}

/** @param {string} address */
export function isPublicAddress(address) {
  const family = net.isIP(address);
  if (family === 4) return !BLOCKED.check(address, "ipv4");
  if (family === 6) return !BLOCKED.check(address, "ipv6");
  return false;
}

/**
 * Resolves a host and refuses it unless every address is public: one private answer among public ones is still a
 * rebinding attempt. Returns the address to connect to, so the check and the connection use the same answer.
 * @param {string} host
 * @param {(host: string) => Promise<{ address: string, family: number }[]>} lookup
 */
export async function resolvePublic(host, lookup) {
  const addresses = await lookup(host);
  if (addresses.length === 0) throw new Error(`${host} did not resolve`);
  const bad = addresses.find((a) => !isPublicAddress(a.address));
  if (bad) {
    throw new RefusedUrl(
      `${host} resolved to ${bad.address}, a local or private address; Mote will not fetch from there.`,
      "Something on this network (DNS) is redirecting micropython.org. Pick a local firmware file instead.",
    );
  }
  return addresses[0];
}
