// The board index and download-page routes, the offline cache, the e2e fixture's seeded cache, and the app's catalog
// client end to end against the real server, with a TEST DOUBLE of micropython.org (testUpstream.ts).
import { spawn } from "node:child_process";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_FIXTURE_INDEX, fixtureFirmwareUrl, seedFirmwareCache } from "../../e2e/fixtures/firmwareCache";
import { fetchFirmware, firmwareFor, loadCatalog } from "../../src/flash/catalog";
import { writeCacheEntry } from "./cache.mjs";
import { INDEX_URL } from "./policy.mjs";
import { dist, freshDir, image, json, respond, serve, sha } from "./testUpstream";

describe("board index and download pages", () => {
  const INDEX = JSON.stringify([{ id: "ESP32_GENERIC", port: "esp32", mcu: "esp32", product: "ESP32" }]);
  const OLD_INDEX = JSON.stringify([{ id: "OLD", port: "rp2", mcu: "rp2040", product: "Old" }]);

  it("proxies index.json as it is and revalidates it after the list max-age", async () => {
    let now = new Date("2026-01-01T00:00:00Z");
    const proxy = await serve({ now: () => now, listMaxAgeMs: 60_000, routes: { [INDEX_URL]: () => respond(200, INDEX) } });
    const first = await proxy.get("/api/firmware/index");
    expect(first.status).toBe(200);
    expect(first.body.toString()).toBe(INDEX);
    expect(first.headers["x-mote-sha256"]).toBe(sha(INDEX));
    now = new Date(now.getTime() + 30_000);
    expect((await proxy.get("/api/firmware/index")).headers.age).toBe("30");
    now = new Date(now.getTime() + 60_000);
    expect((await proxy.get("/api/firmware/index")).headers["x-mote-cache"]).toBe("miss");
    expect(proxy.calls.length).toBe(2);
  });

  it("serves a stale cached index when offline, saying it is cached and how old", async () => {
    const cacheDir = freshDir("stale-index");
    await writeCacheEntry(cacheDir, INDEX_URL, Buffer.from(OLD_INDEX), { fetchedAt: new Date("2026-01-01T00:00:00Z") });
    const proxy = await serve({ cacheDir, now: () => new Date("2026-01-02T00:00:00Z"), routes: {} });
    const reply = await proxy.get("/api/firmware/index");
    expect(reply.status).toBe(200);
    expect(reply.body.toString()).toBe(OLD_INDEX);
    expect(reply.headers["x-mote-cache"]).toBe("stale");
    expect(reply.headers["x-mote-cached-at"]).toBe("2026-01-01T00:00:00.000Z");
    expect(reply.headers.age).toBe("86400");
    expect(reply.headers["x-mote-upstream-error"]).toMatch(/ENOTFOUND/);
  });

  it("prefers the cached index to a captive portal's HTML, and refuses that HTML with nothing cached", async () => {
    const portal = { [INDEX_URL]: () => respond(200, "<html>Log in to the hotel Wi-Fi</html>", { "content-type": "text/html" }) };
    const cacheDir = freshDir("portal");
    await writeCacheEntry(cacheDir, INDEX_URL, Buffer.from(OLD_INDEX), { fetchedAt: new Date(0) });
    const withCache = await serve({ cacheDir, routes: portal });
    expect((await withCache.get("/api/firmware/index")).body.toString()).toBe(OLD_INDEX);
    const without = await serve({ routes: portal });
    const reply = await without.get("/api/firmware/index");
    expect(reply.status).toBe(502);
    expect(json(reply).hint).toMatch(/local/);
  });

  it("offline and uncached index: 504 on a stall, 502 unreachable", async () => {
    const stalled = await serve({ timeouts: { headers: 50, idle: 50, total: 5000 }, routes: { [INDEX_URL]: () => new Promise(() => {}) } });
    expect((await stalled.get("/api/firmware/index")).status).toBe(504);
    const unreachable = await serve({ routes: {} });
    expect((await unreachable.get("/api/firmware/index")).status).toBe(502);
  });

  it("lists a board's firmware links from its download page, and nothing else", async () => {
    const page = "https://micropython.org/download/ESP32_GENERIC/";
    const html = `<html><body>
      <a href="/download/">All boards</a>
      <a href="/resources/firmware/ESP32_GENERIC-20241129-v1.24.1.bin">v1.24.1</a>
      <a href='https://micropython.org/resources/firmware/ESP32_GENERIC-SPIRAM-20241129-v1.24.1.bin'>spiram</a>
      <a href="/resources/firmware/ESP32_GENERIC-20241129-v1.24.1.bin">duplicate</a>
      <a href="https://evil.example/resources/firmware/ESP32_GENERIC-20241129-v1.24.1.bin">elsewhere</a>
      <a href="/resources/firmware/../../etc/passwd">escape</a>
      <a href="/resources/firmware/ESP32_GENERIC-20241129-v1.24.1.elf">elf</a>
    </body></html>`;
    const proxy = await serve({ routes: { [page]: () => respond(200, html, { "content-type": "text/html" }) } });
    const reply = await proxy.get("/api/firmware/board/ESP32_GENERIC");
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body.toString())).toEqual({
      id: "ESP32_GENERIC",
      page,
      files: [
        "https://micropython.org/resources/firmware/ESP32_GENERIC-20241129-v1.24.1.bin",
        "https://micropython.org/resources/firmware/ESP32_GENERIC-SPIRAM-20241129-v1.24.1.bin",
        "https://micropython.org/resources/firmware/ESP32_GENERIC-20241129-v1.24.1.elf",
      ],
    });
    expect(reply.headers["x-mote-sha256"]).toBe(sha(reply.body));
    expect((await proxy.get("/api/firmware/board/bad.id")).status).toBe(400);
  });
});

describe("seeded cache (the e2e fixture)", () => {
  let cacheDir = "";
  beforeEach(() => {
    cacheDir = freshDir("seeded");
  });

  it("is served with no network: index, board lists and the given bytes", async () => {
    const esp = image(4096, 11);
    const pico = image(2048, 12);
    await seedFirmwareCache(cacheDir, {
      files: [
        { url: fixtureFirmwareUrl("ESP32_GENERIC"), bytes: esp },
        { url: fixtureFirmwareUrl("RPI_PICO"), bytes: pico },
      ],
    });
    const proxy = await serve({ cacheDir, offline: true, routes: {} });

    const index = JSON.parse((await proxy.get("/api/firmware/index")).body.toString());
    expect(index.map((b: { id: string }) => b.id)).toEqual(DEFAULT_FIXTURE_INDEX.map((b) => b.id));
    expect(index.every((b: object) => !("firmware" in b))).toBe(true);

    for (const board of DEFAULT_FIXTURE_INDEX) {
      const listed = JSON.parse((await proxy.get(`/api/firmware/board/${board.id}`)).body.toString());
      expect(listed.files).toEqual(board.firmware);
    }
    const espReply = await proxy.file(fixtureFirmwareUrl("ESP32_GENERIC"));
    expect(espReply.headers["x-mote-sha256"]).toBe(sha(esp));
    expect(Buffer.compare(espReply.body, Buffer.from(esp))).toBe(0);
    expect((await proxy.file(fixtureFirmwareUrl("RPI_PICO"))).headers["x-mote-sha256"]).toBe(sha(pico));

    const missing = await proxy.file(fixtureFirmwareUrl("PYBV11"));
    expect(missing.status).toBe(502);
    expect(json(missing).error).toMatch(/offline/);
    expect(proxy.calls).toEqual([]);
  });

  it("gives the app's catalog client boards, latest stable first, and verified bytes", async () => {
    const bytes = image(6000, 31);
    await seedFirmwareCache(cacheDir, { files: [{ url: fixtureFirmwareUrl("ESP32_GENERIC_C3"), bytes }] });
    const proxy = await serve({ cacheDir, offline: true, routes: {} });
    const base = proxy.base;
    const viaServer = ((input: RequestInfo | URL, init?: RequestInit) => fetch(base + String(input), init)) as typeof fetch;

    const catalog = await loadCatalog({ fetch: viaServer });
    expect(catalog.cached).toBe(true);
    const byId = new Map(catalog.boards.map((b) => [b.id, b]));
    expect([...byId.values()].map((b) => [b.id, b.mcu, b.family]).sort()).toEqual([
      ["ESP32_GENERIC", "esp32", "esp"],
      ["ESP32_GENERIC_C3", "esp32c3", "esp"],
      ["PYBV11", "stm32f4", "stm32"],
      ["RPI_PICO", "rp2040", "rp2"],
      ["RPI_PICO2", "rp2350", "rp2"],
    ]);
    for (const board of catalog.boards) {
      const [first] = await firmwareFor(board, { fetch: viaServer });
      expect(first.url).toBe(fixtureFirmwareUrl(board.id));
      expect(first).toMatchObject({ preview: false, version: "v1.24.1", date: "2024-11-29" });
      expect(first.variant).toBeUndefined();
    }
    const got = await fetchFirmware(fixtureFirmwareUrl("ESP32_GENERIC_C3"), { fetch: viaServer });
    expect(Buffer.compare(Buffer.from(got.bytes), Buffer.from(bytes))).toBe(0);
    expect(got.sha256).toBe(sha(bytes));
    const offline = await fetchFirmware(fixtureFirmwareUrl("RPI_PICO"), { fetch: viaServer }).catch((e: unknown) => e);
    expect(offline).toMatchObject({ code: "Network" });
    expect((offline as { hint: string }).hint).toMatch(/local/);
  });

  it("is what `node server/main.mjs` serves with MOTE_FIRMWARE_CACHE and MOTE_FIRMWARE_OFFLINE", async () => {
    const bytes = image(1500, 21);
    await seedFirmwareCache(cacheDir, { files: [{ url: fixtureFirmwareUrl("PYBV11"), bytes }] });
    const child = spawn(process.execPath, [path.join(import.meta.dirname, "..", "main.mjs")], {
      env: { ...process.env, PORT: "0", MOTE_DIST: dist, MOTE_FIRMWARE_CACHE: cacheDir, MOTE_FIRMWARE_OFFLINE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          const m = /localhost:(\d+)/.exec(out);
          if (m) resolve(Number(m[1]));
        });
        child.on("exit", (code) => reject(new Error(`server exited ${code}`)));
      });
      const reply = await fetch(`http://127.0.0.1:${port}/api/firmware/file?url=${encodeURIComponent(fixtureFirmwareUrl("PYBV11"))}`);
      expect(reply.status).toBe(200);
      expect(reply.headers.get("x-mote-sha256")).toBe(sha(bytes));
      expect(Buffer.compare(Buffer.from(await reply.arrayBuffer()), Buffer.from(bytes))).toBe(0);
    } finally {
      child.kill();
    }
  });
});

