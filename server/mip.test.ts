// The package (mip) proxy through the real HTTP server: every refusal rule, the MOTE_MIP_INDEXES allowlist (loopback
// only when listed, and then only what the entry names), redirects re-checked, the size cap and the timeouts. Rules are
// driven through a TEST DOUBLE upstream (an injected fetch routed by URL, and a DNS lookup answering per test); the
// last block fetches from a REAL local HTTP server with the real http client.
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startServer } from "./app.mjs";
import { createMipRoutes } from "./mip/routes.mjs";
import { allowedPrefixes, checkMipUrl, parseListedPrefixes, RefusedUrl } from "./mip/policy.mjs";
import { createRouter } from "./router.mjs";

const tmp = mkdtempSync(path.join(os.tmpdir(), "mote-mip-"));
const dist = path.join(tmp, "dist");
mkdirSync(dist, { recursive: true });
writeFileSync(path.join(dist, "index.html"), "<!doctype html><title>Mote</title>");
const closers: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
  rmSync(tmp, { recursive: true, force: true });
});

const INDEX = "https://micropython.org/pi/v2/index.json";
const RAW = "https://raw.githubusercontent.com/owner/repo/HEAD/package.json";
const PUBLIC = [{ address: "176.58.119.26", family: 4 }];
const sha = (b: Uint8Array | string) => createHash("sha256").update(b).digest("hex");

type FakeResponse = { status: number; headers: Headers; body: ReadableStream<Uint8Array> | null };
type Route = () => Promise<FakeResponse> | FakeResponse;

function respond(status: number, body: Uint8Array | string | null, headers: Record<string, string> = {}): FakeResponse {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const h = new Headers(headers);
  if (bytes && !h.has("content-length")) h.set("content-length", String(bytes.length));
  return {
    status,
    headers: h,
    body: bytes ? new ReadableStream({ start: (c) => (c.enqueue(bytes), c.close()) }) : null,
  };
}

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** A Mote server with the mip routes; the upstream is the TEST DOUBLE unless `real` is set. */
async function serve(options: {
  routes?: Record<string, Route>;
  listed?: string;
  lookup?: (host: string) => Promise<{ address: string; family: number }[]>;
  maxBytes?: number;
  timeouts?: { headers: number; idle: number; total: number };
  real?: boolean;
}) {
  const calls: { url: string; address: string }[] = [];
  const fakeFetch = async (url: string, init: { address: { address: string } }) => {
    calls.push({ url, address: init.address.address });
    const route = options.routes?.[url];
    if (!route) throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
    return route();
  };
  const router = createRouter();
  createMipRoutes({
    listed: options.listed,
    lookup: options.lookup ?? (async () => PUBLIC),
    ...(options.real ? {} : { fetch: fakeFetch }),
    maxBytes: options.maxBytes,
    timeouts: options.timeouts,
  }).register(router);
  const running = await startServer({ root: dist, port: 0, router });
  closers.push(running.close);
  // A raw client: fetch() would normalise the very paths under test before sending them.
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
  const file = (url: string) => get(`/api/mip/fetch?url=${encodeURIComponent(url)}`);
  return { get, file, calls };
}

const json = (r: Reply) => JSON.parse(r.body.toString("utf8")) as { error: string; hint: string; upstreamStatus?: number };

describe("package proxy refuses", () => {
  it.each([
    ["another host", "https://example.com/pi/v2/index.json"],
    ["a look-alike host", "https://micropython.org.evil.test/pi/v2/index.json"],
    ["a trailing-dot host", "https://micropython.org./pi/v2/index.json"],
    ["micropython.org outside /pi/", "https://micropython.org/resources/firmware/x.bin"],
    ["a prefix without its slash", "https://micropython.org/pizza"],
    ["plain http to a default host", "http://micropython.org/pi/v2/index.json"],
    ["raw ..", "https://micropython.org/pi/../resources/x"],
    ["encoded %2e%2e", "https://micropython.org/pi/%2e%2e/resources/x"],
    ["an encoded slash", "https://micropython.org/pi%2f..%2fx"],
    ["a backslash", "https://micropython.org/pi\\..\\x"],
    ["a double slash", "https://micropython.org//pi/v2/index.json"],
    ["userinfo", "https://user@micropython.org/pi/v2/index.json"],
    ["userinfo hiding the host", "https://micropython.org@127.0.0.1/pi/v2/index.json"],
    ["a port", "https://micropython.org:8443/pi/v2/index.json"],
    ["a query string", "https://raw.githubusercontent.com/o/r/HEAD/x.py?token=1"],
    ["a fragment", "https://micropython.org/pi/v2/index.json#x"],
    ["a NUL", "https://micropython.org/pi/v2/\u0000index.json"],
    ["a percent-encoding", "https://raw.githubusercontent.com/o/r/HEAD/a%20b.py"],
    ["loopback that nobody listed", "http://127.0.0.1:4881/pi/v2/index.json"],
    ["localhost", "https://localhost/pi/v2/index.json"],
    ["a metadata address", "http://169.254.169.254/latest/meta-data"],
    ["a file: URL", "file:///etc/passwd"],
    ["a github: spec (the page rewrites those)", "github:owner/repo"],
  ])("%s with 400 and never fetches it", async (_name, url) => {
    const proxy = await serve({ routes: {} });
    const reply = await proxy.file(url);
    expect(reply.status).toBe(400);
    expect(reply.headers["content-type"]).toContain("application/json");
    expect(json(reply).error.length).toBeGreaterThan(0);
    expect(json(reply).hint).toContain("MOTE_MIP_INDEXES");
    expect(proxy.calls).toEqual([]);
  });

  it("a missing or repeated url parameter, and extra parameters", async () => {
    const proxy = await serve({});
    const replies = await Promise.all([
      proxy.get("/api/mip/fetch"),
      proxy.get(`/api/mip/fetch?url=${encodeURIComponent(INDEX)}&url=${encodeURIComponent(INDEX)}`),
      proxy.get(`/api/mip/fetch?url=${encodeURIComponent(INDEX)}&x=1`),
    ]);
    expect(replies.map((r) => r.status)).toEqual([400, 400, 400]);
    expect(proxy.calls).toEqual([]);
  });

  it.each([
    ["127.0.0.1", "127.0.0.1"],
    ["::1", "::1"],
    ["10.x", "10.1.2.3"],
    ["192.168.x", "192.168.1.1"],
    ["link-local", "169.254.169.254"],
    ["IPv6 unique-local", "fd12:3456::1"],
    ["IPv4-mapped loopback", "::ffff:127.0.0.1"],
  ])("a default host resolving to %s (DNS rebinding), before connecting", async (_name, address) => {
    const family = address.includes(":") ? 6 : 4;
    const proxy = await serve({ lookup: async () => [...PUBLIC, { address, family }], routes: { [INDEX]: () => respond(200, "{}") } });
    const reply = await proxy.file(INDEX);
    expect(reply.status).toBe(502);
    expect(json(reply).error).toContain(address);
    expect(proxy.calls).toEqual([]);
  });

  it.each([
    ["another host", "https://evil.example/pi/v2/x"],
    ["a default host over http", "http://micropython.org/pi/v2/x"],
    ["a relative ..", "../../resources/x"],
    ["a relative %2e%2e", "/pi/%2e%2e/x"],
    ["a path outside the prefix", "/resources/firmware/x.bin"],
    ["a protocol-relative loopback", "//127.0.0.1/pi/v2/x"],
  ])("a redirect to %s (502), without following it", async (_name, location) => {
    const proxy = await serve({ routes: { [INDEX]: () => respond(302, null, { location }) } });
    const reply = await proxy.file(INDEX);
    expect(reply.status).toBe(502);
    expect(json(reply).error).toMatch(/redirect/i);
    expect(proxy.calls.map((c) => c.url)).toEqual([INDEX]);
  });

  it("more than 3 redirects, even within the prefix", async () => {
    const hop = (n: number) => `https://micropython.org/pi/v2/hop${n}`;
    const routes: Record<string, Route> = { [INDEX]: () => respond(301, null, { location: hop(1) }) };
    for (let n = 1; n <= 4; n++) routes[hop(n)] = () => respond(302, null, { location: hop(n + 1) });
    const proxy = await serve({ routes });
    const reply = await proxy.file(INDEX);
    expect(reply.status).toBe(502);
    expect(json(reply).error).toMatch(/too many/i);
    expect(proxy.calls.map((c) => c.url)).toEqual([INDEX, hop(1), hop(2), hop(3)]);
  });

  it("a body over the cap, by Content-Length and while reading", async () => {
    let pulled = 0;
    const proxy = await serve({
      maxBytes: 10_000,
      routes: {
        [INDEX]: () => respond(200, null, { "content-length": "10001" }),
        [RAW]: () => ({
          status: 200,
          headers: new Headers(),
          body: new ReadableStream({ pull: (c) => void (++pulled > 50 ? c.close() : c.enqueue(new Uint8Array(1000))) }),
        }),
      },
    });
    const [declared, streamed] = await Promise.all([proxy.file(INDEX), proxy.file(RAW)]);
    expect(declared.status).toBe(413);
    expect(streamed.status).toBe(413);
    expect(pulled).toBeLessThan(20);
  });

  it("an upstream that never answers (504) or stops mid-body (504)", async () => {
    const proxy = await serve({
      timeouts: { headers: 50, idle: 50, total: 10_000 },
      routes: {
        [INDEX]: () => new Promise<FakeResponse>(() => {}),
        [RAW]: () => ({
          status: 200,
          headers: new Headers({ "content-length": "2000" }),
          body: new ReadableStream({ start: (c) => c.enqueue(new Uint8Array(1000)) }),
        }),
      },
    });
    const [silent, stalled] = await Promise.all([proxy.file(INDEX), proxy.file(RAW)]);
    expect(silent.status).toBe(504);
    expect(stalled.status).toBe(504);
    expect(json(stalled).error).toMatch(/part-way/);
  });

  it("passes a 404 on as 404 and other failures as 502, with the upstream's status", async () => {
    const proxy = await serve({ routes: { [INDEX]: () => respond(404, "nope"), [RAW]: () => respond(500, "oops") } });
    const [missing, broken] = await Promise.all([proxy.file(INDEX), proxy.file(RAW)]);
    expect([missing.status, json(missing).upstreamStatus]).toEqual([404, 404]);
    expect([broken.status, json(broken).upstreamStatus]).toEqual([502, 500]);
  });
});

describe("MOTE_MIP_INDEXES", () => {
  it("adds prefixes, each ending in a slash, and reports entries it cannot use", () => {
    const { prefixes, problems } = parseListedPrefixes(
      "http://127.0.0.1:4881/pi, https://mirror.example/mip/ ftp://x/ http://u:p@h/ http://h/?q=1 nonsense",
    );
    expect(prefixes.map((p) => p.href)).toEqual(["http://127.0.0.1:4881/pi/", "https://mirror.example/mip/"]);
    expect(prefixes.map((p) => p.local)).toEqual(["literal", "no"]);
    expect(problems).toHaveLength(4);
    expect(allowedPrefixes(undefined).prefixes.map((p) => p.href)).toEqual([
      "https://micropython.org/pi/",
      "https://raw.githubusercontent.com/",
    ]);
  });

  it("a listed loopback prefix allows exactly its origin and path", () => {
    const { prefixes } = allowedPrefixes("http://127.0.0.1:4881/pi/");
    expect(checkMipUrl("http://127.0.0.1:4881/pi/v2/index.json", prefixes).prefix.listed).toBe(true);
    for (const other of [
      "http://127.0.0.1:4882/pi/v2/index.json",
      "http://127.0.0.1:4881/other/x",
      "https://127.0.0.1:4881/pi/v2/index.json",
      "http://127.0.0.2:4881/pi/v2/index.json",
      "http://localhost:4881/pi/v2/index.json",
    ]) {
      expect(() => checkMipUrl(other, prefixes), other).toThrow(RefusedUrl);
    }
  });

  it("a listed host NAME must still resolve to public addresses; `localhost` only to loopback", async () => {
    const named = await serve({
      listed: "http://index.example/pi/ http://localhost:4881/",
      lookup: async (host) => (host === "localhost" ? [{ address: "10.0.0.5", family: 4 }] : [{ address: "127.0.0.1", family: 4 }]),
      routes: {},
    });
    const [byName, byLocalhost] = await Promise.all([
      named.file("http://index.example/pi/v2/index.json"),
      named.file("http://localhost:4881/index.json"),
    ]);
    expect(byName.status).toBe(502);
    expect(json(byName).error).toContain("127.0.0.1");
    expect(byLocalhost.status).toBe(502);
    expect(json(byLocalhost).error).toContain("10.0.0.5");
    expect(named.calls).toEqual([]);
  });
});

describe("package proxy serves (REAL local HTTP server, real http client)", () => {
  it("index.json and a file from a listed loopback index, as octet-stream, following a redirect inside the prefix", async () => {
    const index = JSON.stringify({ v: 2, packages: [{ name: "x", version: "1" }] });
    const requests: string[] = [];
    const upstream = http.createServer((req, res) => {
      requests.push(req.url ?? "");
      if (req.url === "/pi/v2/index.json") {
        res.writeHead(200, { "content-type": "text/html" });
        return res.end(index);
      }
      if (req.url === "/pi/v2/old") {
        res.writeHead(302, { location: "/pi/v2/index.json" });
        return res.end();
      }
      if (req.url === "/pi/v2/slow") return; // never answers
      res.writeHead(404);
      res.end();
    });
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    closers.push(() => new Promise<void>((resolve) => (upstream.closeAllConnections(), upstream.close(() => resolve()))));
    const port = (upstream.address() as AddressInfo).port;
    const base = `http://127.0.0.1:${port}/pi/`;
    const proxy = await serve({ real: true, listed: base, timeouts: { headers: 300, idle: 300, total: 5_000 } });

    const ok = await proxy.file(`${base}v2/index.json`);
    expect(ok.status).toBe(200);
    expect(ok.body.toString("utf8")).toBe(index);
    // Never the upstream's text/html: a fetched file must not become a page of Mote's origin.
    expect(ok.headers["content-type"]).toBe("application/octet-stream");
    expect(ok.headers["x-mote-sha256"]).toBe(sha(index));
    expect(ok.headers["content-security-policy"]).toContain("default-src 'self'");

    expect((await proxy.file(`${base}v2/old`)).body.toString("utf8")).toBe(index);
    const missing = await proxy.file(`${base}v2/package/py/nope/latest.json`);
    expect(missing.status).toBe(404);
    const slow = await proxy.file(`${base}v2/slow`);
    expect(slow.status).toBe(504);
    expect(json(slow).hint).toMatch(/slow or unreachable/);
    // A loopback port nobody listed is refused before any connection.
    const before = requests.length;
    expect((await proxy.file(`http://127.0.0.1:${port}/other/index.json`)).status).toBe(400);
    expect(requests.length).toBe(before);
  });
});
