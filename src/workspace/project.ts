// Pure operations on the local project. Each returns the next project plus the ChangeSet that makes storage match,
// so the store can update the screen at once and persist the same change without re-deriving it.
import { ancestorFolders, baseName, isInside, normalisePath, parentPath, samePathOnBoard } from "./paths";
import type { ChangeSet, FileEntry, FolderEntry } from "./storage";

export interface Project {
  files: Record<string, FileEntry>;
  /** Folders, including ones implied by file paths; sorted. */
  folders: string[];
}

export interface ProjectChange {
  project: Project;
  changes: ChangeSet;
}

export class ProjectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProjectError";
  }
}

export const EXAMPLE_MAIN = `# Welcome to Mote! Press Run to try this on your board.
import time

print("Hello from MicroPython!")

for count in range(5):
    print("tick", count)
    time.sleep(0.5)

print("Done. Change the code above and run it again.")
`;

export function emptyProject(): Project {
  return { files: {}, folders: [] };
}

export function fromEntries(entries: Array<FileEntry | FolderEntry>): Project {
  const files: Record<string, FileEntry> = {};
  const folders = new Set<string>();
  for (const e of entries) {
    if (e.kind === "file") {
      files[e.path] = e;
      for (const f of ancestorFolders(e.path)) folders.add(f);
    } else {
      folders.add(e.path);
      for (const f of ancestorFolders(e.path)) folders.add(f);
    }
  }
  return { files, folders: [...folders].sort() };
}

export function isDirty(file: FileEntry): boolean {
  return file.savedContent !== undefined && file.savedContent !== file.content;
}

/** Whatever already occupies `path` on a case-insensitive board filesystem, or a file sitting where a folder must go. */
function conflictWith(project: Project, path: string, ignore?: (p: string) => boolean): string | null {
  const skip = ignore ?? (() => false);
  for (const p of Object.keys(project.files)) {
    if (skip(p)) continue;
    if (samePathOnBoard(p, path)) return p;
    if (ancestorFolders(path).some((a) => samePathOnBoard(a, p))) return p;
  }
  for (const f of project.folders) {
    if (skip(f)) continue;
    if (samePathOnBoard(f, path)) return f;
  }
  return null;
}

function missingFolders(project: Project, path: string): FolderEntry[] {
  return ancestorFolders(path)
    .filter((f) => !project.folders.includes(f))
    .map((f) => ({ kind: "folder", path: f }));
}

function withFolders(folders: string[], add: string[]): string[] {
  return [...new Set([...folders, ...add])].sort();
}

export function createFile(project: Project, rawPath: string, content = "", now = Date.now()): ProjectChange {
  const path = normalisePath(rawPath);
  const clash = conflictWith(project, path);
  if (clash) throw new ProjectError(`"${clash}" already exists.`);
  const file: FileEntry = { kind: "file", path, content, modified: now };
  const folders = missingFolders(project, path);
  return {
    project: {
      files: { ...project.files, [path]: file },
      folders: withFolders(project.folders, folders.map((f) => f.path)),
    },
    changes: { put: [...folders, file], delete: [] },
  };
}

export function createFolder(project: Project, rawPath: string): ProjectChange {
  const path = normalisePath(rawPath);
  const clash = conflictWith(project, path);
  if (clash) throw new ProjectError(`"${clash}" already exists.`);
  const entries: FolderEntry[] = [...missingFolders(project, path), { kind: "folder", path }];
  return {
    project: { files: project.files, folders: withFolders(project.folders, entries.map((f) => f.path)) },
    changes: { put: entries, delete: [] },
  };
}

/**
 * Creates the file or replaces its content (used when a file arrives from a board or an import).
 * `saved` marks the new content as the saved state, as after opening a file from disk.
 */
export function writeFile(project: Project, rawPath: string, content: string, saved: boolean, now = Date.now()): ProjectChange {
  const path = normalisePath(rawPath);
  const existing = project.files[path];
  if (!existing) {
    const created = createFile(project, path, content, now);
    return created;
  }
  const file: FileEntry = { ...existing, content, modified: now };
  if (saved) delete file.savedContent;
  else if (file.savedContent === undefined) file.savedContent = existing.content;
  if (file.savedContent === content) delete file.savedContent;
  return { project: { ...project, files: { ...project.files, [path]: file } }, changes: { put: [file], delete: [] } };
}

/** An edit from the editor: the path is already known-good, and the saved state is kept for the dirty mark. */
export function editFile(file: FileEntry, content: string, now = Date.now()): FileEntry {
  const savedContent = file.savedContent ?? file.content;
  const next: FileEntry = { kind: "file", path: file.path, content, modified: now };
  if (savedContent !== content) next.savedContent = savedContent;
  return next;
}

export function markSaved(file: FileEntry): FileEntry {
  const next = { ...file };
  delete next.savedContent;
  return next;
}

/** Renames a file or a folder (moving everything inside it). Returns the old->new mapping for tabs and views. */
export function renamePath(
  project: Project,
  rawFrom: string,
  rawTo: string,
  now = Date.now(),
): ProjectChange & { moved: Map<string, string> } {
  const from = normalisePath(rawFrom);
  const to = normalisePath(rawTo);
  const isFile = from in project.files;
  const isFolder = project.folders.includes(from);
  if (!isFile && !isFolder) throw new ProjectError(`"${from}" doesn't exist.`);
  if (from === to) return { project, changes: { put: [], delete: [] }, moved: new Map() };
  if (isFolder && isInside(to, from)) throw new ProjectError(`A folder can't be moved inside itself.`);
  // A case-only rename ("main.py" -> "Main.py") is allowed: it clashes only with itself.
  const clash = conflictWith(project, to, (p) => p === from || isInside(p, from));
  if (clash) throw new ProjectError(`"${clash}" already exists.`);

  const moved = new Map<string, string>();
  const files = { ...project.files };
  const put: Array<FileEntry | FolderEntry> = [...missingFolders(project, to)];
  const del: string[] = [];
  for (const [path, entry] of Object.entries(project.files)) {
    if (path !== from && !isInside(path, from)) continue;
    const target = to + path.slice(from.length);
    moved.set(path, target);
    delete files[path];
    const file: FileEntry = { ...entry, path: target, modified: now };
    files[target] = file;
    put.push(file);
    del.push(path);
  }
  let folders = project.folders;
  if (isFolder) {
    const movedFolders = folders.filter((f) => f === from || isInside(f, from));
    folders = folders.filter((f) => !movedFolders.includes(f));
    for (const f of movedFolders) {
      const target = to + f.slice(from.length);
      moved.set(f, target);
      folders.push(target);
      put.push({ kind: "folder", path: target });
      del.push(f);
    }
  }
  folders = withFolders(folders, ancestorFolders(to));
  return { project: { files, folders }, changes: { put, delete: del }, moved };
}

/** Deletes a file, or a folder and everything in it. Returns the deleted paths so tabs can close. */
export function deletePath(project: Project, rawPath: string): ProjectChange & { removed: string[] } {
  const path = normalisePath(rawPath);
  const isFile = path in project.files;
  const isFolder = project.folders.includes(path);
  if (!isFile && !isFolder) throw new ProjectError(`"${path}" doesn't exist.`);
  const removed = Object.keys(project.files).filter((p) => p === path || isInside(p, path));
  const removedFolders = project.folders.filter((f) => f === path || isInside(f, path));
  const files = { ...project.files };
  for (const p of removed) delete files[p];
  return {
    project: { files, folders: project.folders.filter((f) => !removedFolders.includes(f)) },
    changes: { put: [], delete: [...removed, ...removedFolders] },
    removed,
  };
}

/** "untitled.py", then "untitled1.py", ... — the first name free in `folder`. */
export function uniqueFileName(project: Project, folder = "", stem = "untitled", ext = ".py"): string {
  for (let n = 0; ; n++) {
    const name = `${stem}${n === 0 ? "" : n}${ext}`;
    const path = folder ? `${folder}/${name}` : name;
    if (!conflictWith(project, path)) return path;
  }
}

export interface TreeRow {
  path: string;
  name: string;
  depth: number;
  kind: "file" | "folder";
}

/** Rows for the file list: folders before files at each level, each group alphabetical. */
export function treeRows(project: Project): TreeRow[] {
  const rows: TreeRow[] = [];
  const visit = (folder: string, depth: number) => {
    const childFolders = project.folders.filter((f) => parentPath(f) === folder);
    const childFiles = Object.keys(project.files).filter((p) => parentPath(p) === folder);
    const byName = (a: string, b: string) => baseName(a).localeCompare(baseName(b));
    for (const f of childFolders.sort(byName)) {
      rows.push({ path: f, name: baseName(f), depth, kind: "folder" });
      visit(f, depth + 1);
    }
    for (const p of childFiles.sort(byName)) rows.push({ path: p, name: baseName(p), depth, kind: "file" });
  };
  visit("", 0);
  return rows;
}
