// The persistence boundary of the local project. The logic above it is tested against MemoryStorage in Node;
// the IndexedDB adapter (idbStorage.ts) only maps these calls onto object stores.

export interface FileEntry {
  kind: "file";
  path: string;
  content: string;
  /** Content at the last explicit Save; absent when it equals `content`, so a saved project stores each file once. */
  savedContent?: string;
  modified: number;
}

export interface FolderEntry {
  kind: "folder";
  path: string;
}

export type Entry = FileEntry | FolderEntry;

export interface ViewState {
  /** 1-based, as Monaco and tracebacks count. */
  line: number;
  column: number;
  scrollTop: number;
}

export interface SessionRecord {
  openTabs: string[];
  activePath: string | null;
  views: Record<string, ViewState>;
  /** Set once the example project has been written, so deleting every file doesn't bring main.py back. */
  seeded: boolean;
}

/** A set of changes applied together: either all of them reach storage or none do. */
export interface ChangeSet {
  put: Entry[];
  delete: string[];
}

export interface WorkspaceStorage {
  loadAll(): Promise<{ entries: Entry[]; session: SessionRecord | null }>;
  apply(changes: ChangeSet): Promise<void>;
  putSession(session: SessionRecord): Promise<void>;
}

export function emptySession(): SessionRecord {
  return { openTabs: [], activePath: null, views: {}, seeded: false };
}

/** In-memory storage for tests and for browsers where IndexedDB is unavailable (then work lasts until reload). */
export class MemoryStorage implements WorkspaceStorage {
  readonly entries = new Map<string, Entry>();
  session: SessionRecord | null = null;
  /** Count of apply/putSession calls, so tests can see how often the debouncer actually wrote. */
  writes = 0;
  /** When set, the next write rejects with it: lets tests exercise storage failures. */
  failNext: Error | null = null;

  async loadAll(): Promise<{ entries: Entry[]; session: SessionRecord | null }> {
    return {
      entries: [...this.entries.values()].map((e) => ({ ...e })),
      session: this.session ? structuredClone(this.session) : null,
    };
  }

  async apply(changes: ChangeSet): Promise<void> {
    this.throwIfFailing();
    this.writes++;
    for (const path of changes.delete) this.entries.delete(path);
    for (const entry of changes.put) this.entries.set(entry.path, { ...entry });
  }

  async putSession(session: SessionRecord): Promise<void> {
    this.throwIfFailing();
    this.writes++;
    this.session = structuredClone(session);
  }

  private throwIfFailing(): void {
    const err = this.failNext;
    if (err) {
      this.failNext = null;
      throw err;
    }
  }
}
