// WorkspaceStorage over a real folder on disk. The folder holds what the person saved; browser storage (a
// DraftStore) holds unsaved edits, the tabs, and a safety copy of anything on its way to disk. So an edit reaches
// the disk file on Save, a reload keeps unsaved edits as it does for the browser project, and when the disk write
// fails (permission withdrawn, folder deleted) the text is still in the browser and the person is told what to do.
import type { DirHandleLike, FileHandleLike } from "./fsAccess";
import { joinPath, normalisePath, parentPath, baseName, samePathOnBoard } from "./paths";
import type { ChangeSet, Entry, FileEntry, SessionRecord, WorkspaceStorage } from "./storage";
import type { SkippedEntry } from "./zip";

/** An edit not yet (or not known to be) on disk. `savedContent` is what the disk held when the edit began. */
export interface Draft {
  path: string;
  content: string;
  savedContent?: string;
}

export interface DraftStore {
  loadDrafts(): Promise<Draft[]>;
  putDrafts(drafts: Draft[]): Promise<void>;
  deleteDrafts(paths: string[]): Promise<void>;
  loadSession(): Promise<SessionRecord | null>;
  putSession(session: SessionRecord): Promise<void>;
}

export class FolderWriteError extends Error {
  constructor(
    readonly folderName: string,
    readonly paths: string[],
    readonly diskError: unknown,
  ) {
    const why = describeDiskError(diskError);
    super(
      `Couldn't write ${paths.map((p) => `"${p}"`).join(", ")} to the folder "${folderName}" on disk (${why}). ` +
        `Your edits are kept in browser storage. Press Reopen folder or Open folder to give Mote access again, then Save.`,
    );
    this.name = "FolderWriteError";
  }
}

function describeDiskError(err: unknown): string {
  const name = err instanceof DOMException || err instanceof Error ? err.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") return "the browser no longer allows access to it";
  if (name === "NotFoundError") return "the folder or file is gone";
  if (name === "QuotaExceededError") return "the disk is full";
  if (name === "NoModificationAllowedError") return "the file is locked by another program";
  return err instanceof Error ? err.message : String(err);
}

export const FOLDER_LIMITS = { maxFiles: 5000, maxFileBytes: 4 << 20 };
// Tool folders and caches that aren't part of a MicroPython project and can be huge (.git, node_modules).
const IGNORED_DIRS = new Set(["node_modules", "__pycache__"]);

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function isNotFound(err: unknown): boolean {
  return (err instanceof DOMException || err instanceof Error) && err.name === "NotFoundError";
}

export class FolderStorage implements WorkspaceStorage {
  /** Files in the folder that were not loaded on the last loadAll, with the reason, for the panel to list. */
  skipped: SkippedEntry[] = [];

  constructor(
    readonly root: DirHandleLike,
    private readonly drafts: DraftStore,
  ) {}

  get name(): string {
    return this.root.name;
  }

  async loadAll(): Promise<{ entries: Entry[]; session: SessionRecord | null }> {
    this.skipped = [];
    this.truncated = false;
    const disk = new Map<string, FileEntry>();
    const folders: Entry[] = [];
    await this.walk(this.root, "", disk, folders);
    const entries: Entry[] = [...folders];
    const drafts = new Map((await this.drafts.loadDrafts()).map((d) => [d.path, d]));
    for (const [path, file] of disk) {
      const draft = drafts.get(path);
      drafts.delete(path);
      // The disk is what was saved; a draft on top of it is an unsaved edit (or one that failed to reach disk).
      if (draft && draft.content !== file.content) entries.push({ ...file, content: draft.content, savedContent: file.content });
      else entries.push(file);
    }
    for (const draft of drafts.values()) {
      // Kept in the browser but missing on disk (created while the folder was unwritable, or deleted outside):
      // show it as unsaved so Save puts it back, rather than losing it.
      entries.push({ kind: "file", path: draft.path, content: draft.content, savedContent: "", modified: Date.now() });
    }
    return { entries, session: await this.drafts.loadSession() };
  }

  private truncated = false;

  private async walk(dir: DirHandleLike, prefix: string, files: Map<string, FileEntry>, folders: Entry[]): Promise<void> {
    for await (const [name, handle] of dir.entries()) {
      if (this.truncated) return;
      const path = joinPath(prefix, name);
      // Hidden entries (.git, .vscode, .DS_Store) are tool state, not project files.
      if (name.startsWith(".")) continue;
      let valid: string | null = null;
      try {
        valid = normalisePath(path) === path ? path : null;
      } catch (err) {
        this.skipped.push({ name: path, reason: err instanceof Error ? err.message : String(err) });
        continue;
      }
      if (!valid) {
        this.skipped.push({ name: path, reason: "its name can't be used on a board" });
        continue;
      }
      if (handle.kind === "directory") {
        if (IGNORED_DIRS.has(name)) continue;
        folders.push({ kind: "folder", path });
        await this.walk(handle, path, files, folders);
        continue;
      }
      if (files.size >= FOLDER_LIMITS.maxFiles) {
        // A folder this big is probably not a board project (a home folder picked by mistake): stop reading.
        this.skipped.push({ name: path, reason: `the folder has more than ${FOLDER_LIMITS.maxFiles} files; the rest were not read` });
        this.truncated = true;
        return;
      }
      const file = await handle.getFile();
      if (file.size > FOLDER_LIMITS.maxFileBytes) {
        this.skipped.push({ name: path, reason: `it is too large (${file.size} bytes)` });
        continue;
      }
      try {
        const content = utf8.decode(new Uint8Array(await file.arrayBuffer()));
        files.set(path, { kind: "file", path, content, modified: file.lastModified });
      } catch {
        // Left untouched on disk; the project editor holds text only.
        this.skipped.push({ name: path, reason: "it is not a UTF-8 text file" });
      }
    }
  }

  async apply(changes: ChangeSet): Promise<void> {
    const filePuts = changes.put.filter((e): e is FileEntry => e.kind === "file");
    // Safety copy first: whatever happens on disk next, the text is in the browser.
    if (filePuts.length) {
      await this.drafts.putDrafts(filePuts.map((f) => ({ path: f.path, content: f.content, savedContent: f.savedContent })));
    }
    const failed: string[] = [];
    let firstError: unknown = null;
    const attempt = async (path: string, job: () => Promise<void>): Promise<boolean> => {
      try {
        await job();
        return true;
      } catch (err) {
        failed.push(path);
        firstError ??= err;
        return false;
      }
    };
    const clean: string[] = [];
    for (const entry of changes.put) {
      if (entry.kind === "folder") {
        await attempt(entry.path, async () => void (await this.dir(entry.path, true)));
      } else if (entry.savedContent === undefined) {
        if (await attempt(entry.path, () => this.writeFile(entry.path, entry.content))) clean.push(entry.path);
      } else {
        // An unsaved edit stays a draft; the disk keeps the saved text, which a rename must carry to the new name.
        const saved = entry.savedContent;
        await attempt(entry.path, async () => {
          if (!(await this.exists(entry.path))) await this.writeFile(entry.path, saved);
        });
      }
    }
    const putPaths = changes.put.map((e) => e.path);
    // On a case-insensitive disk, "main.py" -> "Main.py" put the new name into the same file: deleting the old
    // name would delete the file.
    const deletions: string[] = [];
    for (const p of changes.delete) {
      const twin = putPaths.find((q) => samePathOnBoard(p, q));
      if (twin === undefined || !(await this.sameEntry(p, twin))) deletions.push(p);
    }
    const removed: string[] = [];
    for (const path of deletions) {
      if (await attempt(path, () => this.remove(path))) removed.push(path);
    }
    await this.drafts.deleteDrafts([...clean, ...removed, ...changes.delete.filter((p) => !deletions.includes(p))]);
    if (failed.length) throw new FolderWriteError(this.root.name, failed, firstError);
  }

  putSession(session: SessionRecord): Promise<void> {
    return this.drafts.putSession(session);
  }

  private async dir(path: string, create: boolean): Promise<DirHandleLike> {
    let dir = this.root;
    if (path === "") return dir;
    for (const part of path.split("/")) dir = await dir.getDirectoryHandle(part, { create });
    return dir;
  }

  private async exists(path: string): Promise<boolean> {
    try {
      await (await this.dir(parentPath(path), false)).getFileHandle(baseName(path));
      return true;
    } catch (err) {
      if (isNotFound(err) || (err instanceof Error && err.name === "TypeMismatchError")) return false;
      throw err;
    }
  }

  /** Whether two names reach the same file or folder (true on a case-insensitive disk for a case-only rename). */
  private async sameEntry(a: string, b: string): Promise<boolean> {
    const find = async (path: string) => {
      const dir = await this.dir(parentPath(path), false);
      try {
        return await dir.getFileHandle(baseName(path));
      } catch {
        return await dir.getDirectoryHandle(baseName(path));
      }
    };
    try {
      const [x, y] = await Promise.all([find(a), find(b)]);
      // Without isSameEntry, assume the worst case for data: the same file, so it is not deleted.
      return x.isSameEntry ? await x.isSameEntry(y) : true;
    } catch {
      // One of them doesn't exist, so deleting the old name can't touch the new one.
      return false;
    }
  }

  private async writeFile(path: string, content: string): Promise<void> {
    const dir = await this.dir(parentPath(path), true);
    const handle: FileHandleLike = await dir.getFileHandle(baseName(path), { create: true });
    // createWritable writes to a swap file that replaces the original on close: a failure leaves the old file.
    const writable = await handle.createWritable();
    try {
      await writable.write(content);
      await writable.close();
    } catch (err) {
      await writable.abort?.().catch(() => undefined);
      throw err;
    }
  }

  private async remove(path: string): Promise<void> {
    try {
      const dir = await this.dir(parentPath(path), false);
      await dir.removeEntry(baseName(path), { recursive: true });
    } catch (err) {
      // Already gone (deleted outside Mote, or with its folder earlier in this change): the goal is met.
      if (!isNotFound(err)) throw err;
    }
  }
}
