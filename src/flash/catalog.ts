/**
 * The firmware catalog as the flashing dialog sees it: boards from micropython.org's index, each board's firmware
 * files (latest stable first), and a verified download. Everything goes through Mote's own server
 * (server/firmware/), because micropython.org sends no CORS headers. DOM-free apart from `fetch` and WebCrypto.
 */
import { FlashError } from "./errors";
import { parseBoardIndex, type Board } from "./catalog/boards";
import { parseFirmwareUrl, sortFirmware, type Firmware } from "./catalog/firmware";

export { familyOf, parseBoardIndex, type Board, type BoardFamily } from "./catalog/boards";
export { kindOfFileName, parseFirmwareUrl, sortFirmware, type Firmware, type FirmwareKind } from "./catalog/firmware";

export interface Catalog {
  boards: Board[];
  /** True when the server answered from its disk cache (offline, or a recent copy). */
  cached: boolean;
  /** When micropython.org last sent this list, if the server said (cached copies only). */
  fetchedAt?: string;
  /** Age of a cached copy in seconds. */
  ageSeconds?: number;
}

/**
 * Download progress: bytes so far, the total from Content-Length (0 if a proxy in between dropped it), and the rate.
 * Called at most about ten times a second, always at 0 and at the end.
 */
export type DownloadProgress = (done: number, total: number, bytesPerSecond?: number) => void;

export interface CatalogOptions {
  signal?: AbortSignal;
  /** Injected by tests; the browser's fetch otherwise. */
  fetch?: typeof fetch;
}

export const LOCAL_FILE_HINT = "You can pick a local .bin/.uf2/.dfu file instead.";

// The boards of the last catalog loaded, so a caller holding only an id still gets its family's sort order.
const knownBoards = new Map<string, Board>();

export async function loadCatalog(options: CatalogOptions = {}): Promise<Catalog> {
  const response = await request("/api/firmware/index", options, "the firmware list");
  const json = await readJson(response, "the firmware list");
  let boards: Board[];
  try {
    boards = parseBoardIndex(json);
  } catch (error) {
    throw new FlashError("Network", "The firmware list from micropython.org could not be read.", LOCAL_FILE_HINT, String(error));
  }
  knownBoards.clear();
  for (const board of boards) knownBoards.set(board.id, board);
  const catalog: Catalog = { boards, cached: isCached(response) };
  const fetchedAt = response.headers.get("x-mote-cached-at");
  if (fetchedAt) catalog.fetchedAt = fetchedAt;
  const age = Number(response.headers.get("age"));
  if (catalog.cached && response.headers.get("age") !== null && Number.isFinite(age)) catalog.ageSeconds = age;
  return catalog;
}

/**
 * The board's firmware files, latest stable release first (then older releases, then previews), the kind its family
 * flashes first. A bare id is looked up in the last catalog loaded; an unknown one sorts with no family preference.
 */
export async function firmwareFor(boardOrId: Board | string, options: CatalogOptions = {}): Promise<Firmware[]> {
  const board: Board =
    typeof boardOrId === "string"
      ? (knownBoards.get(boardOrId) ?? { id: boardOrId, name: boardOrId, mcu: "unknown", family: "other", downloadPage: "" })
      : boardOrId;
  const what = `the firmware list for ${board.name}`;
  const response = await request(`/api/firmware/board/${encodeURIComponent(board.id)}`, options, what);
  const json = await readJson(response, what);
  const files = typeof json === "object" && json !== null && Array.isArray((json as { files?: unknown }).files)
    ? ((json as { files: unknown[] }).files.filter((f) => typeof f === "string") as string[])
    : [];
  const list = files.map((url) => parseFirmwareUrl(url, board.id)).filter((f): f is Firmware => f !== null);
  return sortFirmware(list, board.family);
}

/**
 * Downloads a firmware file through the server and checks it against the sha256 the server computed
 * (X-Mote-Sha256), so a truncated or altered body never reaches a flasher.
 */
export async function fetchFirmware(
  url: string,
  options: CatalogOptions & { onProgress?: DownloadProgress } = {},
): Promise<{ bytes: Uint8Array; sha256: string }> {
  const response = await request(`/api/firmware/file?url=${encodeURIComponent(url)}`, options, "the firmware file");
  const expected = response.headers.get("x-mote-sha256")?.trim().toLowerCase();
  const declared = Number(response.headers.get("content-length"));
  const total = Number.isFinite(declared) && declared > 0 ? declared : 0;
  const bytes = await readBody(response, total, options);
  if (total && bytes.length !== total) throw damaged(`got ${bytes.length} of ${total} bytes`);
  const sha256 = await sha256Hex(bytes);
  if (!expected) throw damaged("the server sent no X-Mote-Sha256 to check it against");
  if (sha256 !== expected) throw damaged(`sha256 ${sha256}, expected ${expected}`);
  return { bytes, sha256 };
}

async function request(path: string, options: CatalogOptions, what: string): Promise<Response> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  let response: Response;
  try {
    response = await doFetch(path, { signal: options.signal, cache: "no-store" });
  } catch (error) {
    if (options.signal?.aborted) throw cancelled();
    throw new FlashError("Network", `Could not load ${what}: Mote's server did not answer.`, LOCAL_FILE_HINT, String(error));
  }
  if (response.ok) return response;
  // The server's { error, hint } is written for people; anything else (a proxy's HTML page) gets generic words.
  let body: { error?: unknown; hint?: unknown } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    /* not JSON */
  }
  const message = typeof body.error === "string" ? body.error : `Could not load ${what} (HTTP ${response.status}).`;
  const hint = typeof body.hint === "string" ? body.hint : LOCAL_FILE_HINT;
  throw new FlashError("Network", message, hint, `HTTP ${response.status}`);
}

async function readJson(response: Response, what: string): Promise<unknown> {
  try {
    return await response.json();
  } catch (error) {
    throw new FlashError("Network", `${capitalise(what)} arrived damaged.`, LOCAL_FILE_HINT, String(error));
  }
}

async function readBody(
  response: Response,
  total: number,
  options: CatalogOptions & { onProgress?: DownloadProgress },
): Promise<Uint8Array> {
  const started = Date.now();
  let lastReport = -Infinity;
  const report = (done: number, force: boolean) => {
    if (!options.onProgress) return;
    const now = Date.now();
    // FlashProgress's contract: about ten events a second at most, and always the last one.
    if (!force && now - lastReport < 100) return;
    lastReport = now;
    const seconds = (now - started) / 1000;
    options.onProgress(done, total, seconds > 0 ? Math.round(done / seconds) : undefined);
  };

  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    report(bytes.length, true);
    return bytes;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let done = 0;
  // fetch() errors the body on abort by itself; a stream that does not (a test double, an odd polyfill) is cancelled.
  const onAbort = () => void reader.cancel().catch(() => {});
  options.signal?.addEventListener("abort", onAbort, { once: true });
  report(0, true);
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      chunks.push(next.value);
      done += next.value.byteLength;
      report(done, false);
    }
  } catch (error) {
    if (options.signal?.aborted) throw cancelled();
    throw new FlashError("Network", "The firmware download broke off.", `Try again. ${LOCAL_FILE_HINT}`, String(error));
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
  }
  if (options.signal?.aborted) throw cancelled();
  report(done, true);
  const bytes = new Uint8Array(done);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // WebCrypto exists only in secure contexts; Mote opened over plain http from another machine has none.
  if (!globalThis.crypto?.subtle) {
    throw new FlashError("Unsupported", "This page cannot check downloads here.", "Open Mote at http://localhost or over HTTPS.");
  }
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

function isCached(response: Response): boolean {
  const state = response.headers.get("x-mote-cache");
  return state === "hit" || state === "stale";
}

function damaged(detail: string): FlashError {
  return new FlashError("Network", "The firmware file arrived damaged (its checksum does not match).", "Try the download again.", detail);
}

function cancelled(): FlashError {
  return new FlashError("Cancelled", "The download was cancelled.");
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
