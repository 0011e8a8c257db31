// The virtual board's network: `GET /api/net/tcp?host=H&port=P` upgraded to a WebSocket becomes one TCP connection.
//
// Wire format (the page side is src/transports/virtual/net/hostNet.ts):
//   server -> page  text   {"type":"open","address":A}     the TCP connection is up (sent once, first)
//   both ways       binary the TCP bytes
//   page -> server  text   {"type":"ack","bytes":N}        the page handed N received bytes to the board; the server
//                                                          pauses the TCP socket while more than flowWindow bytes are
//                                                          unacknowledged, so a board that stops reading stalls the
//                                                          peer as a real TCP window would
//   close code + reason    why it ended (policy.mjs CloseCode); 1000 when the peer closed after its last byte
//
// Origin and client checks fail before the upgrade (HTTP 403: another site learns nothing); every other refusal
// upgrades and then closes with a code and a reason, so the board can say what happened.
import { defaultLookup } from "../pinnedFetch.mjs";
import net from "node:net";
import { WebSocketServer } from "ws";
import { checkRequest, CloseCode, DEFAULT_LIMITS, isLoopback, NetPolicy, NetRefusal, normalizeAddress, originAllowed } from "./policy.mjs";

export const TUNNEL_PATH = "/api/net/tcp";
export { netOptionsFromEnv } from "./policy.mjs";
/** Largest frame the page may send; it sends at most 16 KiB at a time. */
const MAX_FRAME = 64 * 1024;

/**
 * @typedef {import("./policy.mjs").AllowRule} AllowRule
 * @typedef {(host: string) => Promise<{ address: string, family: number }[]>} Lookup
 * @typedef {{ enabled?: boolean, rules?: AllowRule[], remoteClients?: boolean, extraOrigins?: string[],
 *             limits?: Partial<typeof DEFAULT_LIMITS>, lookup?: Lookup,
 *             connect?: (address: string, port: number) => net.Socket }} TunnelOptions
 */

/**
 * Serves the tunnel on `server` (a Node http.Server, or Vite's). Other upgrade paths are left to other listeners, or
 * refused when there are none.
 * @param {import("node:http").Server} server
 * @param {TunnelOptions} [options]
 */
export function attachNetTunnel(server, options = {}) {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const lookup = options.lookup ?? defaultLookup;
  const connect = options.connect ?? ((address, port) => net.connect({ host: address, port, noDelay: true }));
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME, perMessageDeflate: false });
  /** @type {Map<string, { open: number, bytes: number, windowStart: number }>} */
  const clients = new Map();
  let total = 0;

  /** @param {string} key */
  function clientState(key) {
    const now = Date.now();
    let c = clients.get(key);
    if (!c) {
      c = { open: 0, bytes: 0, windowStart: now };
      clients.set(key, c);
    }
    if (now - c.windowStart >= limits.clientWindowMs) {
      c.bytes = 0;
      c.windowStart = now;
    }
    return c;
  }

  server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname !== TUNNEL_PATH) {
      // Vite's HMR (and anything else) has its own listener; with none, answer rather than leave the socket hanging.
      if (server.listenerCount("upgrade") === 1) refuseUpgrade(socket, 404, "Not found");
      return;
    }
    const localPort = req.socket.localPort;
    if (!originAllowed(req.headers.origin, localPort, options.extraOrigins)) {
      return refuseUpgrade(socket, 403, "The network tunnel serves Mote's own page only.");
    }
    const remote = normalizeAddress(req.socket.remoteAddress ?? "");
    if (!options.remoteClients && !isLoopback(remote)) {
      return refuseUpgrade(socket, 403, "The network tunnel serves this computer's browser only (MOTE_NET_REMOTE=1 allows others).");
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const policy = new NetPolicy({ rules: options.rules, serverPort: localPort });
      void serveTunnel(ws, url.searchParams, remote, policy);
    });
  });

  /**
   * @param {import("ws").WebSocket} ws
   * @param {URLSearchParams} params
   * @param {string} remote
   * @param {NetPolicy} policy
   */
  async function serveTunnel(ws, params, remote, policy) {
    // Forget clients with nothing open whose budget window has passed (only they can be forgotten safely).
    for (const [key, c] of clients) {
      if (key !== remote && c.open === 0 && Date.now() - c.windowStart >= limits.clientWindowMs) clients.delete(key);
    }
    const client = clientState(remote);
    /** @type {net.Socket | undefined} */
    let tcp;
    let counted = false;
    let ended = false;
    let carried = 0;
    let unacked = 0;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let idleTimer;

    /** @param {number} code @param {string} reason */
    const finish = (code, reason) => {
      if (ended) return;
      ended = true;
      clearTimeout(idleTimer);
      if (counted) {
        counted = false;
        client.open--;
        total--;
      }
      if (tcp && !tcp.destroyed) {
        // A normal end from the board lets queued bytes go out; a refusal or a limit cuts at once.
        if (code === CloseCode.Normal) tcp.end();
        else tcp.destroy();
        // A peer that never reads must not keep the half-closed socket forever.
        setTimeout(() => tcp?.destroy(), 2_000).unref();
      }
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, clip(reason));
    };
    const idle = () => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(
        () => finish(CloseCode.IdleTimeout, `ECONNABORTED nothing was sent either way for ${Math.round(limits.idleMs / 1000)} s`),
        limits.idleMs,
      );
    };
    /** Count bytes against both budgets; false (and the tunnel closed) when one runs out. @param {number} n */
    const spend = (n) => {
      carried += n;
      clientState(remote);
      client.bytes += n;
      if (carried > limits.perConnectionBytes) {
        finish(CloseCode.ByteLimit, `ECONNABORTED this connection reached its ${mib(limits.perConnectionBytes)} limit`);
        return false;
      }
      if (client.bytes > limits.perClientBytes) {
        finish(CloseCode.ByteLimit, `ECONNABORTED ${budgetWords(client, limits.clientWindowMs)}`);
        return false;
      }
      idle();
      return true;
    };

    ws.on("close", () => finish(CloseCode.Normal, ""));
    // Bytes from the page before "open" break the protocol (the page never sends them): onText refuses them.
    ws.on("message", (data, isBinary) => {
      if (!tcp || !isBinary) return onText(data, isBinary);
      const chunk = /** @type {Buffer} */ (data);
      if (!spend(chunk.length)) return;
      if (!tcp.write(chunk)) {
        ws.pause();
        tcp.once("drain", () => ws.resume());
      }
    });
    ws.on("error", () => finish(CloseCode.Internal, "tunnel error"));
    try {
      const keys = [...params.keys()];
      if (keys.length !== 2 || params.getAll("host").length !== 1 || params.getAll("port").length !== 1) {
        throw new NetRefusal(CloseCode.BadRequest, "expected exactly ?host=...&port=...");
      }
      const { host, port } = checkRequest(params.get("host"), params.get("port"));
      if (options.enabled === false) throw new NetRefusal(CloseCode.NotAllowed, "the network tunnel is turned off (MOTE_NET=off)");
      if (client.open >= limits.perClientConnections) {
        throw new NetRefusal(CloseCode.TooMany, `ENOBUFS this browser already has ${limits.perClientConnections} connections open`);
      }
      if (total >= limits.totalConnections) throw new NetRefusal(CloseCode.TooMany, "ENOBUFS the server has too many connections open");
      if (client.bytes >= limits.perClientBytes) throw new NetRefusal(CloseCode.ByteLimit, `ECONNABORTED ${budgetWords(client, limits.clientWindowMs)}`);
      client.open++;
      total++;
      counted = true;
      const addresses = await policy.resolve(host, port, lookup);
      if (ended) return;
      tcp = await connectFirst(addresses, port, connect, limits.connectTimeoutMs, () => ended);
      if (ended) {
        tcp.destroy();
        return;
      }
      const peer = tcp;
      peer.on("data", (chunk) => {
        if (!spend(chunk.length)) return;
        ws.send(chunk, { binary: true });
        unacked += chunk.length;
        if (unacked >= limits.flowWindow) peer.pause();
      });
      peer.on("end", () => finish(CloseCode.Normal, "closed by the peer"));
      peer.on("error", (error) => {
        const code = /** @type {NodeJS.ErrnoException} */ (error).code;
        if (code === "ECONNRESET" || code === "EPIPE") finish(CloseCode.Reset, "ECONNRESET the peer reset the connection");
        else finish(CloseCode.ConnectFailed, `${code ?? "EIO"} ${error.message}`);
      });
      peer.on("close", () => finish(CloseCode.Normal, "closed by the peer"));
      idle();
      ws.send(JSON.stringify({ type: "open", address: peer.remoteAddress ?? addresses[0] }));
    } catch (error) {
      if (error instanceof NetRefusal) finish(error.code, error.message);
      else finish(CloseCode.Internal, `EIO ${/** @type {Error} */ (error).message}`);
    }

    /** @param {import("ws").RawData} data @param {boolean} isBinary */
    function onText(data, isBinary) {
      if (isBinary) return finish(CloseCode.BadRequest, "data before the connection was open");
      /** @type {unknown} */
      let msg;
      try {
        msg = JSON.parse(String(data));
      } catch {
        msg = null;
      }
      const ack = /** @type {{ type?: unknown, bytes?: unknown } | null} */ (msg);
      const n = ack && ack.type === "ack" ? ack.bytes : undefined;
      if (typeof n !== "number" || !Number.isInteger(n) || n <= 0 || n > unacked) {
        return finish(CloseCode.BadRequest, "unexpected message from the page");
      }
      unacked -= n;
      if (tcp && tcp.isPaused() && unacked < limits.flowWindow) tcp.resume();
    }
  }

  return {
    close: () => {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}

/**
 * Tries each checked address in turn (a name may resolve to ::1 first while the service listens on 127.0.0.1 only).
 * @param {string[]} addresses
 * @param {number} port
 * @param {(address: string, port: number) => net.Socket} connect
 * @param {number} timeoutMs
 * @param {() => boolean} cancelled
 * @returns {Promise<net.Socket>}
 */
async function connectFirst(addresses, port, connect, timeoutMs, cancelled) {
  const deadline = Date.now() + timeoutMs;
  /** @type {NetRefusal | undefined} */
  let last;
  for (const address of addresses) {
    if (cancelled()) break;
    const left = deadline - Date.now();
    if (left <= 0) break;
    try {
      return await connectOne(address, port, connect, left);
    } catch (error) {
      last = /** @type {NetRefusal} */ (error);
    }
  }
  throw last ?? new NetRefusal(CloseCode.ConnectTimeout, `ETIMEDOUT no answer from port ${port} within ${timeoutMs / 1000} s`);
}

/** @param {string} address @param {number} port @param {(address: string, port: number) => net.Socket} connect @param {number} timeoutMs */
function connectOne(address, port, connect, timeoutMs) {
  return new Promise((resolve, reject) => {
    const socket = connect(address, port);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new NetRefusal(CloseCode.ConnectTimeout, `ETIMEDOUT ${address} port ${port} did not answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.removeAllListeners("error");
      resolve(socket);
    });
    socket.once("error", (error) => {
      clearTimeout(timer);
      const code = /** @type {NodeJS.ErrnoException} */ (error).code ?? "EIO";
      const words = code === "ECONNREFUSED" ? "refused the connection (is the service running?)" : error.message;
      reject(new NetRefusal(CloseCode.ConnectFailed, `${code} ${address} port ${port} ${words}`));
    });
  });
}

/** @param {import("node:stream").Duplex} socket @param {number} status @param {string} text */
function refuseUpgrade(socket, status, text) {
  const reason = status === 403 ? "Forbidden" : "Not Found";
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\n` +
      `Connection: close\r\n\r\n${text}`,
  );
}

/** A WebSocket close reason holds at most 123 bytes of UTF-8. @param {string} text */
function clip(text) {
  let out = text;
  while (Buffer.byteLength(out) > 123) out = out.slice(0, -1);
  return out;
}

/** @param {number} n */
const mib = (n) => (n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} MiB` : `${n} byte`);

/** @param {{ windowStart: number }} client @param {number} windowMs */
function budgetWords(client, windowMs) {
  const wait = Math.max(1, Math.ceil((client.windowStart + windowMs - Date.now()) / 1000));
  return `this browser used up its network budget; try again in ${wait} s`;
}
