// The catalog client against a TEST DOUBLE of Mote's firmware routes (an injected fetch answering what
// server/firmware/routes.mjs answers), with fixture JSON shaped like micropython.org's index.json.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  fetchFirmware,
  firmwareFor,
  kindOfFileName,
  loadCatalog,
  parseBoardIndex,
  parseFirmwareUrl,
  type Board,
} from "./catalog";
import { isFlashError } from "./errors";

const FW = "https://micropython.org/resources/firmware/";

/** Entries as index.json carries them (board.json + id/port/build), including the odd ones a tolerant parser meets. */
const INDEX = [
  {
    build: "ESP32_GENERIC",
    id: "ESP32_GENERIC",
    port: "esp32",
    mcu: "esp32",
    product: "ESP32 / WROOM",
    vendor: "Espressif",
    url: "https://www.espressif.com/en/products/modules",
    variants: { SPIRAM: "Support for SPIRAM / WROVER", OTA: "Support for OTA" },
    deploy_options: { flash_offset: "0x1000" },
    features: ["BLE", "WiFi"],
    images: ["esp32_devkitc.jpg"],
  },
  { build: "ESP32_GENERIC_C3", id: "ESP32_GENERIC_C3", port: "esp32", mcu: "esp32c3", product: "ESP32-C3", deploy_options: { flash_offset: "0" } },
  { build: "ESP8266_GENERIC", id: "ESP8266_GENERIC", port: "esp8266", mcu: "esp8266", product: "ESP8266" },
  { build: "RPI_PICO2", id: "RPI_PICO2", port: "rp2", mcu: "rp2350", product: "Pico 2", vendor: "Raspberry Pi" },
  { build: "PYBV11", id: "PYBV11", port: "stm32", mcu: "stm32f4", product: "Pyboard v1.1", vendor: "George Robotics" },
  { build: "TEENSY41", port: "mimxrt", mcu: "mimxrt", product: "Teensy 4.1" },
  { id: "ESP32_GENERIC", port: "esp32", mcu: "esp32", product: "duplicate, ignored" },
  { id: "../../etc", mcu: "x" },
  { product: "no id at all" },
  "not an object",
];

function reply(body: BodyInit | null, init: { status?: number; headers?: Record<string, string> } = {}) {
  return new Response(body, { status: init.status ?? 200, headers: init.headers });
}

/** Routes paths to canned answers, and records the paths asked for. */
function server(routes: Record<string, () => Response | Promise<Response>>) {
  const asked: string[] = [];
  const fetch = (async (input: RequestInfo | URL) => {
    const path = String(input);
    asked.push(path);
    const route = routes[path];
    if (!route) return reply(JSON.stringify({ error: "Not found" }), { status: 404 });
    return route();
  }) as typeof globalThis.fetch;
  return { fetch, asked };
}

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const image = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 131 + (i >> 7)) & 0xff);

describe("parseBoardIndex", () => {
  const boards = parseBoardIndex(INDEX);
  const byId = new Map(boards.map((b) => [b.id, b]));

  it("keeps one board per valid id, from id or build, and drops the rest", () => {
    expect([...byId.keys()].sort()).toEqual(["ESP32_GENERIC", "ESP32_GENERIC_C3", "ESP8266_GENERIC", "PYBV11", "RPI_PICO2", "TEENSY41"]);
    expect(byId.get("ESP32_GENERIC")!.name).toBe("ESP32 / WROOM");
  });

  it("derives family, mcu, offset and variants", () => {
    expect(byId.get("ESP32_GENERIC")).toEqual({
      id: "ESP32_GENERIC",
      name: "ESP32 / WROOM",
      vendor: "Espressif",
      mcu: "esp32",
      family: "esp",
      url: "https://www.espressif.com/en/products/modules",
      port: "esp32",
      variants: { SPIRAM: "Support for SPIRAM / WROVER", OTA: "Support for OTA" },
      flashOffset: 0x1000,
      downloadPage: "https://micropython.org/download/ESP32_GENERIC/",
    });
    expect(byId.get("ESP32_GENERIC_C3")).toMatchObject({ family: "esp", mcu: "esp32c3", flashOffset: 0 });
    expect(byId.get("ESP8266_GENERIC")).toMatchObject({ family: "esp", mcu: "esp8266" });
    expect(byId.get("ESP8266_GENERIC")!.flashOffset).toBeUndefined();
    expect(byId.get("RPI_PICO2")).toMatchObject({ family: "rp2", mcu: "rp2350" });
    expect(byId.get("PYBV11")).toMatchObject({ family: "stm32", mcu: "stm32f4" });
    expect(byId.get("TEENSY41")).toMatchObject({ family: "other", mcu: "mimxrt" });
  });

  it("accepts { boards: [...] } and refuses what is not a list", () => {
    expect(parseBoardIndex({ boards: INDEX }).length).toBe(boards.length);
    expect(() => parseBoardIndex({ hello: 1 })).toThrow();
    expect(() => parseBoardIndex("<html>")).toThrow();
  });
});

describe("parseFirmwareUrl", () => {
  it.each([
    ["ESP32_GENERIC-20241129-v1.24.1.bin", { version: "v1.24.1", date: "2024-11-29", preview: false, kind: "bin" }],
    ["ESP32_GENERIC-SPIRAM-20241129-v1.24.1.bin", { variant: "SPIRAM", version: "v1.24.1", kind: "bin" }],
    ["ESP32_GENERIC-OTA-20241129-v1.24.1.app-bin", { variant: "OTA", kind: "app-bin" }],
    ["ESP32_GENERIC-20250102-v1.25.0-preview.170.g1a2b3c4d5.bin", { version: "v1.25.0-preview.170", preview: true, date: "2025-01-02" }],
    ["ESP32_GENERIC-SPIRAM_OCT-20241129-v1.24.1.uf2", { variant: "SPIRAM_OCT", kind: "uf2" }],
  ])("reads %s", (name, expected) => {
    const fw = parseFirmwareUrl(FW + name, "ESP32_GENERIC");
    expect(fw).toMatchObject({ board: "ESP32_GENERIC", url: FW + name, fileName: name, ...expected });
    if (!("variant" in expected)) expect(fw!.variant).toBeUndefined();
  });

  it("reads the old unstable naming as a preview", () => {
    expect(parseFirmwareUrl(FW + "rp2-pico-20210222-unstable-v1.14-80-g75db0b907.uf2", "rp2-pico")).toMatchObject({
      version: "v1.14-80",
      preview: true,
      kind: "uf2",
    });
  });

  it.each([
    "ESP32_GENERIC_C3-20241129-v1.24.1.bin", // another board whose id starts with ours
    "ESP32_GENERIC-20241129-v1.24.1.elf",
    "ESP32_GENERIC-20241129-v1.24.1.map",
    "ESP32_GENERIC.bin",
    "",
  ])("refuses %s for ESP32_GENERIC", (name) => {
    expect(parseFirmwareUrl(FW + name, "ESP32_GENERIC")).toBeNull();
  });

  it("tells a local file's kind by its name", () => {
    expect(["a.BIN", "b.uf2", "c.dfu", "d.hex", "e.app-bin", "f.elf"].map(kindOfFileName)).toEqual(["bin", "uf2", "dfu", "hex", "app-bin", null]);
  });
});

describe("loadCatalog", () => {
  it("loads boards and says whether the list came from the server's cache", async () => {
    const fresh = server({ "/api/firmware/index": () => reply(JSON.stringify(INDEX), { headers: { "x-mote-cache": "miss" } }) });
    const live = await loadCatalog({ fetch: fresh.fetch });
    expect(live.boards.map((b) => b.id)).toContain("PYBV11");
    expect(live.cached).toBe(false);
    expect(live.ageSeconds).toBeUndefined();

    const stale = server({
      "/api/firmware/index": () =>
        reply(JSON.stringify(INDEX), { headers: { "x-mote-cache": "stale", "x-mote-cached-at": "2026-01-01T00:00:00.000Z", age: "86400" } }),
    });
    expect(await loadCatalog({ fetch: stale.fetch })).toMatchObject({ cached: true, fetchedAt: "2026-01-01T00:00:00.000Z", ageSeconds: 86400 });
  });

  it("turns the server's { error, hint } into a Network FlashError with those words", async () => {
    const down = server({
      "/api/firmware/index": () => reply(JSON.stringify({ error: "Could not reach micropython.org (ENOTFOUND).", hint: "Check your connection." }), { status: 502 }),
    });
    const error = await loadCatalog({ fetch: down.fetch }).catch((e: unknown) => e);
    expect(isFlashError(error, "Network")).toBe(true);
    expect(error).toMatchObject({ message: "Could not reach micropython.org (ENOTFOUND).", hint: "Check your connection.", detail: "HTTP 502" });
  });

  it("offline with no server answer: Network, hinting at a local file", async () => {
    const fetch = (async () => {
      throw new TypeError("Failed to fetch");
    }) as typeof globalThis.fetch;
    const error = await loadCatalog({ fetch }).catch((e: unknown) => e);
    expect(isFlashError(error, "Network")).toBe(true);
    expect((error as { hint: string }).hint).toMatch(/local \.bin\/\.uf2\/\.dfu file/);
  });

  it("a proxy's HTML error page or a non-list body is a Network error too", async () => {
    const html = server({ "/api/firmware/index": () => reply("<html>Bad gateway</html>", { status: 502 }) });
    expect(await loadCatalog({ fetch: html.fetch }).catch((e: unknown) => isFlashError(e, "Network"))).toBe(true);
    const junk = server({ "/api/firmware/index": () => reply('{"nope":1}') });
    expect(await loadCatalog({ fetch: junk.fetch }).catch((e: unknown) => isFlashError(e, "Network"))).toBe(true);
  });
});

describe("firmwareFor", () => {
  const board = (id: string) => parseBoardIndex(INDEX).find((b) => b.id === id) as Board;

  it("asks for the board's list and puts the latest stable release first", async () => {
    const files = [
      "ESP32_GENERIC-20240602-v1.23.0.bin",
      "ESP32_GENERIC-20250102-v1.25.0-preview.170.g1a2b3c4d5.bin",
      "ESP32_GENERIC-OTA-20241129-v1.24.1.app-bin",
      "ESP32_GENERIC-SPIRAM-20241129-v1.24.1.bin",
      "ESP32_GENERIC-20241129-v1.24.1.app-bin",
      "ESP32_GENERIC-20241129-v1.24.1.bin",
      "ESP32_GENERIC-20250110-v1.25.0-preview.190.gffffff1.bin",
      "ESP32_GENERIC-20241129-v1.24.1.elf",
      "ESP32_GENERIC-20231005-v1.21.0.bin",
      "ESP32_GENERIC-20240222-v1.22.2.bin",
    ].map((n) => FW + n);
    const api = server({
      "/api/firmware/board/ESP32_GENERIC": () => reply(JSON.stringify({ id: "ESP32_GENERIC", files })),
    });
    const list = await firmwareFor(board("ESP32_GENERIC"), { fetch: api.fetch });
    expect(api.asked).toEqual(["/api/firmware/board/ESP32_GENERIC"]);
    expect(list.map((f) => f.fileName)).toEqual([
      "ESP32_GENERIC-20241129-v1.24.1.bin",
      "ESP32_GENERIC-20241129-v1.24.1.app-bin",
      "ESP32_GENERIC-OTA-20241129-v1.24.1.app-bin",
      "ESP32_GENERIC-SPIRAM-20241129-v1.24.1.bin",
      "ESP32_GENERIC-20240602-v1.23.0.bin",
      "ESP32_GENERIC-20240222-v1.22.2.bin",
      "ESP32_GENERIC-20231005-v1.21.0.bin",
      "ESP32_GENERIC-20250110-v1.25.0-preview.190.gffffff1.bin",
      "ESP32_GENERIC-20250102-v1.25.0-preview.170.g1a2b3c4d5.bin",
    ]);
  });

  it("takes a bare id, sorting by the family of that board in the last catalog loaded", async () => {
    // ESP32-S3 boards publish a .uf2 (for a UF2 bootloader) beside the esptool .bin; the .bin must come first.
    const s3 = [{ id: "ESP32_GENERIC_S3", port: "esp32", mcu: "esp32s3", product: "ESP32-S3" }];
    const files = ["ESP32_GENERIC_S3-20241129-v1.24.1.uf2", "ESP32_GENERIC_S3-20241129-v1.24.1.bin"].map((n) => FW + n);
    const api = server({
      "/api/firmware/index": () => reply(JSON.stringify(s3)),
      "/api/firmware/board/ESP32_GENERIC_S3": () => reply(JSON.stringify({ files })),
    });
    await loadCatalog({ fetch: api.fetch });
    expect((await firmwareFor("ESP32_GENERIC_S3", { fetch: api.fetch })).map((f) => f.kind)).toEqual(["bin", "uf2"]);
  });

  it("prefers the image its family flashes: .dfu before .hex for a pyboard", async () => {
    const files = ["PYBV11-20241129-v1.24.1.hex", "PYBV11-20241129-v1.24.1.dfu"].map((n) => FW + n);
    const api = server({ "/api/firmware/board/PYBV11": () => reply(JSON.stringify({ files })) });
    expect((await firmwareFor(board("PYBV11"), { fetch: api.fetch })).map((f) => f.kind)).toEqual(["dfu", "hex"]);
  });
});

describe("fetchFirmware", () => {
  const URL_ = FW + "RPI_PICO2-20241129-v1.24.1.uf2";
  const PATH = `/api/firmware/file?url=${encodeURIComponent(URL_)}`;

  /** A body in 1 KiB chunks, like a network read. */
  function chunked(bytes: Uint8Array, headers: Record<string, string>) {
    let offset = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (offset >= bytes.length) return c.close();
        c.enqueue(bytes.slice(offset, offset + 1024));
        offset += 1024;
      },
    });
    return reply(stream, { headers });
  }

  it("returns the exact bytes and their sha256, reporting progress up to the total", async () => {
    const bytes = image(10_000);
    const api = server({ [PATH]: () => chunked(bytes, { "content-length": "10000", "x-mote-sha256": sha(bytes) }) });
    const events: { done: number; total: number }[] = [];
    const got = await fetchFirmware(URL_, { fetch: api.fetch, onProgress: (done, total) => events.push({ done, total }) });
    expect(Buffer.compare(Buffer.from(got.bytes), Buffer.from(bytes))).toBe(0);
    expect(got.sha256).toBe(sha(bytes));
    expect(events[0]).toMatchObject({ done: 0, total: 10_000 });
    expect(events.at(-1)).toMatchObject({ done: 10_000, total: 10_000 });
    for (let i = 1; i < events.length; i++) expect(events[i].done).toBeGreaterThanOrEqual(events[i - 1].done);
  });

  it("refuses a body whose sha256 differs from the server's, or that the server did not vouch for", async () => {
    const bytes = image(3000);
    const altered = bytes.slice();
    altered[1234] ^= 1;
    const wrong = server({ [PATH]: () => reply(altered, { headers: { "x-mote-sha256": sha(bytes) } }) });
    const error = await fetchFirmware(URL_, { fetch: wrong.fetch }).catch((e: unknown) => e);
    expect(isFlashError(error, "Network")).toBe(true);
    expect((error as Error).message).toMatch(/damaged/);
    const unsigned = server({ [PATH]: () => reply(bytes) });
    expect(await fetchFirmware(URL_, { fetch: unsigned.fetch }).catch((e: unknown) => isFlashError(e, "Network"))).toBe(true);
  });

  it("offline and uncached: the server's 502 words, with the local-file hint", async () => {
    const api = server({
      [PATH]: () => reply(JSON.stringify({ error: "Could not reach micropython.org (ENOTFOUND).", hint: "You can pick a local .bin/.uf2/.dfu/.hex file instead." }), { status: 502 }),
    });
    const error = await fetchFirmware(URL_, { fetch: api.fetch }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "Network", message: "Could not reach micropython.org (ENOTFOUND)." });
    expect((error as { hint: string }).hint).toMatch(/local/);
  });

  it("cancelled mid-download: Cancelled", async () => {
    const controller = new AbortController();
    // The person presses Cancel when the reader comes back for more after the first chunk; nothing more ever arrives.
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(c) {
          if (pulls++ === 0) c.enqueue(new Uint8Array(512));
          else controller.abort();
        },
      },
      { highWaterMark: 0 },
    );
    const api = server({ [PATH]: () => reply(stream, { headers: { "content-length": "4096", "x-mote-sha256": "0".repeat(64) } }) });
    const error = await fetchFirmware(URL_, { fetch: api.fetch, signal: controller.signal }).catch((e: unknown) => e);
    expect(isFlashError(error, "Cancelled")).toBe(true);
  });
});
