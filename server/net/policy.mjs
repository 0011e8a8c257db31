// Who may use the virtual board's network tunnel, and where it may lead. The tunnel turns a WebSocket from the app's
// own page into a TCP connection, so without these rules it would be an open relay into this machine and its network.
//
// - Clients: only this machine's browser (loopback peers), unless MOTE_NET_REMOTE=1; and only pages of the app's own
//   origin (a page on another site, or one reached through a rebinding DNS name, is refused before the upgrade).
// - Destinations, checked on every address the host name RESOLVES to, just before connecting to that same address:
//     * this machine (127.0.0.0/8, ::1) on ports 1024-65535, except the Mote server's own port. Privileged ports are
//       system services (ssh, smtp, cups) that no IoT backend a student runs uses: brokers (1883), Flask (5000) and
//       dev HTTP servers (8000/8080) all sit above 1024. The server's own port is left out so the tunnel cannot be
//       chained through itself to multiply its limits.
//     * whatever MOTE_NET_ALLOW adds: `host:port`, `host:lo-hi` or `host:*`, comma-separated; host is a name, an IPv4
//       address, `[IPv6]` or a CIDR block (`10.0.0.0/8`). A name rule allows what that name resolves to.
//     * never, whatever the rules say: unspecified (0.0.0.0/8, ::), link-local (169.254.0.0/16 with the cloud metadata
//       service, fe80::/10), multicast and the reserved/broadcast block.
import net from "node:net";

/** What the tunnel refuses, with the close code the page maps to a board-like OSError. */
export const CloseCode = {
  /** The TCP peer ended the connection (FIN) and everything it sent was delivered. */
  Normal: 1000,
  BadRequest: 4400,
  NotAllowed: 4403,
  IdleTimeout: 4408,
  ByteLimit: 4413,
  TooMany: 4429,
  Reset: 4104,
  ConnectFailed: 4502,
  ConnectTimeout: 4504,
  Internal: 4500,
};

export const DEFAULT_LIMITS = {
  /** Open tunnels per client address (a board has 8 socket slots; a second tab shares this). */
  perClientConnections: 8,
  totalConnections: 64,
  /** Bytes one connection may carry, both directions together. MQTT and REST traffic is kilobytes. */
  perConnectionBytes: 16 * 1024 * 1024,
  /** Bytes one client may move through all its connections within `clientWindowMs`. */
  perClientBytes: 64 * 1024 * 1024,
  clientWindowMs: 10 * 60 * 1000,
  /** No byte either way for this long ends the connection (an MQTT client pings well inside it). */
  idleMs: 5 * 60 * 1000,
  connectTimeoutMs: 10_000,
  /** Bytes sent to the page and not yet acknowledged before the TCP socket is paused (backpressure). */
  flowWindow: 256 * 1024,
};

export const LOOPBACK_PORTS = { lo: 1024, hi: 65535 };

export class NetRefusal extends Error {
  /** @param {number} code one of CloseCode @param {string} message words for the person at the board */
  constructor(code, message) {
    super(message);
    this.name = "NetRefusal";
    this.code = code;
  }
}

/**
 * @typedef {{ lo: number, hi: number }} PortRange
 * @typedef {{ kind: "name", name: string, ports: PortRange, text: string }
 *         | { kind: "net", address: string, bits: number, family: "ipv4" | "ipv6", ports: PortRange, text: string }} AllowRule
 */

const LOOPBACK = new net.BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

const NEVER = new net.BlockList();
for (const [prefix, bits] of /** @type {[string, number][]} */ ([
  ["0.0.0.0", 8],
  ["169.254.0.0", 16],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
])) {
  NEVER.addSubnet(prefix, bits, "ipv4");
}
for (const [prefix, bits] of /** @type {[string, number][]} */ ([
  ["::", 128],
  ["fe80::", 10],
  ["ff00::", 8],
])) {
  NEVER.addSubnet(prefix, bits, "ipv6");
}

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.?$/;

/** `::ffff:127.0.0.1` is 127.0.0.1: IPv4-mapped addresses are judged by the IPv4 rules. @param {string} address */
export function normalizeAddress(address) {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address.toLowerCase();
}

/** @param {string} address */
function familyOf(address) {
  return net.isIP(address) === 6 ? "ipv6" : "ipv4";
}

/** @param {string} address */
export function isLoopback(address) {
  const a = normalizeAddress(address);
  return net.isIP(a) !== 0 && LOOPBACK.check(a, familyOf(a));
}

/** @param {string} text @returns {PortRange} */
function parsePorts(text) {
  if (text === "*") return { lo: 1, hi: 65535 };
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  if (!m) throw new Error(`"${text}" is not a port, a range lo-hi or *`);
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  if (lo < 1 || hi > 65535 || lo > hi) throw new Error(`port range "${text}" must lie within 1-65535`);
  return { lo, hi };
}

/**
 * MOTE_NET_ALLOW's entries, each `host:port`; a malformed entry is an error (a typo must not silently allow nothing,
 * or more than meant).
 * @param {string | undefined} text
 * @returns {AllowRule[]}
 */
export function parseAllowList(text) {
  /** @type {AllowRule[]} */
  const rules = [];
  for (const raw of (text ?? "").split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    const m = /^(?:\[([0-9A-Fa-f:.]+)\](?:\/(\d{1,3}))?|([^:\s[\]]+)):([^:]+)$/.exec(entry);
    if (!m) throw new Error(`MOTE_NET_ALLOW entry "${entry}" must look like host:port (IPv6 as [addr]:port)`);
    const [, v6, v6bits, hostPart, portText] = m;
    let ports;
    try {
      ports = parsePorts(portText);
    } catch (error) {
      throw new Error(`MOTE_NET_ALLOW entry "${entry}": ${/** @type {Error} */ (error).message}`);
    }
    const [hostText, bitsText] = v6 !== undefined ? [v6, v6bits] : hostPart.split("/");
    const address = normalizeAddress(hostText);
    const family = net.isIP(address);
    if (family) {
      const max = family === 4 ? 32 : 128;
      const bits = bitsText === undefined ? max : Number(bitsText);
      if (!Number.isInteger(bits) || bits < 0 || bits > max) {
        throw new Error(`MOTE_NET_ALLOW entry "${entry}": /${bitsText} is not a prefix length for this address`);
      }
      rules.push({ kind: "net", address, bits, family: family === 4 ? "ipv4" : "ipv6", ports, text: entry });
    } else if (bitsText === undefined && HOST_NAME.test(hostText)) {
      rules.push({ kind: "name", name: hostText.toLowerCase().replace(/\.$/, ""), ports, text: entry });
    } else {
      throw new Error(`MOTE_NET_ALLOW entry "${entry}": "${hostText}" is neither a host name nor an IP address`);
    }
  }
  return rules;
}

/**
 * The destination as the board asked for it, before any DNS: a plausible host name or IP literal, a port 1-65535.
 * @param {string | null} host
 * @param {string | null} portText
 * @returns {{ host: string, port: number }}
 */
export function checkRequest(host, portText) {
  if (!host) throw new NetRefusal(CloseCode.BadRequest, "no host was given");
  if (!portText || !/^\d{1,5}$/.test(portText)) throw new NetRefusal(CloseCode.BadRequest, "the port must be a number");
  const port = Number(portText);
  if (port < 1 || port > 65535) throw new NetRefusal(CloseCode.BadRequest, `port ${port} is outside 1-65535`);
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  if (!net.isIP(bare) && !HOST_NAME.test(bare)) {
    throw new NetRefusal(CloseCode.BadRequest, `"${host.slice(0, 60)}" is not a host name or IP address`);
  }
  return { host: bare.toLowerCase().replace(/\.$/, ""), port };
}

/** @param {PortRange} r @param {number} port */
const inRange = (r, port) => port >= r.lo && port <= r.hi;

export class NetPolicy {
  /**
   * @param {{ rules?: AllowRule[], loopbackPorts?: PortRange, serverPort?: number }} [options]
   *   serverPort: the Mote server's own port, never a destination on this machine.
   */
  constructor(options = {}) {
    this.rules = options.rules ?? [];
    this.loopbackPorts = options.loopbackPorts ?? LOOPBACK_PORTS;
    this.serverPort = options.serverPort;
  }

  /**
   * Is `address` (one answer for `host`) a place the board may connect to on `port`? Returns null when it is, or why not.
   * @param {string} host the name the board asked for (already through checkRequest)
   * @param {string} rawAddress
   * @param {number} port
   * @returns {string | null}
   */
  refusal(host, rawAddress, port) {
    const address = normalizeAddress(rawAddress);
    const family = familyOf(address);
    if (net.isIP(address) === 0) return `${rawAddress} is not an address`;
    if (NEVER.check(address, family)) return `${address} is a link-local, multicast or unspecified address`;
    if (LOOPBACK.check(address, family)) {
      if (port === this.serverPort) return `port ${port} on this computer is Mote's own server`;
      if (inRange(this.loopbackPorts, port)) return null;
    }
    for (const rule of this.rules) {
      if (!inRange(rule.ports, port)) continue;
      if (rule.kind === "name" && rule.name === host) return null;
      if (rule.kind === "net" && rule.family === family) {
        const list = new net.BlockList();
        list.addSubnet(rule.address, rule.bits, rule.family);
        if (list.check(address, family)) return null;
      }
    }
    return `${host === address ? address : `${host} (${address})`} port ${port} is not allowed`;
  }

  /**
   * Resolves the host and checks every answer: one refused address among allowed ones is still a refusal (a
   * rebinding DNS answer). Returns the addresses to try, in order, so the check and the connection use the same ones.
   * @param {string} host
   * @param {number} port
   * @param {(host: string) => Promise<{ address: string, family: number }[]>} lookup
   * @returns {Promise<string[]>}
   */
  async resolve(host, port, lookup) {
    /** @type {string[]} */
    let addresses;
    if (net.isIP(host)) {
      addresses = [host];
    } else {
      try {
        addresses = (await lookup(host)).map((a) => a.address);
      } catch (error) {
        const code = /** @type {NodeJS.ErrnoException} */ (error).code ?? "";
        throw new NetRefusal(CloseCode.ConnectFailed, `EHOSTUNREACH could not resolve ${host} (${code || "DNS failed"})`);
      }
      if (addresses.length === 0) throw new NetRefusal(CloseCode.ConnectFailed, `EHOSTUNREACH ${host} has no address`);
    }
    for (const address of addresses) {
      const why = this.refusal(host, address, port);
      if (why) throw new NetRefusal(CloseCode.NotAllowed, why);
    }
    return addresses.map(normalizeAddress);
  }
}

/**
 * The page must be one of the app's own: http(s) on a loopback name at the port this request came in on, or an
 * origin listed in MOTE_NET_ORIGINS (a reverse proxy's https name). Browsers always send Origin on a WebSocket.
 * @param {string | undefined} origin
 * @param {number | undefined} localPort the port the server accepted this request on
 * @param {string[]} extraOrigins
 */
export function originAllowed(origin, localPort, extraOrigins = []) {
  if (!origin) return false;
  if (extraOrigins.includes(origin)) return true;
  /** @type {URL} */
  let url;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  if (url.origin !== origin) return false; // no path, userinfo or other decoration
  const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  return ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname) && port === localPort;
}

/**
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {{ enabled: boolean, rules: AllowRule[], remoteClients: boolean, extraOrigins: string[] }}
 */
export function netOptionsFromEnv(env = process.env) {
  return {
    enabled: env.MOTE_NET !== "off",
    rules: parseAllowList(env.MOTE_NET_ALLOW),
    remoteClients: env.MOTE_NET_REMOTE === "1",
    extraOrigins: (env.MOTE_NET_ORIGINS ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  };
}
