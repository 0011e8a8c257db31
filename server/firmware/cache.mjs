// The firmware proxy's disk cache: one body file + one small JSON per upstream URL, keyed by sha256 of the normalised
// URL. It stores exactly what micropython.org sent (index.json, a board's download page, a firmware file), so a copy
// seeded by tests is indistinguishable from one a real fetch left behind.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/**
 * @typedef {{ url: string, size: number, sha256: string, fetchedAt: string, contentType: string }} CacheMeta
 * @typedef {{ meta: CacheMeta, body: Buffer }} CacheEntry
 */

/**
 * MOTE_FIRMWARE_CACHE, else the OS's per-user cache folder (XDG_CACHE_HOME or ~/.cache, ~/Library/Caches,
 * %LOCALAPPDATA%) + mote/firmware. Not the repository: firmware is large, shared by every checkout on the machine,
 * must survive a fresh clone or `git clean`, and should never be one `git add .` away from a commit.
 * @param {NodeJS.ProcessEnv} [env]
 */
export function defaultCacheDir(env = process.env) {
  if (env.MOTE_FIRMWARE_CACHE) return path.resolve(env.MOTE_FIRMWARE_CACHE);
  const home = os.homedir();
  /** @type {string} */
  let base;
  if (process.platform === "win32") base = env.LOCALAPPDATA || path.join(home, "AppData", "Local");
  else if (process.platform === "darwin") base = path.join(home, "Library", "Caches");
  else base = env.XDG_CACHE_HOME || path.join(home, ".cache");
  return path.join(base, "mote", "firmware");
}

/** @param {string | Buffer | Uint8Array} data */
export function sha256Hex(data) {
  return createHash("sha256").update(data).digest("hex");
}

/** @param {string} normalisedUrl */
export function cacheKey(normalisedUrl) {
  return sha256Hex(normalisedUrl);
}

/** @param {string} dir @param {string} url */
function entryPaths(dir, url) {
  const key = cacheKey(url);
  return { body: path.join(dir, `${key}.bin`), meta: path.join(dir, `${key}.json`) };
}

/**
 * Writes an entry the way a completed fetch does (body first, meta last, each by rename), so a reader never sees meta
 * for a half-written body. Exported for tests and the e2e fixture to pre-seed the cache.
 * @param {string} dir
 * @param {string} url normalised upstream URL (`new URL(u).href`)
 * @param {Uint8Array} body
 * @param {{ contentType?: string, fetchedAt?: Date }} [options]
 * @returns {Promise<CacheMeta>}
 */
export async function writeCacheEntry(dir, url, body, options = {}) {
  await mkdir(dir, { recursive: true });
  const paths = entryPaths(dir, url);
  const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  /** @type {CacheMeta} */
  const meta = {
    url,
    size: buffer.length,
    sha256: sha256Hex(buffer),
    fetchedAt: (options.fetchedAt ?? new Date()).toISOString(),
    contentType: options.contentType ?? "application/octet-stream",
  };
  const tmp = `.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(paths.body + tmp, buffer);
  await rename(paths.body + tmp, paths.body);
  await writeFile(paths.meta + tmp, JSON.stringify(meta, null, 2) + "\n");
  await rename(paths.meta + tmp, paths.meta);
  return meta;
}

/**
 * Reads an entry, or null when there is none. An entry whose body no longer matches its recorded size and sha256
 * (a disk error, a hand edit) is removed and treated as missing, so a damaged image is never served.
 * @param {string} dir @param {string} url
 * @returns {Promise<CacheEntry | null>}
 */
export async function readCacheEntry(dir, url) {
  const paths = entryPaths(dir, url);
  /** @type {CacheMeta} */
  let meta;
  /** @type {Buffer} */
  let body;
  try {
    meta = JSON.parse(await readFile(paths.meta, "utf8"));
    body = await readFile(paths.body);
  } catch {
    return null;
  }
  if (meta.url !== url || meta.size !== body.length || meta.sha256 !== sha256Hex(body)) {
    await Promise.all([rm(paths.meta, { force: true }), rm(paths.body, { force: true })]);
    return null;
  }
  return { meta, body };
}
