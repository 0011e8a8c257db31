import { describe, expect, it } from "vitest";
import { SECURITY_HEADERS } from "../../server/headers.mjs";
import { responseForRequest } from "./isolation";
import { API_PATH, IGNORED_QUERY_PARAMS } from "./routes";

/** A cached response as the Cache API hands it back: it remembers the URL it was stored under. */
function cached(body: string, headers: Record<string, string>, url: string): Response {
  const r = new Response(body, { status: 200, headers });
  Object.defineProperty(r, "url", { value: url });
  return r;
}

const ORIGIN = "http://localhost:5173";

describe("responseForRequest (the service worker's cached answers)", () => {
  it("hands back the very same response when the server's headers are all there and the URL matches", () => {
    const r = cached("<html>", { ...SECURITY_HEADERS, "content-type": "text/html" }, `${ORIGIN}/assets/a.js`);
    expect(responseForRequest(r, SECURITY_HEADERS, `${ORIGIN}/assets/a.js`)).toBe(r);
  });

  it("puts back COOP/COEP (and the CSP) when a cached response lost them, keeping the body and other headers", async () => {
    const r = cached("print('hi')", { "content-type": "text/javascript", "content-encoding": "br", "content-length": "3" }, "");
    const out = responseForRequest(r, SECURITY_HEADERS);
    expect(out).not.toBe(r);
    expect(out.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(out.headers.get("cross-origin-embedder-policy")).toBe("require-corp");
    expect(out.headers.get("content-security-policy")).toBe(SECURITY_HEADERS["Content-Security-Policy"]);
    expect(out.headers.get("content-type")).toBe("text/javascript");
    // The cached body is already decoded: claiming brotli (or the compressed length) would corrupt it.
    expect(out.headers.has("content-encoding")).toBe(false);
    expect(out.headers.has("content-length")).toBe(false);
    expect(await out.text()).toBe("print('hi')");
  });

  it("never overwrites a header the server did send", () => {
    const r = cached("x", { ...SECURITY_HEADERS, "Cross-Origin-Embedder-Policy": "credentialless" }, "");
    const headers = { ...SECURITY_HEADERS, "X-Extra": "1" };
    const out = responseForRequest(r, headers);
    expect(out.headers.get("cross-origin-embedder-policy")).toBe("credentialless");
    expect(out.headers.get("x-extra")).toBe("1");
  });

  it("gives a worker a response without the cache's URL, so it sees the URL it asked for (?engine=...)", () => {
    const key = `${ORIGIN}/workers/pyright-host.js?__WB_REVISION__=abc`;
    const asked = `${ORIGIN}/workers/pyright-host.js?engine=%2Fassets%2Fpyright.worker-X.js`;
    const out = responseForRequest(cached("importScripts()", { ...SECURITY_HEADERS }, key), SECURITY_HEADERS, asked);
    expect(out.url).toBe("");
    expect(out.status).toBe(200);
  });

  it("leaves opaque responses alone (they cannot be rebuilt)", () => {
    const opaque = { type: "opaque", headers: new Headers(), url: "" } as unknown as Response;
    expect(responseForRequest(opaque, SECURITY_HEADERS, `${ORIGIN}/x`)).toBe(opaque);
  });
});

describe("what the service worker routes", () => {
  it("keeps every API path out of the shell's navigation route", () => {
    for (const p of ["/api", "/api/", "/api/firmware/index", "/api/firmware/file?url=x"]) {
      expect(API_PATH.test(new URL(p, ORIGIN).pathname)).toBe(true);
    }
  });

  it("serves the shell for app paths, including ones that merely start with 'api'", () => {
    for (const p of ["/", "/index.html", "/project/main.py", "/apiary", "/assets/api.js"]) {
      expect(API_PATH.test(new URL(p, ORIGIN).pathname)).toBe(false);
    }
  });

  it("ignores only the Pyright host's engine parameter when matching the precache", () => {
    expect(IGNORED_QUERY_PARAMS.some((re) => re.test("engine"))).toBe(true);
    expect(IGNORED_QUERY_PARAMS.some((re) => re.test("url"))).toBe(false);
  });
});
