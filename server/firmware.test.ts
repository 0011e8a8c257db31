// The firmware proxy's refusals and file serving, through the real HTTP server, against a TEST DOUBLE of
// micropython.org (server/firmware/testUpstream.ts): every refusal rule, the size cap, timeouts, redirects, the disk
// cache and its integrity, and the real upstream's address pinning.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cacheKey, writeCacheEntry } from "./firmware/cache.mjs";
import { isPublicAddress } from "./firmware/policy.mjs";
import { FILE_URL, PUBLIC, freshDir, image, json, respond, serve, sha, type FakeResponse, type Upstream } from "./firmware/testUpstream";
import { defaultFetch } from "./firmware/upstream.mjs";

describe("firmware file proxy refuses", () => {
  it.each([
    ["another host", "https://example.com/resources/firmware/x.bin"],
    ["a look-alike host", "https://micropython.org.evil.test/resources/firmware/x.bin"],
    ["a trailing-dot host", "https://micropython.org./resources/firmware/x.bin"],
    ["plain http", "http://micropython.org/resources/firmware/x.bin"],
    ["raw ..", "https://micropython.org/resources/../../etc/passwd"],
    ["encoded %2e%2e", "https://micropython.org/resources/%2e%2e/secret"],
    ["encoded %2E%2E", "https://micropython.org/resources/firmware/%2E%2E/%2E%2E/secret"],
    ["an encoded slash", "https://micropython.org/resources/firmware%2f..%2fx"],
    ["a backslash", "https://micropython.org/resources\\..\\x"],
    ["a double slash", "https://micropython.org//resources/firmware/x.bin"],
    ["a path outside /resources/", "https://micropython.org/download/ESP32_GENERIC/"],
    ["userinfo", "https://user@micropython.org/resources/firmware/x.bin"],
    ["userinfo hiding the host", "https://micropython.org@127.0.0.1/resources/firmware/x.bin"],
    ["port 8443", "https://micropython.org:8443/resources/firmware/x.bin"],
    ["a query string", "https://micropython.org/resources/firmware/x.bin?token=1"],
    ["localhost", "https://localhost/resources/firmware/x.bin"],
    ["127.0.0.1", "https://127.0.0.1/resources/firmware/x.bin"],
    ["[::1]", "https://[::1]/resources/firmware/x.bin"],
    ["0.0.0.0", "https://0.0.0.0/resources/firmware/x.bin"],
    ["a metadata address", "https://169.254.169.254/resources/firmware/x.bin"],
  ])("%s with 400 and never fetches it", async (_name, url) => {
    const proxy = await serve({ routes: {} });
    const reply = await proxy.file(url);
    expect(reply.status).toBe(400);
    expect(reply.headers["content-type"]).toContain("application/json");
    expect(json(reply).error.length).toBeGreaterThan(0);
    expect(json(reply).hint.length).toBeGreaterThan(0);
    expect(proxy.calls).toEqual([]);
  });

  it("a missing or repeated url parameter, and extra parameters", async () => {
    const proxy = await serve({});
    const replies = await Promise.all([
      proxy.get("/api/firmware/file"),
      proxy.get(`/api/firmware/file?url=${encodeURIComponent(FILE_URL)}&url=${encodeURIComponent(FILE_URL)}`),
      proxy.get(`/api/firmware/file?url=${encodeURIComponent(FILE_URL)}&x=1`),
    ]);
    expect(replies.map((r) => r.status)).toEqual([400, 400, 400]);
    expect(proxy.calls).toEqual([]);
  });

  it.each([
    ["127.0.0.1", "127.0.0.1"],
    ["::1", "::1"],
    ["0.0.0.0", "0.0.0.0"],
    ["10.x", "10.1.2.3"],
    ["172.16.x", "172.20.0.1"],
    ["192.168.x", "192.168.1.1"],
    ["link-local", "169.254.169.254"],
    ["IPv6 unique-local", "fd12:3456::1"],
    ["IPv6 link-local", "fe80::1"],
    ["IPv4-mapped loopback", "::ffff:127.0.0.1"],
  ])("micropython.org resolving to %s (DNS rebinding), before connecting", async (_name, address) => {
    const family = address.includes(":") ? 6 : 4;
    const proxy = await serve({
      lookup: async () => [...PUBLIC, { address, family }],
      routes: { [FILE_URL]: () => respond(200, image(64)) },
    });
    const reply = await proxy.file(FILE_URL);
    expect(reply.status).toBe(502);
    expect(json(reply).error).toContain(address);
    expect(proxy.calls).toEqual([]);
  });

  it("connects to the address it checked", async () => {
    const proxy = await serve({ routes: { [FILE_URL]: () => respond(200, image(64)) } });
    expect((await proxy.file(FILE_URL)).status).toBe(200);
    expect(proxy.calls).toEqual([{ url: FILE_URL, address: PUBLIC[0].address }]);
  });

  it.each([
    ["another host", "https://evil.example/resources/firmware/x.bin"],
    ["http", "http://micropython.org/resources/firmware/x.bin"],
    ["a relative ..", "../../../etc/passwd"],
    ["a relative %2e%2e", "/resources/%2e%2e/x"],
    ["a path outside /resources/", "/admin/"],
    ["a protocol-relative host", "//127.0.0.1/resources/firmware/x.bin"],
  ])("a redirect to %s (502), without following it", async (_name, location) => {
    const proxy = await serve({ routes: { [FILE_URL]: () => respond(302, null, { location }) } });
    const reply = await proxy.file(FILE_URL);
    expect(reply.status).toBe(502);
    expect(json(reply).error).toMatch(/redirect/i);
    expect(proxy.calls.map((c) => c.url)).toEqual([FILE_URL]);
  });

  it("more than 3 redirects, even within micropython.org", async () => {
    const hop = (n: number) => `https://micropython.org/resources/firmware/hop${n}.bin`;
    const routes: Record<string, Upstream> = { [FILE_URL]: () => respond(301, null, { location: hop(1) }) };
    for (let n = 1; n <= 4; n++) routes[hop(n)] = () => respond(302, null, { location: hop(n + 1) });
    const proxy = await serve({ routes });
    const reply = await proxy.file(FILE_URL);
    expect(reply.status).toBe(502);
    expect(json(reply).error).toMatch(/too many/i);
    expect(proxy.calls.map((c) => c.url)).toEqual([FILE_URL, hop(1), hop(2), hop(3)]);
  });

  it("a body over the cap, by Content-Length, without reading it", async () => {
    let pulled = 0;
    const proxy = await serve({
      routes: {
        [FILE_URL]: () => ({
          status: 200,
          headers: new Headers({ "content-length": String(16 * 1024 * 1024 + 1) }),
          body: new ReadableStream({ pull: (c) => void (pulled++, c.enqueue(new Uint8Array(1024))) }),
        }),
      },
    });
    const reply = await proxy.file(FILE_URL);
    expect(reply.status).toBe(413);
    expect(json(reply).error).toMatch(/16 MiB/);
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it("a body over the cap without Content-Length, and stops reading it", async () => {
    let pulled = 0;
    const proxy = await serve({
      maxBytes: 10_000,
      routes: {
        [FILE_URL]: () => ({
          status: 200,
          headers: new Headers(),
          // 50 kB in 1 kB chunks: five times the cap, and finite, so a proxy without the cap answers 200 here.
          body: new ReadableStream({
            pull: (c) => void (++pulled > 50 ? c.close() : c.enqueue(new Uint8Array(1000))),
          }),
        }),
      },
    });
    const reply = await proxy.file(FILE_URL);
    expect(reply.status).toBe(413);
    // 11 chunks pass the cap; a few more may be queued by the stream, but not an endless read.
    expect(pulled).toBeLessThan(20);
    // Nothing of the refused body reached the cache.
    expect(existsSync(proxy.cacheDir) ? readdirSync(proxy.cacheDir).length : 0).toBe(0);
  });

  it("an upstream that never answers (504) or stops mid-body (504)", async () => {
    const proxy = await serve({
      timeouts: { headers: 50, idle: 50, total: 10_000 },
      routes: {
        [FILE_URL]: () => new Promise<FakeResponse>(() => {}),
        [FILE_URL.replace(".bin", ".uf2")]: () => ({
          status: 200,
          headers: new Headers({ "content-length": "2000" }),
          body: new ReadableStream({ start: (c) => c.enqueue(new Uint8Array(1000)) }),
        }),
      },
    });
    const [silent, stalled] = await Promise.all([proxy.file(FILE_URL), proxy.file(FILE_URL.replace(".bin", ".uf2"))]);
    expect(silent.status).toBe(504);
    expect(stalled.status).toBe(504);
    expect(json(stalled).error).toMatch(/part-way/);
  });
});

describe("firmware file proxy serves", () => {
  it("a file with its sha256, follows a same-site redirect, and caches it by the normalised URL", async () => {
    const bytes = image(5000);
    const moved = "https://micropython.org/resources/firmware/moved.bin";
    const proxy = await serve({
      routes: {
        [FILE_URL]: () => respond(302, null, { location: "/resources/firmware/moved.bin" }),
        [moved]: () => respond(200, bytes, { "content-type": "application/x-binary" }),
      },
    });
    const first = await proxy.file(FILE_URL.replace("micropython.org/", "micropython.org:443/"));
    expect(first.status).toBe(200);
    expect(Buffer.compare(first.body, Buffer.from(bytes))).toBe(0);
    expect(first.headers["x-mote-sha256"]).toBe(sha(bytes));
    expect(first.headers["x-mote-cache"]).toBe("miss");

    const meta = JSON.parse(readFileSync(path.join(proxy.cacheDir, `${cacheKey(FILE_URL)}.json`), "utf8"));
    expect(meta).toMatchObject({ url: FILE_URL, size: 5000, sha256: sha(bytes), contentType: "application/x-binary" });
    expect(Number.isNaN(Date.parse(meta.fetchedAt))).toBe(false);

    const second = await proxy.file(FILE_URL);
    expect(second.status).toBe(200);
    expect(second.headers["x-mote-cache"]).toBe("hit");
    expect(second.headers["x-mote-sha256"]).toBe(sha(bytes));
    expect(Buffer.compare(second.body, Buffer.from(bytes))).toBe(0);
    expect(proxy.calls.map((c) => c.url)).toEqual([FILE_URL, moved]);
  });

  it("a cached file with no network at all", async () => {
    const cacheDir = freshDir("offline-file");
    const bytes = image(3000, 99);
    await writeCacheEntry(cacheDir, FILE_URL, bytes);
    const proxy = await serve({ cacheDir, routes: {} });
    const reply = await proxy.file(FILE_URL);
    expect(reply.status).toBe(200);
    expect(reply.headers["x-mote-sha256"]).toBe(sha(bytes));
    expect(Buffer.compare(reply.body, Buffer.from(bytes))).toBe(0);
  });

  it("never a damaged cache entry: it is dropped and fetched again", async () => {
    const cacheDir = freshDir("damaged");
    const good = image(2000, 3);
    await writeCacheEntry(cacheDir, FILE_URL, good);
    const bodyPath = path.join(cacheDir, `${cacheKey(FILE_URL)}.bin`);
    const broken = readFileSync(bodyPath);
    broken[1000] ^= 0xff;
    writeFileSync(bodyPath, broken);
    const proxy = await serve({ cacheDir, routes: { [FILE_URL]: () => respond(200, good) } });
    const reply = await proxy.file(FILE_URL);
    expect(reply.headers["x-mote-cache"]).toBe("miss");
    expect(reply.headers["x-mote-sha256"]).toBe(sha(good));
    expect(proxy.calls.length).toBe(1);
  });

  it("offline and uncached: a 502 JSON that says what to do", async () => {
    const proxy = await serve({ routes: {} });
    const reply = await proxy.file(FILE_URL);
    expect(reply.status).toBe(502);
    const body = json(reply);
    expect(body.error).toMatch(/could not reach micropython\.org/i);
    expect(body.hint).toMatch(/local \.bin\/\.uf2\/\.dfu/);
  });

  it("the security headers on firmware answers, successful or not", async () => {
    const proxy = await serve({ routes: { [FILE_URL]: () => respond(200, image(10)) } });
    for (const reply of [await proxy.file(FILE_URL), await proxy.file("http://x/"), await proxy.get("/api/firmware/index")]) {
      expect(reply.headers["content-security-policy"]).toContain("default-src 'self'");
      expect(reply.headers["cross-origin-opener-policy"]).toBe("same-origin");
      expect(reply.headers["cross-origin-embedder-policy"]).toBe("require-corp");
      expect(reply.headers["x-content-type-options"]).toBe("nosniff");
      expect(reply.headers["x-mote-sha256"]).toBe(sha(reply.body));
    }
  });
});

describe("isPublicAddress", () => {
  it("accepts public addresses and refuses the rest", () => {
    expect(["176.58.119.26", "8.8.8.8", "2a00:1450:4001::1"].map(isPublicAddress)).toEqual([true, true, true]);
    expect(["127.1.2.3", "10.0.0.1", "100.64.0.1", "::", "fe80::1", "ff02::1", "not-an-ip"].map(isPublicAddress)).toEqual(
      [false, false, false, false, false, false, false],
    );
  });
});

describe("defaultFetch (the real upstream)", () => {
  it("connects to the address that was checked, not a fresh DNS answer, and still sends micropython.org as TLS SNI", async () => {
    // A bare TCP listener stands in for micropython.org: it records the TLS ClientHello and hangs up. There is no DNS
    // on this path at all, so reaching it proves the connection used the pinned address.
    let hello: Buffer = Buffer.alloc(0);
    const listener = net.createServer((socket) => {
      socket.once("data", (d: Buffer) => {
        hello = d;
        socket.destroy();
      });
    });
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
    const { port } = listener.address() as net.AddressInfo;
    try {
      const controller = new AbortController();
      const outcome = await defaultFetch(`https://micropython.org:${port}/resources/firmware/x.bin`, {
        signal: controller.signal,
        address: { address: "127.0.0.1", family: 4 },
        headers: {},
      }).catch((e: unknown) => e);
      expect(outcome).toBeInstanceOf(Error);
      expect(hello.length).toBeGreaterThan(0);
      expect(hello[0]).toBe(0x16); // a TLS handshake record
      expect(hello.includes(Buffer.from("micropython.org"))).toBe(true);
    } finally {
      listener.close();
    }
  });
});
