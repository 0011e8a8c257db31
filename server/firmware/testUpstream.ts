// TEST DOUBLE of micropython.org for the firmware proxy's tests: an injected fetch routed by URL (answers, redirects,
// stalls, endless bodies are written per test) and a DNS lookup answering a public address; plus a real Mote server
// around the routes, and a raw HTTP client (fetch() would normalise the paths under test before sending them).
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { startServer } from "../app.mjs";
import { createRouter } from "../router.mjs";
import { createFirmwareRoutes } from "./routes.mjs";

export const tmp = mkdtempSync(path.join(os.tmpdir(), "mote-firmware-"));
export const dist = path.join(tmp, "dist");
mkdirSync(dist, { recursive: true });
writeFileSync(path.join(dist, "index.html"), "<!doctype html><title>Mote</title>");
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

export const FILE_URL = "https://micropython.org/resources/firmware/ESP32_GENERIC-20241129-v1.24.1.bin";
export const PUBLIC = [{ address: "176.58.119.26", family: 4 }];
export const sha = (b: Uint8Array | string) => createHash("sha256").update(b).digest("hex");
/** Bytes that look nothing like their neighbours at any offset, so a shifted or truncated copy cannot pass. */
export const image = (n: number, seed = 7) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed + (i >> 8)) & 0xff);

export type Reply = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };
export type FakeResponse = { status: number; headers: Headers; body: ReadableStream<Uint8Array> | null };
export type Upstream = (url: string, init: { signal: AbortSignal }) => Promise<FakeResponse> | FakeResponse;

export function respond(status: number, body: Uint8Array | string | null, headers: Record<string, string> = {}): FakeResponse {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const h = new Headers(headers);
  if (bytes && !h.has("content-length")) h.set("content-length", String(bytes.length));
  return {
    status,
    headers: h,
    body: bytes
      ? new ReadableStream({
          start(c) {
            c.enqueue(bytes);
            c.close();
          },
        })
      : null,
  };
}

/** A test double of micropython.org: routes by URL, records what was fetched and from which address. */
function fakeUpstream(routes: Record<string, Upstream>) {
  const calls: { url: string; address: string }[] = [];
  const fetch = async (url: string, init: { signal: AbortSignal; address: { address: string } }) => {
    calls.push({ url, address: init.address.address });
    const route = routes[url];
    if (!route) throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
    return route(url, init);
  };
  return { fetch, calls };
}

let dirCount = 0;
export const freshDir = (name: string) => path.join(tmp, `${name}-${dirCount++}`);
export async function serve(options: Parameters<typeof createFirmwareRoutes>[0] & { routes?: Record<string, Upstream> }) {
  const upstream = fakeUpstream(options.routes ?? {});
  const cacheDir = options.cacheDir ?? freshDir("cache");
  const router = createRouter();
  createFirmwareRoutes({ lookup: async () => PUBLIC, fetch: upstream.fetch, ...options, cacheDir }).register(router);
  const running = await startServer({ root: dist, port: 0, router });
  servers.push(running.close);
  const get = (rawPath: string) =>
    new Promise<Reply>((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port: running.port, path: rawPath });
      req.on("response", (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on("error", reject);
      req.end();
    });
  const file = (url: string) => get(`/api/firmware/file?url=${encodeURIComponent(url)}`);
  return { get, file, calls: upstream.calls, cacheDir, base: `http://127.0.0.1:${running.port}` };
}
const servers: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(servers.map((close) => close()));
});

export const json = (r: Reply) => JSON.parse(r.body.toString("utf8")) as { error: string; hint: string };
