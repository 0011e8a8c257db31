/**
 * Test helpers for the virtual board's network: the real MicroPython WASM board in a worker_thread, connected to the
 * real Mote server's tunnel (server/app.mjs + server/net/tunnel.mjs on a free port), driven through the raw REPL.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startServer } from "../../../../server/app.mjs";
import { attachNetTunnel, type TunnelOptions } from "../../../../server/net/tunnel.mjs";
import { createNodeVirtualBoard, nodeNetOptions } from "../node";
import { ByteDriver } from "../test-driver";

const RAW_BANNER = "raw REPL; CTRL-B to exit\r\n>";

export interface NetBoard {
  d: ByteDriver;
  close(): Promise<void>;
}

export interface MoteServer {
  url: string;
  close(): Promise<void>;
}

export async function startMoteServer(options: TunnelOptions = {}): Promise<MoteServer> {
  const root = mkdtempSync(path.join(os.tmpdir(), "mote-vnet-"));
  const running = await startServer({ root, port: 0 });
  const tunnel = attachNetTunnel(running.server, options);
  return {
    url: `http://127.0.0.1:${running.port}/`,
    close: async () => {
      tunnel.close();
      await running.close();
    },
  };
}

/** A board in the raw REPL whose sockets go through `server`'s tunnel (or nowhere, without one). */
export async function netBoard(server?: MoteServer): Promise<NetBoard> {
  const link = await createNodeVirtualBoard(server ? { net: nodeNetOptions(server.url) } : {});
  const d = new ByteDriver(link);
  await d.until(">>> ");
  await d.send("\r\x01");
  await d.until(RAW_BANNER);
  return { d, close: () => link.close() };
}

/** Run `source` in the raw REPL; resolves with [stdout, stderr]. */
export async function rawExec(d: ByteDriver, source: string, timeoutMs = 10_000): Promise<[string, string]> {
  await d.send(source + "\x04");
  await d.until("OK", timeoutMs);
  const out = await d.until("\x04", timeoutMs);
  const err = await d.until("\x04", timeoutMs);
  await d.until(">", timeoutMs);
  return [out.slice(0, -1), err.slice(0, -1)];
}

/** Start `source` without waiting for it to end. */
export async function startProgram(d: ByteDriver, source: string): Promise<void> {
  await d.send(source + "\x04");
  await d.until("OK");
}

/** Python source lines joined; keeps test programs readable. */
export const py = (...lines: string[]): string => lines.join("\n");
