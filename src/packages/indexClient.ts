/**
 * The index's package list (`{index}/index.json`, micropython-lib's tools/build.py format v2) for search and browse.
 * Everything in it is untrusted: entries with an invalid name are dropped, texts are cut to a sane length, and the
 * versions per mpy version are kept only when well formed.
 */
import { PackageError, type PackageErrorCode } from "./errors";
import { FetchFailure, type Fetcher } from "./fetcher";
import { isPackageName, isVersion } from "./names";
import { indexJsonUrl } from "./spec";

export interface IndexPackage {
  name: string;
  /** Latest version ("" when the package has none). */
  version: string;
  description: string;
  author: string;
  license: string;
  /** Versions published per mpy version ("6", "py", ...). */
  versions: Record<string, string[]>;
}

export interface PackageIndex {
  url: string;
  packages: IndexPackage[];
  /** Entries left out because their name or shape was invalid. */
  skipped: number;
}

const MAX_TEXT = 500;
const MAX_PACKAGES = 10_000;
const MPY_KEY = /^(py|[0-9]{1,3})$/;

export async function loadIndex(index: string, fetcher: Fetcher, signal?: AbortSignal): Promise<PackageIndex> {
  const url = indexJsonUrl(index);
  let bytes: Uint8Array;
  try {
    bytes = await fetcher.get(url, signal);
  } catch (error) {
    throw fetchError(error, `the package list of ${index}`, "Check the index URL in the Packages dialog.");
  }
  return { url: index, ...parseIndex(bytes, index) };
}

export function parseIndex(bytes: Uint8Array, index: string): { packages: IndexPackage[]; skipped: number } {
  const bad = () =>
    new PackageError(
      "BadIndex",
      `${index}/index.json is not a mip package list.`,
      "Check the index URL: it should be the folder that holds index.json (for micropython-lib, https://micropython.org/pi/v2).",
    );
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw bad();
  }
  const list = typeof json === "object" && json !== null ? (json as { packages?: unknown }).packages : undefined;
  if (!Array.isArray(list)) throw bad();
  const packages: IndexPackage[] = [];
  let skipped = 0;
  const seen = new Set<string>();
  for (const entry of list.slice(0, MAX_PACKAGES)) {
    const p = readEntry(entry);
    if (!p || seen.has(p.name)) skipped++;
    else {
      seen.add(p.name);
      packages.push(p);
    }
  }
  skipped += Math.max(0, list.length - MAX_PACKAGES);
  packages.sort((a, b) => a.name.localeCompare(b.name));
  return { packages, skipped };
}

function readEntry(entry: unknown): IndexPackage | null {
  if (typeof entry !== "object" || entry === null) return null;
  const e = entry as Record<string, unknown>;
  if (!isPackageName(e.name)) return null;
  const versions: Record<string, string[]> = {};
  if (typeof e.versions === "object" && e.versions !== null && !Array.isArray(e.versions)) {
    for (const [mpy, list] of Object.entries(e.versions as Record<string, unknown>)) {
      if (MPY_KEY.test(mpy) && Array.isArray(list)) versions[mpy] = list.filter(isVersion).slice(-200);
    }
  }
  return {
    name: e.name,
    version: isVersion(e.version) ? e.version : "",
    description: text(e.description),
    author: text(e.author),
    license: text(e.license),
    versions,
  };
}

/** Control characters out (a description is shown as text, but a terminal-style escape has no place there). */
function text(v: unknown): string {
  if (typeof v !== "string") return "";
  return v.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "").slice(0, MAX_TEXT);
}

/**
 * Packages matching every word of the query in name or description; name matches first (exact, then prefix, then
 * anywhere), then description matches, each in name order. An empty query lists everything.
 */
export function searchIndex(packages: readonly IndexPackage[], query: string): IndexPackage[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...packages];
  const rank = (p: IndexPackage): number => {
    const name = p.name.toLowerCase();
    const hay = `${name} ${p.description.toLowerCase()}`;
    if (!words.every((w) => hay.includes(w))) return -1;
    const q = words.join(" ");
    if (name === q) return 0;
    if (name.startsWith(words[0])) return 1;
    if (words.every((w) => name.includes(w))) return 2;
    return 3;
  };
  return packages
    .map((p) => ({ p, r: rank(p) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r || a.p.name.localeCompare(b.p.name))
    .map((x) => x.p);
}

/** A FetchFailure as a PackageError about `what`, with a fallback hint; a 404 becomes `missing`. */
export function fetchError(error: unknown, what: string, hint: string, missing: PackageErrorCode = "NotFound"): unknown {
  if (!(error instanceof FetchFailure)) return error;
  switch (error.kind) {
    case "missing":
      return new PackageError(missing, `There is no ${what} (404).`, hint);
    case "timeout":
      return new PackageError("Timeout", `${capital(what)} did not arrive in time: ${error.message}`, "The index is slow or unreachable. Check your connection and the index URL, then try again.");
    case "refused":
      return new PackageError("Refused", error.message, error.hint ?? hint);
    case "tooLarge":
      return new PackageError("TooLarge", error.message, error.hint ?? hint);
    case "cancelled":
      return new PackageError("Cancelled", "Cancelled.", "Nothing else needs doing.");
    case "network":
      return new PackageError("Network", `Could not fetch ${what}: ${error.message}`, error.hint ?? "Check your connection and the index URL, then try again.");
  }
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
