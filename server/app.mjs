// The HTTP server: security headers on everything, API routes first, then static files.
import http from "node:http";
import { SECURITY_HEADERS } from "./headers.mjs";
import { createRouter, sendJson } from "./router.mjs";
import { createStaticHandler, sendText } from "./static.mjs";

/**
 * @param {{ root: string, router?: ReturnType<typeof createRouter> }} options
 * @returns {http.RequestListener}
 */
export function createApp({ root, router = createRouter() }) {
  const serveStatic = createStaticHandler({ root });

  return async (req, res) => {
    // Set before anything can fail, so errors, redirects and 304s carry them too.
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);

    const url = req.url ?? "";
    // Only origin-form targets ("/path?query"); "*" and absolute-form have no business here.
    if (!url.startsWith("/")) return sendText(res, 400, "Bad request");
    const rawPath = url.split("?")[0].split("#")[0];

    try {
      const route = router.match(req.method ?? "GET", rawPath);
      if (route && "handler" in route) return await route.handler(req, res, route.params);
      if (route) {
        res.setHeader("Allow", route.allow.join(", "));
        return sendJson(res, 405, { error: "Method not allowed" });
      }
      // Unknown API paths answer JSON 404 rather than the SPA's index.html.
      if (rawPath === "/api" || rawPath.startsWith("/api/")) return sendJson(res, 404, { error: "Not found" });
      await serveStatic(req, res, rawPath);
    } catch (error) {
      console.error(`[mote] ${req.method} ${rawPath} failed:`, error);
      if (!res.headersSent) sendText(res, 500, "Internal server error");
      else res.destroy();
    }
  };
}

/**
 * Starts listening. With `strictPort` the exact port or an error; without it, the next free
 * port up to `maxTries` ports later (so a second `npm start` still comes up).
 * @param {{ root: string, host?: string, port?: number, strictPort?: boolean, maxTries?: number,
 *           router?: ReturnType<typeof createRouter> }} options
 * @returns {Promise<{ server: http.Server, port: number, url: string, close: () => Promise<void> }>}
 */
export async function startServer({ root, host = "127.0.0.1", port = 5173, strictPort = false, maxTries = 20, router }) {
  const server = http.createServer(createApp({ root, router }));
  // Idle keep-alive sockets would otherwise hold close() open for seconds in tests and on Ctrl-C.
  server.keepAliveTimeout = 5_000;

  for (let attempt = 0; ; attempt++) {
    const candidate = port === 0 ? 0 : port + attempt;
    try {
      await listen(server, candidate, host);
      break;
    } catch (error) {
      const inUse = /** @type {NodeJS.ErrnoException} */ (error).code === "EADDRINUSE";
      if (!inUse || strictPort || port === 0 || attempt + 1 >= maxTries || candidate >= 65535) throw error;
    }
  }

  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  return {
    server,
    port: actualPort,
    url: `http://${displayHost(host)}:${actualPort}/`,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

/** @param {http.Server} server @param {number} port @param {string} host */
function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    const onError = (/** @type {Error} */ error) => {
      server.off("listening", onListening);
      reject(error);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve(undefined);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

/** Loopback and wildcard binds are reachable as localhost, which browsers treat as a secure context. */
export function displayHost(/** @type {string} */ host) {
  if (["127.0.0.1", "::1", "localhost", "0.0.0.0", "::"].includes(host)) return "localhost";
  return host.includes(":") ? `[${host}]` : host;
}
