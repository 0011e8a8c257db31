/**
 * Mote's record of what it installed, kept as `mote-packages.json` in the lib folder it describes. mip itself writes
 * nothing but the files, so without this a board could not say which package a file belongs to, at which version,
 * or whether it was asked for or came as a dependency. Pure data functions; the board side is in installed.ts.
 *
 * The file lives on the board, so it is read as untrusted input: every record and path is checked, and what fails
 * is dropped (and reported) rather than trusted.
 */
import { isPackageError } from "./errors";
import { checkTargetPath, isPackageName, isVersion } from "./names";
import type { InstallPlan } from "./resolve";
import { parseSpec, specKey } from "./spec";

export interface InstalledRecord {
  version: string;
  source: "index" | "url";
  /** What to ask for to install exactly this again. */
  spec: string;
  /** The index it came from (index packages, and url packages with hashed files). */
  index: string;
  /** The bytecode version its files were built for, or "py". */
  mpy: string;
  /** Asked for by the person, not only pulled in as a dependency. */
  explicit: boolean;
  deps: string[];
  /** Paths in the lib folder. */
  files: string[];
  installedAt: string;
}

export interface Manifest {
  v: 1;
  packages: Record<string, InstalledRecord>;
  /** sha256 (hex) of every installed file as Mote wrote it, by path: tells a file changed since from one that did not. */
  files: Record<string, string>;
}

export interface RemovalPlan {
  /** The packages that go: the one asked for first, then dependencies nothing else needs any more. */
  packages: string[];
  /** Files to delete (no remaining package lists them). */
  files: string[];
  /** Files of removed packages that stay, because a remaining package lists them too. */
  shared: Array<{ path: string; owner: string }>;
  /** Remaining packages that depend on the one being removed (the person is asked first). */
  neededBy: string[];
}

export const emptyManifest = (): Manifest => ({ v: 1, packages: {}, files: {} });

const SHA256 = /^[0-9a-f]{64}$/;
const MAX_RECORDS = 1000;

export function isPackageKey(key: unknown): key is string {
  if (typeof key !== "string") return false;
  if (isPackageName(key)) return true;
  if (!/^(github:|https?:\/\/)/.test(key)) return false;
  try {
    const spec = parseSpec(key);
    return spec.kind === "url" && specKey(spec) === key;
  } catch {
    return false;
  }
}

export function parseManifest(bytes: Uint8Array): { manifest: Manifest; problem: string | null } {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return { manifest: emptyManifest(), problem: "is not valid JSON" };
  }
  if (typeof json !== "object" || json === null || (json as { v?: unknown }).v !== 1) {
    return { manifest: emptyManifest(), problem: "is not a list Mote wrote" };
  }
  const raw = json as { packages?: unknown; files?: unknown };
  const manifest = emptyManifest();
  let dropped = 0;
  const files = typeof raw.files === "object" && raw.files !== null ? (raw.files as Record<string, unknown>) : {};
  for (const [path, sha] of Object.entries(files).slice(0, MAX_RECORDS * 10)) {
    if (typeof sha === "string" && SHA256.test(sha) && safePath(path)) manifest.files[path] = sha;
    else dropped++;
  }
  const packages = typeof raw.packages === "object" && raw.packages !== null ? (raw.packages as Record<string, unknown>) : {};
  for (const [key, value] of Object.entries(packages).slice(0, MAX_RECORDS)) {
    const record = readRecord(key, value);
    if (record) manifest.packages[key] = record;
    else dropped++;
  }
  return { manifest, problem: dropped > 0 ? `had ${dropped} entr${dropped === 1 ? "y" : "ies"} Mote could not read (left out)` : null };
}

function readRecord(key: string, value: unknown): InstalledRecord | null {
  if (!isPackageKey(key) || typeof value !== "object" || value === null) return null;
  const r = value as Record<string, unknown>;
  const strings = (v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : null);
  const files = strings(r.files);
  const deps = strings(r.deps);
  if (!files || !deps || !files.every(safePath) || !deps.every(isPackageKey)) return null;
  if (!isVersion(r.version) || (r.source !== "index" && r.source !== "url") || typeof r.explicit !== "boolean") return null;
  const text = (v: unknown, max: number) => (typeof v === "string" && v.length <= max ? v : "");
  return {
    version: r.version,
    source: r.source,
    spec: text(r.spec, 400) || key,
    index: text(r.index, 400),
    mpy: text(r.mpy, 8),
    explicit: r.explicit,
    deps,
    files,
    installedAt: text(r.installedAt, 40),
  };
}

function safePath(path: string): boolean {
  try {
    checkTargetPath(path, "mote-packages.json");
    return true;
  } catch (e) {
    if (isPackageError(e)) return false;
    throw e;
  }
}

export function serializeManifest(manifest: Manifest): Uint8Array {
  const sorted = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return new TextEncoder().encode(`${JSON.stringify({ v: 1, packages: sorted(manifest.packages), files: sorted(manifest.files) }, null, 1)}\n`);
}

/**
 * The manifest after `plan` is installed, and the files an earlier version of a reinstalled package had that no
 * package lists any more (the installer deletes them, so an upgrade leaves no stale modules behind).
 */
export function withInstall(manifest: Manifest, plan: InstallPlan, now: Date): { manifest: Manifest; obsolete: string[] } {
  const next: Manifest = { v: 1, packages: { ...manifest.packages }, files: { ...manifest.files } };
  const previous = plan.packages.map((p) => manifest.packages[p.key]).filter((r): r is InstalledRecord => r !== undefined);
  for (const p of plan.packages) {
    next.packages[p.key] = {
      version: p.version,
      source: p.source,
      spec: p.spec,
      index: plan.index,
      mpy: plan.mpy,
      explicit: p.key === plan.root || (manifest.packages[p.key]?.explicit ?? false),
      deps: p.deps,
      files: p.files,
      installedAt: now.toISOString(),
    };
  }
  for (const f of plan.files) next.files[f.path] = f.sha256;
  const owned = ownedFiles(next);
  const obsolete = [...new Set(previous.flatMap((r) => r.files))].filter((f) => !owned.has(f));
  for (const f of obsolete) delete next.files[f];
  return { manifest: next, obsolete };
}

/** What removing `key` takes away, and who would miss it. */
export function planRemoval(manifest: Manifest, key: string): RemovalPlan {
  const all = manifest.packages;
  const neededBy = Object.keys(all).filter((k) => k !== key && all[k].deps.includes(key)).sort();
  // Whatever a remaining explicit package still reaches (not through the one removed) stays; other dependencies go.
  const reached = new Set<string>();
  const walk = (k: string) => {
    if (k === key || reached.has(k) || !all[k]) return;
    reached.add(k);
    all[k].deps.forEach(walk);
  };
  for (const k of Object.keys(all)) if (all[k].explicit) walk(k);
  const packages = [key, ...Object.keys(all).filter((k) => k !== key && !reached.has(k))];
  const remaining = Object.keys(all).filter((k) => !packages.includes(k));
  const keptBy = new Map<string, string>();
  for (const k of remaining) for (const f of all[k].files) if (!keptBy.has(f)) keptBy.set(f, k);
  const files: string[] = [];
  const shared: RemovalPlan["shared"] = [];
  for (const k of packages) {
    for (const f of all[k]?.files ?? []) {
      const owner = keptBy.get(f);
      if (owner) {
        if (!shared.some((s) => s.path === f)) shared.push({ path: f, owner });
      } else if (!files.includes(f)) files.push(f);
    }
  }
  return { packages, files, shared, neededBy };
}

/** The manifest once `plan` was carried out; files deleted or left behind changed are no longer Mote's to track. */
export function withRemoval(manifest: Manifest, plan: RemovalPlan): Manifest {
  const next: Manifest = { v: 1, packages: { ...manifest.packages }, files: { ...manifest.files } };
  for (const k of plan.packages) delete next.packages[k];
  for (const f of plan.files) delete next.files[f];
  // A remaining package keeps its list of deps as it declared them, even one removed on the person's word.
  return next;
}

function ownedFiles(manifest: Manifest): Set<string> {
  return new Set(Object.values(manifest.packages).flatMap((r) => r.files));
}
