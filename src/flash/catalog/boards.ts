/**
 * micropython.org's board index, parsed. Its shape, from micropython's tools/autobuild/build-downloads.py (which
 * writes it) and a copy vendored by ViperIDE (src/flasher/boards_index.js): a JSON array of each board's board.json
 * plus `id`, `port` and `build`, e.g. { id: "ESP32_GENERIC", build, port: "esp32", mcu: "esp32", product: "ESP32",
 * vendor: "Espressif", url: <product page>, variants: { SPIRAM: "Support for SPIRAM / WROVER" },
 * deploy_options: { flash_offset: "0x1000" }, features, images, deploy, docs, thumbnail }.
 * The live file could not be fetched from here (no network), so the parser is tolerant: an object with a `boards`
 * array is accepted too, unknown fields are ignored, and an entry without an id or build is skipped.
 */

export type BoardFamily = "esp" | "rp2" | "stm32" | "other";

export interface Board {
  /** micropython.org's board id, also the firmware file name prefix ("ESP32_GENERIC"). */
  id: string;
  /** What the person sees ("ESP32-C3", "Raspberry Pi Pico"). */
  name: string;
  vendor?: string;
  /** Lower-case chip family as the index says it: "esp32", "esp32c3", "rp2040", "rp2350", "stm32f4", "esp8266"... */
  mcu: string;
  family: BoardFamily;
  /** The maker's product page. */
  url?: string;
  /** MicroPython port ("esp32", "rp2", "stm32"...). */
  port?: string;
  /** Build variants and their descriptions ({ SPIRAM: "Support for SPIRAM / WROVER" }). */
  variants?: Record<string, string>;
  /** ESP only: where the image goes, when the board says so (deploy_options.flash_offset). */
  flashOffset?: number;
  /** The board's page on micropython.org, for a "more about this board" link. */
  downloadPage: string;
}

export function familyOf(mcu: string, port?: string): BoardFamily {
  if (port === "esp32" || port === "esp8266" || mcu.startsWith("esp")) return "esp";
  if (port === "rp2" || mcu === "rp2040" || mcu === "rp2350") return "rp2";
  if (port === "stm32" || mcu.startsWith("stm32")) return "stm32";
  return "other";
}

export function parseBoardIndex(json: unknown): Board[] {
  const list = Array.isArray(json) ? json : isRecord(json) && Array.isArray(json.boards) ? json.boards : null;
  if (!list) throw new Error("The board index is not a list of boards.");
  const boards = new Map<string, Board>();
  for (const raw of list) {
    const board = parseBoard(raw);
    if (board && !boards.has(board.id)) boards.set(board.id, board);
  }
  return [...boards.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

function parseBoard(raw: unknown): Board | null {
  if (!isRecord(raw)) return null;
  const id = text(raw.id) ?? text(raw.build);
  // The id becomes a URL path segment on our server; anything outside micropython.org's own alphabet is not a board.
  if (!id || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) return null;
  const port = text(raw.port)?.toLowerCase();
  const mcu = (text(raw.mcu) ?? port ?? "unknown").toLowerCase();
  const family = familyOf(mcu, port);
  const board: Board = {
    id,
    name: text(raw.product) ?? id,
    mcu,
    family,
    downloadPage: `https://micropython.org/download/${id}/`,
  };
  const vendor = text(raw.vendor);
  if (vendor) board.vendor = vendor;
  const url = text(raw.url);
  if (url && /^https?:\/\//i.test(url)) board.url = url;
  if (port) board.port = port;
  const variants = parseVariants(raw.variants);
  if (variants) board.variants = variants;
  const offset = family === "esp" && isRecord(raw.deploy_options) ? parseOffset(raw.deploy_options.flash_offset) : undefined;
  if (offset !== undefined) board.flashOffset = offset;
  return board;
}

function parseVariants(raw: unknown): Record<string, string> | undefined {
  if (!isRecord(raw)) return undefined;
  const out: Record<string, string> = {};
  for (const [name, description] of Object.entries(raw)) {
    if (/^[A-Za-z0-9_]+$/.test(name)) out[name] = typeof description === "string" ? description : name;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** board.json writes offsets as hex strings ("0x1000", and "0" for zero); a number is taken as it is. */
function parseOffset(raw: unknown): number | undefined {
  if (typeof raw === "number" && Number.isInteger(raw) && raw >= 0) return raw;
  if (typeof raw !== "string" || !/^(0x)?[0-9a-f]+$/i.test(raw.trim())) return undefined;
  return Number.parseInt(raw.trim().replace(/^0x/i, ""), 16);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}
