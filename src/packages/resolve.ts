/**
 * The resolver: from what the person asked for to every file that will go on the board, downloaded and checked.
 * Follows mip's rules (micropython-lib micropython/mip/mip/__init__.py): a package's JSON lists `hashes` (files on
 * the index by sha256 prefix), `urls` (files fetched as they are) and `deps` (installed the same way, transitively).
 * Each package is resolved once however often it is named, so a dependency cycle ends where it began. Every file the
 * index gives a hash for is checked BEFORE the plan is returned, so a tampered file refuses the whole install and
 * nothing reaches the board. `urls` files have no hash anywhere (GitHub packages), which the plan says per file.
 */
import { sha256Hex } from "../device/transfer/hash";
import { PackageError } from "./errors";
import type { Fetcher } from "./fetcher";
import { fetchError } from "./indexClient";
import { checkShortHash, checkTargetPath, isVersion } from "./names";
import { fileUrl, hashedFileUrl, packageJsonUrl, parseSpec, rewriteUrl, specKey, type PackageSpec } from "./spec";

export interface ResolvedPackage {
  /** The name Mote lists it by: the index name, or the URL without ref and package.json. */
  key: string;
  version: string;
  source: "index" | "url";
  /** How to ask for exactly this again ("umqtt.simple@1.4.0", "github:owner/repo@main"). */
  spec: string;
  /** Paths in the lib folder. */
  files: string[];
  /** Keys of the packages it depends on. */
  deps: string[];
}

export interface PlannedFile {
  /** Path in the lib folder. */
  path: string;
  data: Uint8Array;
  /** Full sha256 (hex) of `data`. */
  sha256: string;
  /** True when the index gave a hash and `data` matched it; false for `urls` files, which carry none. */
  checked: boolean;
  /** Keys of the packages that list it. */
  owners: string[];
}

export interface InstallPlan {
  /** Key of the package that was asked for. */
  root: string;
  index: string;
  mpy: string;
  /** The root first, then its dependencies in the order they were found. */
  packages: ResolvedPackage[];
  files: PlannedFile[];
}

export interface ResolveProgress {
  phase: "resolving" | "downloading";
  /** Packages whose JSON has been read. */
  packages: number;
  filesDone: number;
  filesTotal: number;
  bytes: number;
  /** The package or file being fetched. */
  current?: string;
}

export interface Limits {
  packages: number;
  files: number;
  bytes: number;
}

/** Far above any real package (micropython-lib's largest has ~20 files, well under 1 MB); a hostile index stops here. */
export const DEFAULT_LIMITS: Limits = { packages: 64, files: 512, bytes: 8 * 1024 * 1024 };
const PARALLEL_DOWNLOADS = 4;

export interface ResolveOptions {
  index: string;
  /** The board's mpy version ("6") or "py" for source. */
  mpy: string;
  fetcher: Fetcher;
  signal?: AbortSignal;
  onProgress?: (p: ResolveProgress) => void;
  limits?: Partial<Limits>;
}

interface Wanted {
  path: string;
  url: string;
  shortHash: string | null;
  owner: string;
  label: string;
}

export async function resolveInstall(specText: string, options: ResolveOptions): Promise<InstallPlan> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const packages = new Map<string, ResolvedPackage>();
  const wanted: Wanted[] = [];
  const progress: ResolveProgress = { phase: "resolving", packages: 0, filesDone: 0, filesTotal: 0, bytes: 0 };
  const report = (current?: string) => options.onProgress?.({ ...progress, current });

  const cancelled = () => {
    if (options.signal?.aborted) throw new PackageError("Cancelled", "Cancelled.", "Nothing was written to the board.");
  };

  async function fetchJson(url: string, what: string, missingHint: string): Promise<Record<string, unknown>> {
    let bytes: Uint8Array;
    try {
      bytes = await options.fetcher.get(url, options.signal);
    } catch (error) {
      throw fetchError(error, what, missingHint);
    }
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    } catch {
      json = null;
    }
    if (typeof json !== "object" || json === null || Array.isArray(json)) {
      throw new PackageError("BadIndex", `The description of ${what} is not valid JSON.`, "The index is damaged or is not a mip index. Check the index URL.");
    }
    return json as Record<string, unknown>;
  }

  async function visit(spec: PackageSpec, neededBy: string | null): Promise<string> {
    cancelled();
    const key = specKey(spec);
    if (packages.has(key)) return key;
    if (packages.size >= limits.packages) {
      throw new PackageError("TooLarge", `Installing this needs more than ${limits.packages} packages.`, "Check the package's dependencies; this looks like a broken package.");
    }
    const via = neededBy ? ` (needed by ${neededBy})` : "";
    report(key);

    if (spec.kind === "url" && spec.single) {
      const path = checkTargetPath(spec.url.slice(spec.url.lastIndexOf("/") + 1), `The file ${key}`);
      packages.set(key, { key, version: spec.ref ?? "HEAD", source: "url", spec: specText0(spec), files: [path], deps: [] });
      wanted.push({ path, url: rewriteUrl(spec.url, spec.ref), shortHash: null, owner: key, label: `${path} of ${key}` });
      progress.packages++;
      return key;
    }

    const what =
      spec.kind === "index"
        ? `package "${spec.name}"${spec.version === "latest" ? "" : ` at version ${spec.version}`} on ${options.index}${via}`
        : `package ${key}${spec.ref ? ` at ${spec.ref}` : ""}${via}`;
    const missingHint =
      spec.kind === "url"
        ? "Check the owner, repository, path and branch; the folder must hold a package.json."
        : options.mpy === "py"
          ? "Check the spelling (search the index above), or the version."
          : `Check the spelling (search the index above). If it is there, it may not be built for this board's MicroPython (bytecode version ${options.mpy}): tick "Install source (.py)" and try again.`;
    const jsonUrl = spec.kind === "index" ? packageJsonUrl(options.index, options.mpy, spec.name, spec.version) : rewriteUrl(spec.url, spec.ref);
    const json = await fetchJson(jsonUrl, what, missingHint);
    progress.packages++;

    const version = isVersion(json.version) ? json.version : spec.kind === "index" ? spec.version : (spec.ref ?? "HEAD");
    const label = `${key} ${version}`;
    const record: ResolvedPackage = {
      key,
      version,
      source: spec.kind,
      spec: spec.kind === "index" ? `${spec.name}@${version}` : specText0(spec),
      files: [],
      deps: [],
    };
    packages.set(key, record);

    for (const entry of pairs(json.hashes, `${label}'s list of files`)) {
      const path = checkTargetPath(entry[0], `Package ${label}`);
      const shortHash = checkShortHash(entry[1], `Package ${label}`);
      addFile(record, { path, url: hashedFileUrl(options.index, shortHash), shortHash, owner: key, label: `${path} of ${label}` });
    }
    for (const entry of pairs(json.urls, `${label}'s list of file URLs`)) {
      const path = checkTargetPath(entry[0], `Package ${label}`);
      const listed = fileUrl(entry[1], spec.kind === "url" ? spec.url : jsonUrl, `Package ${label}`);
      // mip rewrites github: URLs with the ref of the package that lists them; an index package has no ref (HEAD).
      addFile(record, { path, url: rewriteUrl(listed, spec.kind === "url" ? spec.ref : null), shortHash: null, owner: key, label: `${path} of ${label}` });
    }
    for (const entry of pairs(json.deps, `${label}'s list of dependencies`)) {
      const [name, depVersion] = entry;
      if (typeof name !== "string" || (depVersion !== undefined && depVersion !== null && typeof depVersion !== "string")) {
        throw new PackageError("BadIndex", `${label} lists a dependency that is not a name and a version.`, "This package is broken; tell its author.");
      }
      const depSpec = parseSpec(depVersion ? `${name}@${depVersion}` : name, `The dependency of ${label}`);
      const depKey = await visit(depSpec, label);
      if (depKey !== key && !record.deps.includes(depKey)) record.deps.push(depKey);
    }
    return key;
  }

  function addFile(record: ResolvedPackage, file: Wanted) {
    if (wanted.length >= limits.files) {
      throw new PackageError("TooLarge", `Installing this needs more than ${limits.files} files.`, "This looks like a broken package; do not install it.");
    }
    if (!record.files.includes(file.path)) record.files.push(file.path);
    wanted.push(file);
  }

  const root = await visit(parseSpec(specText), null);
  const files = await downloadAll(wanted, options, limits, progress, report);
  // The root first, then dependencies in the order they were found (Map keeps insertion order; root went in first).
  return { root, index: options.index, mpy: options.mpy, packages: [...packages.values()], files };
}

/** The spec text a url package can be asked for again with. */
function specText0(spec: Extract<PackageSpec, { kind: "url" }>): string {
  const base = specKey(spec);
  return spec.ref ? `${base}@${spec.ref}` : base;
}

/** `[[a, b], ...]` from untrusted JSON; a missing list is empty (mip reads them with .get(key, ())). */
function pairs(value: unknown, what: string): Array<[unknown, unknown]> {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((e) => !Array.isArray(e) || e.length < 1 || e.length > 2)) {
    throw new PackageError("BadIndex", `${what} is not a list of pairs.`, "The index is damaged or is not a mip index. Check the index URL.");
  }
  return value as Array<[unknown, unknown]>;
}

async function downloadAll(
  wanted: Wanted[],
  options: ResolveOptions,
  limits: Limits,
  progress: ResolveProgress,
  report: (current?: string) => void,
): Promise<PlannedFile[]> {
  // One download per distinct URL: packages that share a file (micropython-lib flattens requirements) fetch it once.
  const urls = [...new Set(wanted.map((w) => w.url))];
  const bodies = new Map<string, { data: Uint8Array; sha256: string }>();
  progress.phase = "downloading";
  progress.filesTotal = urls.length;
  report();
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  let next = 0;
  const worker = async () => {
    while (next < urls.length && !stop.signal.aborted) {
      const url = urls[next++];
      const first = wanted.find((w) => w.url === url)!;
      report(first.path);
      let data: Uint8Array;
      try {
        data = await options.fetcher.get(url, stop.signal);
      } catch (error) {
        if (options.signal?.aborted) throw new PackageError("Cancelled", "Cancelled.", "Nothing was written to the board.");
        throw fetchError(
          error,
          `file ${first.label} at ${url}`,
          "The index may be updating, or this version was withdrawn. Try again in a few minutes, or install another version.",
          "FileMissing",
        );
      }
      const sha256 = await sha256Hex(data);
      for (const w of wanted) {
        if (w.url === url && w.shortHash !== null && !sha256.startsWith(w.shortHash)) {
          throw new PackageError(
            "HashMismatch",
            `${w.label} does not match the index's checksum (expected a sha256 starting ${w.shortHash}, got ${sha256.slice(0, w.shortHash.length)}). Nothing was installed.`,
            "The file was damaged or altered on the way, or the index is broken. Try again later; if it keeps happening, report it to the index's maintainers.",
          );
        }
      }
      progress.bytes += data.length;
      if (progress.bytes > limits.bytes) {
        throw new PackageError("TooLarge", `The files of this install add up to more than ${Math.round(limits.bytes / 1024 / 1024)} MB.`, "That is far more than a board holds; check the package.");
      }
      bodies.set(url, { data, sha256 });
      progress.filesDone++;
      report(first.path);
    }
  };
  try {
    const workers = Array.from({ length: Math.min(PARALLEL_DOWNLOADS, urls.length) }, () => worker());
    // The first failure stops the others (they would only waste the index's time).
    await Promise.all(workers.map((w) => w.catch((e: unknown) => (stop.abort(), Promise.reject(e)))));
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
  }
  if (options.signal?.aborted) throw new PackageError("Cancelled", "Cancelled.", "Nothing was written to the board.");

  const byPath = new Map<string, PlannedFile>();
  for (const w of wanted) {
    const body = bodies.get(w.url)!;
    const there = byPath.get(w.path);
    if (!there) {
      byPath.set(w.path, { path: w.path, data: body.data, sha256: body.sha256, checked: w.shortHash !== null, owners: [w.owner] });
      continue;
    }
    if (there.sha256 !== body.sha256) {
      throw new PackageError(
        "Conflict",
        `${there.owners[0]} and ${w.owner} both install ${w.path}, with different contents. Nothing was installed.`,
        "Install them one at a time, or pick versions that agree.",
      );
    }
    if (w.shortHash !== null) there.checked = true;
    if (!there.owners.includes(w.owner)) there.owners.push(w.owner);
  }
  return [...byPath.values()];
}
