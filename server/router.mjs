// A deliberately tiny router: later issues add `/api/firmware/*` here without touching static serving.
//
//   const router = createRouter();
//   router.get("/api/firmware/:board/:file", async (req, res, params) => { ... });
//   router.get("/api/health", (req, res) => sendJson(res, 200, { ok: true }));
//
// Patterns are literal segments, `:name` (one segment, URL-decoded) and a trailing `*` (the rest, as params["*"]).

/** @typedef {import("node:http").IncomingMessage} Req */
/** @typedef {import("node:http").ServerResponse} Res */
/** @typedef {(req: Req, res: Res, params: Record<string, string>) => void | Promise<void>} Handler */

export function createRouter() {
  /** @type {{ method: string, parts: string[], handler: Handler }[]} */
  const routes = [];

  /** @param {string} method @param {string} pattern @param {Handler} handler */
  function add(method, pattern, handler) {
    routes.push({ method: method.toUpperCase(), parts: pattern.split("/").filter(Boolean), handler });
  }

  /**
   * Finds the handler for a request. A path that matches but with another method gets a 405,
   * so the caller can tell "no such route" (fall through to static files) from "wrong verb".
   * @param {string} method
   * @param {string} pathname raw (still percent-encoded) path, without the query string
   * @returns {{ handler: Handler, params: Record<string, string> } | { status: 405, allow: string[] } | null}
   */
  function match(method, pathname) {
    const segments = pathname.split("/").filter(Boolean);
    /** @type {string[]} */
    const allow = [];
    for (const route of routes) {
      const params = matchParts(route.parts, segments);
      if (!params) continue;
      // HEAD is answered by GET handlers; Node drops the body for HEAD responses.
      if (route.method === method || (method === "HEAD" && route.method === "GET")) {
        return { handler: route.handler, params };
      }
      allow.push(route.method);
    }
    return allow.length > 0 ? { status: 405, allow } : null;
  }

  return {
    add,
    /** @param {string} pattern @param {Handler} handler */
    get: (pattern, handler) => add("GET", pattern, handler),
    /** @param {string} pattern @param {Handler} handler */
    post: (pattern, handler) => add("POST", pattern, handler),
    match,
  };
}

/** @param {string[]} parts @param {string[]} segments */
function matchParts(parts, segments) {
  /** @type {Record<string, string>} */
  const params = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part === "*") {
      const rest = segments.slice(i).map(safeDecode);
      if (rest.some((s) => s === null || s === ".." || s.includes("/"))) return null;
      params["*"] = rest.join("/");
      return params;
    }
    const segment = segments[i];
    if (segment === undefined) return null;
    if (part.startsWith(":")) {
      const value = safeDecode(segment);
      // A decoded segment must stay one segment: no smuggled "/" or "..".
      if (value === null || value.includes("/") || value === "..") return null;
      params[part.slice(1)] = value;
    } else if (part !== segment) {
      return null;
    }
  }
  return segments.length === parts.length ? params : null;
}

/** @param {string} s */
function safeDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/** @param {Res} res @param {number} status @param {unknown} body */
export function sendJson(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-store",
  });
  res.end(text);
}
