/**
 * Puts a checked InstallPlan on the board and takes packages off again, through the transfer engine (BoardFiles:
 * streamed, sha256-verified on the board, atomic per file). Folders are made as needed. A failure or Cancel part-way
 * removes the files this install added and the folders it made, and leaves the manifest as it was, so the board
 * never lists a package that is half there. (A file that already existed and was replaced by a newer copy stays
 * replaced: the engine cannot undo an atomic write, and the result says so.)
 */
import { DeviceError, isDeviceError } from "../device/errors";
import type { BoardFilesApi } from "../device/fs/types";
import { join, parent } from "../device/paths";
import { PackageError } from "./errors";
import type { BoardPackages, UntrackedPackage } from "./installed";
import { serializeManifest, withInstall, withRemoval, type Manifest, type RemovalPlan } from "./manifest";
import { MANIFEST_NAME } from "./names";
import type { InstallPlan } from "./resolve";

export interface WriteProgress {
  phase: "writing" | "recording";
  /** The file being written, relative to the lib folder. */
  current?: string;
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface InstallResult {
  lib: string;
  packages: Array<{ key: string; version: string }>;
  /** Files sent to the board. */
  written: string[];
  /** Files the board already held with the same content. */
  unchanged: string[];
  /** Files that came without a hash from the index (`urls` of GitHub packages): fetched over HTTPS, not checked. */
  unchecked: string[];
  /** Files of an earlier version that no package lists any more, deleted. */
  obsolete: string[];
}

export interface RemovalResult {
  packages: string[];
  deleted: string[];
  /** Files that changed on the board since Mote installed them: kept, so nothing the person edited is lost. */
  changedKept: string[];
}

export interface WriteOptions {
  signal?: AbortSignal;
  onProgress?: (p: WriteProgress) => void;
  now?: Date;
}

const cancelledError = (replaced: string[]) =>
  new PackageError(
    "Cancelled",
    "The install was cancelled; the files it had added were removed again.",
    replaced.length > 0
      ? `${replaced.length} file${replaced.length === 1 ? " that was already there was" : "s that were already there were"} replaced before you cancelled (${replaced.slice(0, 3).join(", ")}${replaced.length > 3 ? ", …" : ""}). Install again to finish.`
      : "Nothing else needs doing.",
  );

export async function writePlan(files: BoardFilesApi, before: BoardPackages, plan: InstallPlan, options: WriteOptions = {}): Promise<InstallResult> {
  const lib = before.lib;
  const present = new Set(before.present);
  const { manifest, obsolete } = withInstall(before.manifest, plan, options.now ?? new Date());
  const bytesTotal = plan.files.reduce((n, f) => n + f.data.length, 0);
  const progress: WriteProgress = { phase: "writing", filesDone: 0, filesTotal: plan.files.length, bytesDone: 0, bytesTotal };
  const report = (current?: string) => options.onProgress?.({ ...progress, current });
  const added: string[] = [];
  const replaced: string[] = [];
  const madeDirs: string[] = [];
  const result: InstallResult = {
    lib,
    packages: plan.packages.map((p) => ({ key: p.key, version: p.version })),
    written: [],
    unchanged: [],
    unchecked: plan.files.filter((f) => !f.checked).map((f) => f.path),
    obsolete,
  };
  const check = () => {
    if (options.signal?.aborted) throw new DeviceError("Interrupted", "Cancelled");
  };
  try {
    const dirs = new Set<string>(before.exists ? [lib] : []);
    const knownDirs = new Set(before.present.flatMap((p) => ancestors(join(lib, p), lib)));
    for (const d of knownDirs) dirs.add(d);
    for (const file of plan.files) {
      check();
      const path = join(lib, file.path);
      for (const dir of [...ancestors(path, lib).reverse()]) {
        if (dirs.has(dir)) continue;
        // The lib folder itself may not exist yet (a fresh board): make it and everything on the way.
        if (await mkdirIfMissing(files, dir)) madeDirs.push(dir);
        dirs.add(dir);
      }
      report(file.path);
      const offset = progress.bytesDone;
      const wrote = await files.write(path, file.data, {
        signal: options.signal,
        onProgress: (p) => {
          progress.bytesDone = offset + p.done;
          report(file.path);
        },
      });
      progress.bytesDone = offset + file.data.length;
      progress.filesDone++;
      if (wrote.skipped) result.unchanged.push(file.path);
      else {
        result.written.push(file.path);
        (present.has(file.path) ? replaced : added).push(file.path);
      }
      report(file.path);
    }
    check();
    progress.phase = "recording";
    report(MANIFEST_NAME);
    for (const f of obsolete) await removeIfPresent(files, join(lib, f));
    await files.write(join(lib, MANIFEST_NAME), serializeManifest(manifest), { signal: options.signal });
  } catch (error) {
    await rollBack(files, added.map((f) => join(lib, f)), madeDirs);
    if (isDeviceError(error, "Interrupted") || options.signal?.aborted) throw cancelledError(replaced);
    throw error;
  }
  if (obsolete.length > 0) await removeEmptyDirs(files, obsolete.map((f) => join(lib, f)), lib);
  return result;
}

/**
 * Deletes what `plan` lists, except files whose content changed since Mote wrote them (kept and reported), then
 * folders left empty, then records the removal.
 */
export async function removePlanned(files: BoardFilesApi, before: BoardPackages, plan: RemovalPlan): Promise<RemovalResult> {
  const lib = before.lib;
  const deleted: string[] = [];
  const changedKept: string[] = [];
  for (const f of plan.files) {
    const path = join(lib, f);
    const sha = await files.sha256(path);
    if (sha === null) continue;
    if (before.manifest.files[f] !== undefined && sha !== before.manifest.files[f]) {
      changedKept.push(f);
      continue;
    }
    await removeIfPresent(files, path);
    deleted.push(f);
  }
  await removeEmptyDirs(files, deleted.map((f) => join(lib, f)), lib);
  await recordManifest(files, lib, withRemoval(before.manifest, plan));
  return { packages: plan.packages, deleted, changedKept };
}

/** Deletes files no manifest claims (a package found by its files), then folders left empty. */
export async function removeUntracked(files: BoardFilesApi, lib: string, group: UntrackedPackage): Promise<RemovalResult> {
  const deleted: string[] = [];
  for (const f of group.files) {
    await removeIfPresent(files, join(lib, f));
    deleted.push(f);
  }
  await removeEmptyDirs(files, deleted.map((f) => join(lib, f)), lib);
  return { packages: [group.name], deleted, changedKept: [] };
}

/** Writes the manifest, or deletes it once it records nothing (a board without packages carries no Mote file). */
async function recordManifest(files: BoardFilesApi, lib: string, manifest: Manifest): Promise<void> {
  const path = join(lib, MANIFEST_NAME);
  if (Object.keys(manifest.packages).length === 0) await removeIfPresent(files, path);
  else await files.write(path, serializeManifest(manifest));
}

/** Folders between `lib` (included) and the file's own folder, deepest first. */
function ancestors(path: string, lib: string): string[] {
  const out: string[] = [];
  for (let dir = parent(path); dir.length >= lib.length && dir !== "/"; dir = parent(dir)) {
    out.push(dir);
    if (dir === lib) break;
  }
  return out;
}

/** True when the folder was made here (and so is this install's to take back). */
async function mkdirIfMissing(files: BoardFilesApi, dir: string): Promise<boolean> {
  const there = await files.stat(dir);
  if (there?.kind === "dir") return false;
  if (there) {
    throw new PackageError("Conflict", `${dir} on the board is a file, so it cannot hold the package's folder.`, "Rename or delete that file in Board files, then install again.");
  }
  await files.mkdir(dir);
  return true;
}

async function removeIfPresent(files: BoardFilesApi, path: string): Promise<void> {
  try {
    await files.remove(path);
  } catch (error) {
    if (!isDeviceError(error, "NotFound")) throw error;
  }
}

/** Best effort: a failure here must not hide the error that made the install stop. */
async function rollBack(files: BoardFilesApi, added: string[], madeDirs: string[]): Promise<void> {
  for (const path of added) await removeIfPresent(files, path).catch(() => {});
  for (const dir of [...madeDirs].sort((a, b) => b.length - a.length)) await files.remove(dir).catch(() => {});
}

/** Removes the folders of deleted files that are now empty, deepest first, never `lib` itself. */
async function removeEmptyDirs(files: BoardFilesApi, deletedPaths: string[], lib: string): Promise<void> {
  const dirs = new Set(deletedPaths.flatMap((p) => ancestors(p, lib)).filter((d) => d !== lib));
  for (const dir of [...dirs].sort((a, b) => b.length - a.length)) {
    try {
      if ((await files.list(dir)).length === 0) await files.remove(dir);
    } catch (error) {
      if (!isDeviceError(error, "NotFound")) throw error;
    }
  }
}
