// Test helpers for the network tunnel: the real HTTP server with the tunnel attached, real TCP services on loopback
// (echo, silent, closing, resetting), and a WebSocket client that records what the tunnel says. No doubles here
// except where a test passes its own `lookup` (a DNS answer) or `connect` (a socket that never connects).
import { mkdtempSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import WebSocket from "ws";
import { startServer } from "../app.mjs";
import { attachNetTunnel, type TunnelOptions } from "./tunnel.mjs";

export interface Tunnel {
  port: number;
  origin: string;
  url(host: string, port: number | string): string;
  close(): Promise<void>;
}

const cleanups: Array<() => Promise<void> | void> = [];

export async function closeAll(): Promise<void> {
  await Promise.all(cleanups.splice(0).map((c) => c()));
}

export async function startTunnel(options: TunnelOptions = {}, host = "127.0.0.1"): Promise<Tunnel> {
  const root = mkdtempSync(path.join(os.tmpdir(), "mote-net-"));
  const running = await startServer({ root, port: 0, host });
  const tunnel = attachNetTunnel(running.server, options);
  const close = async () => {
    tunnel.close();
    await running.close();
  };
  cleanups.push(close);
  return {
    port: running.port,
    origin: `http://127.0.0.1:${running.port}`,
    url: (host, port) =>
      `ws://127.0.0.1:${running.port}/api/net/tcp?host=${encodeURIComponent(host)}&port=${encodeURIComponent(String(port))}`,
    close,
  };
}

/** A loopback TCP service; `onSocket` decides what it does with each connection. */
export async function tcpService(onSocket: (s: net.Socket) => void): Promise<{ port: number; sockets: net.Socket[] }> {
  const sockets: net.Socket[] = [];
  const server = net.createServer((s) => {
    sockets.push(s);
    s.on("error", () => undefined);
    onSocket(s);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );
  return { port: (server.address() as net.AddressInfo).port, sockets };
}

export const echoService = () => tcpService((s) => s.pipe(s));

/** A port on loopback where nothing listens (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface Client {
  ws: WebSocket;
  /** Resolves with the text of the "open" message, or rejects when the tunnel closes first. */
  opened: Promise<{ type: string; address: string }>;
  closed: Promise<{ code: number; reason: string }>;
  received(): Buffer;
  /** Resolves once `n` bytes have arrived in all. */
  waitBytes(n: number, timeoutMs?: number): Promise<Buffer>;
  /** Acknowledge everything received so far (what the page does as the board takes the bytes). */
  ackAll(): void;
}

export function connectClient(url: string, origin: string | undefined, { autoAck = true } = {}): Client {
  const ws = new WebSocket(url, origin === undefined ? {} : { origin });
  const chunks: Buffer[] = [];
  let total = 0;
  let acked = 0;
  const waiters = new Set<() => void>();
  const ackAll = () => {
    if (total > acked && ws.readyState === ws.OPEN) {
      ws.send(JSON.stringify({ type: "ack", bytes: total - acked }));
      acked = total;
    }
  };
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  const opened = new Promise<{ type: string; address: string }>((resolve, reject) => {
    ws.on("message", (data, isBinary) => {
      if (!isBinary) return resolve(JSON.parse(String(data)));
      const chunk = data as Buffer;
      chunks.push(chunk);
      total += chunk.length;
      if (autoAck) ackAll();
      for (const w of [...waiters]) w();
    });
    ws.on("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on("error", (e) => reject(e));
    void closed.then((c) => reject(new Error(`closed ${c.code} ${c.reason}`)));
  });
  opened.catch(() => undefined);
  return {
    ws,
    opened,
    closed,
    received: () => Buffer.concat(chunks),
    ackAll,
    waitBytes(n, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (total < n) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(Buffer.concat(chunks));
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`only ${total} of ${n} bytes arrived`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

/** This machine's first non-loopback IPv4 address, if it has one (to be a client that is not on loopback). */
export function lanAddress(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && !a.internal && a.family === "IPv4")?.address;
}

/** The HTTP status of an upgrade the server refused before upgrading. */
export function upgradeStatus(url: string, headers: Record<string, string> = {}, origin?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, ...(origin === undefined ? {} : { origin }) });
    ws.on("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on("open", () => {
      ws.terminate();
      reject(new Error("the upgrade was accepted"));
    });
    ws.on("error", () => undefined);
  });
}
