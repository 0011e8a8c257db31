/**
 * What is installed on the board: the packages Mote's manifest records (with versions, and which of their files are
 * missing), plus packages found by their files alone (installed by mip on the board, mpremote, or by hand), which
 * have no version Mote could know. Reading costs one listing of the lib folder and, when present, one read of the
 * manifest.
 */
import { isDeviceError } from "../device/errors";
import type { BoardFilesApi } from "../device/fs/types";
import { join } from "../device/paths";
import { emptyManifest, parseManifest, type InstalledRecord, type Manifest } from "./manifest";
import { MANIFEST_NAME } from "./names";

export interface InstalledPackage extends InstalledRecord {
  key: string;
  /** Files the manifest lists that are not on the board (deleted by hand since). */
  missing: string[];
}

export interface UntrackedPackage {
  /** The index package these files most likely belong to, else the top-level module or folder name. */
  name: string;
  /** True when `name` is a package of the index loaded in the dialog. */
  inIndex: boolean;
  /** Paths in the lib folder. */
  files: string[];
}

export interface BoardPackages {
  lib: string;
  /** The lib folder exists on the board. */
  exists: boolean;
  manifest: Manifest;
  /** Why the manifest was (partly) ignored, in words; null when it read cleanly or there is none. */
  manifestProblem: string | null;
  installed: InstalledPackage[];
  untracked: UntrackedPackage[];
  /** Every file below the lib folder, relative to it, as listed. */
  present: string[];
}

export async function readInstalled(files: BoardFilesApi, lib: string, indexNames?: ReadonlySet<string>): Promise<BoardPackages> {
  let paths: string[];
  try {
    const entries = await files.list(lib, { recursive: true });
    paths = entries.filter((e) => e.kind === "file").map((e) => e.path.slice(lib === "/" ? 1 : lib.length + 1));
  } catch (error) {
    if (!isDeviceError(error, "NotFound")) throw error;
    return { lib, exists: false, manifest: emptyManifest(), manifestProblem: null, installed: [], untracked: [], present: [] };
  }
  let manifest = emptyManifest();
  let manifestProblem: string | null = null;
  if (paths.includes(MANIFEST_NAME)) {
    const parsed = parseManifest(await files.read(join(lib, MANIFEST_NAME)));
    manifest = parsed.manifest;
    manifestProblem = parsed.problem ? `${MANIFEST_NAME} ${parsed.problem}` : null;
  }
  const present = new Set(paths);
  const installed = Object.entries(manifest.packages)
    .map(([key, r]) => ({ ...r, key, missing: r.files.filter((f) => !present.has(f)) }))
    .sort((a, b) => a.key.localeCompare(b.key));
  const tracked = new Set(installed.flatMap((p) => p.files));
  const loose = paths.filter((p) => p !== MANIFEST_NAME && !tracked.has(p) && !p.split("/").some((part) => part.startsWith(".mote-")));
  return { lib, exists: true, manifest, manifestProblem, installed, untracked: groupUntracked(loose, indexNames), present: paths };
}

/**
 * Groups files no manifest claims into the packages they most likely are. A file's module name ("umqtt/simple.mpy"
 * -> umqtt.simple, "requests/__init__.py" -> requests) is matched against the index's names, longest prefix first;
 * with no match the top-level module or folder names the group.
 */
export function groupUntracked(relPaths: readonly string[], indexNames?: ReadonlySet<string>): UntrackedPackage[] {
  const groups = new Map<string, UntrackedPackage>();
  for (const path of relPaths) {
    const parts = path.replace(/\.(py|mpy)$/, "").replace(/\/__init__$/, "").split("/");
    let name = parts[0].replace(/\.(py|mpy)$/, "");
    let inIndex = false;
    for (let n = parts.length; n > 0 && indexNames; n--) {
      const candidate = parts.slice(0, n).join(".");
      if (indexNames.has(candidate)) {
        name = candidate;
        inIndex = true;
        break;
      }
    }
    const group = groups.get(name) ?? { name, inIndex, files: [] };
    group.files.push(path);
    groups.set(name, group);
  }
  return [...groups.values()].sort((a, b) => a.name.localeCompare(b.name));
}
