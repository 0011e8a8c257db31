// Puts an imported set of files into the project as one change, so storage gets all of it or none of it.
import { normalisePath } from "./paths";
import * as P from "./project";
import type { ChangeSet } from "./storage";
import type { SkippedEntry } from "./zip";

export interface ImportMerge extends P.ProjectChange {
  imported: string[];
  /** Files refused by the project itself (e.g. "Main.py" when "main.py" exists: boards can't hold both). */
  skipped: SkippedEntry[];
}

/** Files already in the project that an import of `paths` would replace. */
export function replacedBy(project: P.Project, paths: string[]): string[] {
  return paths.filter((p) => p in project.files);
}

export function mergeImport(
  project: P.Project,
  files: Array<{ path: string; content: string }>,
  folders: string[],
  now = Date.now(),
): ImportMerge {
  let current = project;
  const put: ChangeSet["put"] = [];
  const imported: string[] = [];
  const skipped: SkippedEntry[] = [];
  const step = (name: string, fn: () => P.ProjectChange) => {
    try {
      const change = fn();
      current = change.project;
      put.push(...change.changes.put);
      return true;
    } catch (err) {
      skipped.push({ name, reason: err instanceof Error ? err.message : String(err) });
      return false;
    }
  };
  for (const folder of folders) {
    if (current.folders.includes(normalisePath(folder))) continue;
    step(folder, () => P.createFolder(current, folder));
  }
  for (const f of files) {
    // Saved: the imported text is the file's saved state, like a file opened from disk.
    if (step(f.path, () => P.writeFile(current, f.path, f.content, true, now))) imported.push(f.path);
  }
  return { project: current, changes: { put, delete: [] }, imported, skipped };
}
