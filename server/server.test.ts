import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "./app.mjs";
import { createRouter, sendJson } from "./router.mjs";
import { safeRelativePath } from "./static.mjs";

// A throwaway tree: tmp/dist is served, tmp/package.json is the secret that traversal must not reach.
const tmp = mkdtempSync(path.join(os.tmpdir(), "mote-server-"));
const dist = path.join(tmp, "dist");
const SECRET = '{ "name": "top-secret-package" }';
const INDEX = "<!doctype html><title>Mote</title><div id=root></div>";
const BIG_JS = `export const data = ${JSON.stringify("x".repeat(5000))};\n`;

beforeAll(() => {
  mkdirSync(path.join(dist, "assets"), { recursive: true });
  writeFileSync(path.join(tmp, "package.json"), SECRET);
  writeFileSync(path.join(dist, "index.html"), INDEX);
  writeFileSync(path.join(dist, "assets", "index-abc123.js"), BIG_JS);
  writeFileSync(path.join(dist, "assets", "style-abc123.css"), "body{margin:0}");
  writeFileSync(path.join(dist, "assets", "micropython-abc123.wasm"), Buffer.alloc(4096, 7));
  writeFileSync(path.join(dist, "worker.mjs"), "self.onmessage = () => {};");
  writeFileSync(path.join(dist, ".env"), "SECRET=1");
  symlinkSync(path.join(tmp, "package.json"), path.join(dist, "link.json"));
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** Raw http.request, because fetch() would normalise "/../" away before the server ever saw it. */
function request(port: number, rawPath: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  return new Promise<Reply>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: rawPath, method: init.method ?? "GET", headers: init.headers });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("static server", () => {
  let port = 0;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const router = createRouter();
    router.get("/api/firmware/:board", (_req, res, params) => sendJson(res, 200, { board: params.board }));
    const running = await startServer({ root: dist, port: 0, router });
    port = running.port;
    close = running.close;
  });
  afterAll(() => close());

  it("sends the security headers on every kind of response", async () => {
    const etag = (await request(port, "/")).headers.etag!;
    const replies = await Promise.all([
      request(port, "/"),
      request(port, "/assets/missing.js"),
      request(port, "/%2e%2e/package.json"),
      request(port, "/", { method: "POST" }),
      request(port, "/", { headers: { "if-none-match": etag } }),
      request(port, "/api/firmware/microbit"),
      request(port, "/api/nothing"),
    ]);
    expect(replies.map((r) => r.status)).toEqual([200, 404, 400, 405, 304, 200, 404]);
    for (const { headers } of replies) {
      expect(headers["content-security-policy"]).toBeTruthy();
      expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
      expect(headers["cross-origin-embedder-policy"]).toBe("require-corp");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["referrer-policy"]).toBe("no-referrer");
      expect(headers["permissions-policy"]).toContain("serial=(self)");
      expect(headers["permissions-policy"]).toContain("usb=(self)");
    }
  });

  it("uses a strict Content-Security-Policy", async () => {
    const csp = String((await request(port, "/")).headers["content-security-policy"]);
    const directives = new Map(
      csp.split(";").map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get("default-src")).toEqual(["'self'"]);
    expect(directives.get("script-src")).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get("worker-src")).toEqual(["'self'", "blob:"]);
    // WebREPL boards are on the LAN at any address: WebSocket schemes only, never http(s) to other hosts.
    expect(directives.get("connect-src")).toEqual(["'self'", "ws:", "wss:"]);
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(directives.get("base-uri")).toEqual(["'none'"]);
    expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
    expect(directives.get("form-action")).toEqual(["'none'"]);
    // No way to run injected script, no third-party origin anywhere, and each loosening only where it is needed.
    const allowedLoosening: Record<string, string[]> = {
      "'wasm-unsafe-eval'": ["script-src"],
      "'unsafe-inline'": ["style-src"],
      "blob:": ["worker-src"],
      "data:": ["img-src", "font-src"],
      "ws:": ["connect-src"],
      "wss:": ["connect-src"],
    };
    for (const [name, values] of directives) {
      for (const value of values) {
        if (value === "'self'" || value === "'none'") continue;
        expect(allowedLoosening[value] ?? [], `${value} in ${name}`).toContain(name);
      }
    }
  });

  it.each([
    "/../package.json",
    "/%2e%2e/package.json",
    "/%2E%2E/package.json",
    "/..%2fpackage.json",
    "/%2e%2e%2fpackage.json",
    "/assets/..%2f..%2fpackage.json",
    "/assets/../../package.json",
    "/..%5cpackage.json",
    "/%00/package.json",
    "/%E0%A4%A",
  ])("refuses traversal and bad encodings: %s", async (rawPath) => {
    const reply = await request(port, rawPath, { headers: { accept: "text/html" } });
    expect(reply.status).toBe(400);
    expect(reply.body.toString()).not.toContain("top-secret");
  });

  it("does not follow symlinks out of the root or serve dotfiles", async () => {
    for (const rawPath of ["/link.json", "/.env"]) {
      const reply = await request(port, rawPath);
      expect(reply.status).toBe(404);
      expect(reply.body.toString()).not.toMatch(/top-secret|SECRET=1/);
    }
  });

  it("serves correct MIME types", async () => {
    const type = async (p: string) => (await request(port, p)).headers["content-type"];
    expect(await type("/assets/micropython-abc123.wasm")).toBe("application/wasm");
    expect(await type("/assets/index-abc123.js")).toBe("text/javascript; charset=utf-8");
    expect(await type("/worker.mjs")).toBe("text/javascript; charset=utf-8");
    expect(await type("/assets/style-abc123.css")).toBe("text/css; charset=utf-8");
    expect(await type("/")).toBe("text/html; charset=utf-8");
  });

  it("falls back to index.html for app routes but not for missing assets", async () => {
    const route = await request(port, "/project/blink");
    expect(route.status).toBe(200);
    expect(route.body.toString()).toBe(INDEX);
    expect(route.headers["cache-control"]).toBe("no-cache");
    expect((await request(port, "/some.page", { headers: { accept: "text/html" } })).body.toString()).toBe(INDEX);
    expect((await request(port, "/assets/missing-abc.js")).status).toBe(404);
    expect((await request(port, "/missing.png")).status).toBe(404);
  });

  it("caches hashed assets for a year and revalidates the rest", async () => {
    const asset = await request(port, "/assets/index-abc123.js");
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const index = await request(port, "/index.html");
    expect(index.headers["cache-control"]).toBe("no-cache");
    const again = await request(port, "/index.html", { headers: { "if-none-match": index.headers.etag! } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it("compresses text and wasm with brotli or gzip, as the client accepts", async () => {
    const br = await request(port, "/assets/index-abc123.js", { headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toBe("Accept-Encoding");
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(BIG_JS);
    expect(Number(br.headers["content-length"])).toBe(br.body.length);

    const gz = await request(port, "/assets/micropython-abc123.wasm", { headers: { "accept-encoding": "gzip, br;q=0" } });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(gz.body)).toEqual(Buffer.alloc(4096, 7));

    const plain = await request(port, "/assets/index-abc123.js");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(BIG_JS);
  });

  it("answers HEAD with headers only", async () => {
    const head = await request(port, "/assets/index-abc123.js", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(Number(head.headers["content-length"])).toBe(BIG_JS.length);
    expect(head.body.length).toBe(0);
  });

  it("routes API requests before static files", async () => {
    const ok = await request(port, "/api/firmware/micro%3Abit");
    expect(JSON.parse(ok.body.toString())).toEqual({ board: "micro:bit" });
    expect((await request(port, "/api/firmware/microbit", { method: "POST" })).status).toBe(405);
    const missing = await request(port, "/api/firmware/a/b");
    expect(missing.status).toBe(404);
    expect(missing.headers["content-type"]).toContain("application/json");
    expect((await request(port, "/api/firmware/..%2f..%2fpackage.json")).status).toBe(404);
  });
});

describe("safeRelativePath", () => {
  it("keeps ordinary paths and drops empty and '.' segments", () => {
    expect(safeRelativePath("/")).toBe("");
    expect(safeRelativePath("/assets/./a.js")).toBe("assets/a.js");
    expect(safeRelativePath("//assets//a%20b.js")).toBe("assets/a b.js");
  });
});

/** Holds a port the way another program would. */
async function occupyPort(): Promise<{ port: number; release: () => Promise<void> }> {
  const blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
  const port = (blocker.address() as net.AddressInfo).port;
  return { port, release: () => new Promise<void>((resolve) => blocker.close(() => resolve())) };
}

describe("port selection", () => {
  it("moves to the next free port when the wanted one is taken", async () => {
    const taken = await occupyPort();
    try {
      const running = await startServer({ root: dist, port: taken.port });
      try {
        expect(running.port).toBeGreaterThan(taken.port);
        expect(running.url).toBe(`http://localhost:${running.port}/`);
        expect((await request(running.port, "/")).status).toBe(200);
      } finally {
        await running.close();
      }
    } finally {
      await taken.release();
    }
  });

  it("fails instead of moving when the port is strict", async () => {
    const taken = await occupyPort();
    try {
      await expect(startServer({ root: dist, port: taken.port, strictPort: true })).rejects.toMatchObject({ code: "EADDRINUSE" });
    } finally {
      await taken.release();
    }
  });
});

describe("server/main.mjs", () => {
  const mainPath = path.join(import.meta.dirname, "main.mjs");

  function runMain(env: Record<string, string>) {
    const child = spawn(process.execPath, [mainPath], { env: { ...process.env, MOTE_DIST: dist, ...env } });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const waitFor = async (pattern: RegExp) => {
      for (let i = 0; i < 200 && !pattern.test(output); i++) await new Promise((r) => setTimeout(r, 50));
      return output;
    };
    return { child, exited, waitFor, output: () => output };
  }

  it("prints where Mote runs, serves with headers, and stops on SIGTERM", async () => {
    const free = await occupyPort();
    await free.release();
    const main = runMain({ PORT: String(free.port) });
    expect(await main.waitFor(/Mote is running/)).toContain(`Mote is running at http://localhost:${free.port}/`);
    const reply = await request(free.port, "/");
    expect(reply.status).toBe(200);
    expect(reply.headers["cross-origin-embedder-policy"]).toBe("require-corp");
    main.child.kill("SIGTERM");
    expect(await main.exited).toBe(0);
  });

  it("exits with a clear message when an explicit PORT is taken", async () => {
    const taken = await occupyPort();
    try {
      const main = runMain({ PORT: String(taken.port) });
      expect(await main.exited).toBe(1);
      expect(main.output()).toContain(`port ${taken.port} on 127.0.0.1 is already in use`);
    } finally {
      await taken.release();
    }
  });
});
