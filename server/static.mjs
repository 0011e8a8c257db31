// Static files from dist/ (the Vite build): MIME types, SPA fallback, compression, caching, no traversal.
import { readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

export const MIME_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  // WebAssembly.instantiateStreaming refuses anything but exactly this type.
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".otf": "font/otf",
  ".txt": "text/plain; charset=utf-8",
  ".py": "text/plain; charset=utf-8",
};

// Already-compressed formats (images, woff2) gain nothing; text and wasm shrink 3-5x.
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".map", ".webmanifest", ".wasm", ".svg", ".txt", ".py", ".ttf", ".otf"]);
const MIN_COMPRESS_BYTES = 1024;

// Vite puts content-hashed files under /assets/, so their URL changes whenever their bytes do.
const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "no-cache";

/**
 * @param {{ root: string }} options root is the directory to serve (dist/)
 * @returns {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse, rawPath: string) => Promise<void>}
 */
export function createStaticHandler({ root }) {
  const rootDir = path.resolve(root);
  /** Resolved lazily: dist/ may be rebuilt (and replaced) while the server runs. */
  const realRoot = () => realpath(rootDir).catch(() => rootDir);
  /** @typedef {{ key: string, body: Buffer, br?: Buffer, gzip?: Buffer }} CacheEntry */
  /** @type {Map<string, CacheEntry>} */
  const cache = new Map();

  return async function serveStatic(req, res, rawPath) {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("Allow", "GET, HEAD");
      return sendText(res, 405, "Method not allowed");
    }
    const relative = safeRelativePath(rawPath);
    if (relative === null) return sendText(res, 400, "Bad request");

    const found = await findFile(await realRoot(), relative);
    if (found) return sendFile(req, res, found, relative.startsWith("assets/"));

    if (wantsSpaFallback(req, relative)) {
      const index = await findFile(await realRoot(), "index.html");
      if (index) return sendFile(req, res, index, false);
    }
    return sendText(res, 404, "Not found");
  };

  /**
   * @param {import("node:http").IncomingMessage} req
   * @param {import("node:http").ServerResponse} res
   * @param {{ file: string, size: number, mtimeMs: number }} found
   * @param {boolean} immutable
   */
  async function sendFile(req, res, found, immutable) {
    const ext = path.extname(found.file).toLowerCase();
    const etag = `W/"${found.size.toString(16)}-${Math.floor(found.mtimeMs).toString(16)}"`;
    res.setHeader("Content-Type", MIME_TYPES[/** @type {keyof typeof MIME_TYPES} */ (ext)] ?? "application/octet-stream");
    res.setHeader("Cache-Control", immutable ? IMMUTABLE : REVALIDATE);
    res.setHeader("ETag", etag);
    const compressible = COMPRESSIBLE.has(ext) && found.size >= MIN_COMPRESS_BYTES;
    if (compressible) res.setHeader("Vary", "Accept-Encoding");

    if (req.headers["if-none-match"] === etag) {
      res.statusCode = 304;
      res.end();
      return;
    }

    const entry = await load(found, etag);
    const encoding = compressible ? pickEncoding(req.headers["accept-encoding"]) : null;
    let body = entry.body;
    if (encoding) {
      body = entry[encoding] ??= await (encoding === "br"
        ? brotli(entry.body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } })
        : gzip(entry.body, { level: 6 }));
      res.setHeader("Content-Encoding", encoding);
    }
    res.setHeader("Content-Length", body.length);
    res.statusCode = 200;
    res.end(req.method === "HEAD" ? undefined : body);
  }

  /** Files are cached with their compressed forms; the ETag (size + mtime) notices a rebuild. */
  async function load(/** @type {{ file: string }} */ found, /** @type {string} */ key) {
    const cached = cache.get(found.file);
    if (cached && cached.key === key) return cached;
    /** @type {CacheEntry} */
    const entry = { key, body: await readFile(found.file) };
    cache.set(found.file, entry);
    return entry;
  }
}

/**
 * Turns the raw request path into a path relative to the root, or null when it must be refused.
 * We decode ourselves instead of trusting URL normalisation, so "%2e%2e", "..%2f" and "..\\"
 * are all seen as the traversal attempts they are.
 * @param {string} rawPath
 * @returns {string | null}
 */
export function safeRelativePath(rawPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith("/") || decoded.includes("\0") || decoded.includes("\\")) return null;
  const segments = decoded.split("/").filter((s) => s !== "" && s !== ".");
  if (segments.some((s) => s === "..")) return null;
  return segments.join("/");
}

/**
 * @param {string} root real path of the served directory
 * @param {string} relative
 * @returns {Promise<{ file: string, size: number, mtimeMs: number } | null>}
 */
async function findFile(root, relative) {
  // Dotfiles are never part of a build; refusing them keeps stray .env or .git copies private.
  if (isHidden(relative)) return null;
  let file = path.join(root, relative);
  try {
    let info = await stat(file);
    if (info.isDirectory()) {
      file = path.join(file, "index.html");
      info = await stat(file);
    }
    if (!info.isFile()) return null;
    // Belt and braces: a symlink inside dist/ must not lead outside it.
    const real = await realpath(file);
    if (real !== root && !real.startsWith(root + path.sep)) return null;
    return { file: real, size: info.size, mtimeMs: info.mtimeMs };
  } catch {
    return null;
  }
}

/** @param {string} relative */
const isHidden = (relative) => relative.split("/").some((s) => s.startsWith("."));

/**
 * Client-side routes (e.g. /project/blink) get index.html; a missing script or image does not,
 * because answering it with HTML would turn a clear 404 into a confusing MIME error.
 * @param {import("node:http").IncomingMessage} req
 * @param {string} relative
 */
function wantsSpaFallback(req, relative) {
  if (relative.startsWith("assets/") || isHidden(relative)) return false;
  const accept = req.headers.accept ?? "";
  return path.extname(relative) === "" || accept.includes("text/html");
}

/** @param {string | undefined} header @returns {"br" | "gzip" | null} */
function pickEncoding(header) {
  if (!header) return null;
  const accepted = new Set(
    header
      .split(",")
      .map((part) => part.trim().split(";"))
      .filter(([, q]) => !q || !/^\s*q=0(\.0*)?\s*$/.test(q))
      .map(([name]) => name.trim().toLowerCase()),
  );
  if (accepted.has("br")) return "br";
  if (accepted.has("gzip")) return "gzip";
  return null;
}

/** @param {import("node:http").ServerResponse} res @param {number} status @param {string} text */
export function sendText(res, status, text) {
  res.writeHead(status, {
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-store",
  });
  res.end(text);
}
