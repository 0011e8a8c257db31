// Pre-seeds the firmware cache exactly as real fetches would have left it (index.json, each board's download page,
// firmware files), so tests and e2e runs can serve a catalog with no network.
import { writeCacheEntry } from "./cache.mjs";
import { boardPageUrl, checkUpstreamUrl, INDEX_URL } from "./policy.mjs";

/**
 * @typedef {{ id: string, firmware?: string[], [key: string]: unknown }} SeedBoard
 *   a board.json object as index.json carries it, plus the firmware URLs its download page links to
 * @typedef {{ url: string, bytes: Uint8Array, contentType?: string }} SeedFile
 */

/**
 * @param {string} dir
 * @param {{ boards: SeedBoard[], files?: SeedFile[], fetchedAt?: Date }} seed
 */
export async function seedCache(dir, { boards, files = [], fetchedAt = new Date() }) {
  const index = boards.map(({ firmware: _firmware, ...board }) => board);
  const indexBody = Buffer.from(JSON.stringify(index, null, 4) + "\n");
  await writeCacheEntry(dir, INDEX_URL, indexBody, { contentType: "application/json", fetchedAt });
  for (const board of boards) {
    if (!board.firmware) continue;
    const html = downloadPageHtml(board.id, board.firmware);
    await writeCacheEntry(dir, boardPageUrl(board.id), Buffer.from(html), { contentType: "text/html; charset=utf-8", fetchedAt });
  }
  for (const file of files) {
    // The same check and normalisation the proxy applies, so a seeded URL is one the proxy will look up.
    const url = checkUpstreamUrl(file.url).href;
    await writeCacheEntry(dir, url, file.bytes, { contentType: file.contentType ?? "application/octet-stream", fetchedAt });
  }
}

/**
 * A page shaped like micropython.org/download/<id>/: site-relative links under /resources/firmware/, plus the
 * kinds of links the real page also has (other pages, release notes) that the proxy must leave out.
 * @param {string} id @param {string[]} urls
 */
export function downloadPageHtml(id, urls) {
  const items = urls
    .map((url) => {
      const { pathname } = new URL(url);
      return `      <li><a href="${pathname}">${pathname.split("/").pop()}</a> [<a href="https://github.com/micropython/micropython/releases">Release notes</a>]</li>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en">
  <head><title>MicroPython - ${id}</title></head>
  <body>
    <a href="/download/">All boards</a>
    <h2>Firmware</h2>
    <ul>
${items}
    </ul>
  </body>
</html>
`;
}
