// Gets edits into storage quickly without a write per keystroke, and never out of order.
//
// Not a plain trailing debounce: someone typing steadily (a key every 100 ms) would postpone a trailing debounce
// for as long as they type, and a crash then loses everything since the pause. Here the first change arms a timer
// and later changes ride along, so nothing waits longer than `delayMs` to be written.
import type { ChangeSet, SessionRecord, WorkspaceStorage } from "./storage";

export interface PendingSource {
  /** The current state of each path marked dirty: an entry to put, or null when the file no longer exists. */
  fileEntry(path: string): ChangeSet["put"][number] | null;
  session(): SessionRecord;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  // Looked up at call time so test fake timers installed after construction still apply.
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class PersistQueue {
  private dirtyPaths = new Set<string>();
  private sessionDirty = false;
  private timer: unknown = null;
  /** Every write is chained on this, so a slow write can't be overtaken by a later one. */
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly storage: WorkspaceStorage,
    private readonly source: PendingSource,
    private readonly onError: (err: unknown) => void,
    private readonly delayMs = 250,
    private readonly timers: Timers = realTimers,
  ) {}

  markFile(path: string): void {
    this.dirtyPaths.add(path);
    this.arm();
  }

  markSession(): void {
    this.sessionDirty = true;
    this.arm();
  }

  get pending(): boolean {
    return this.timer !== null || this.dirtyPaths.size > 0 || this.sessionDirty;
  }

  /** Structural changes (create, rename, delete) go straight into the queue, behind any write already running. */
  applyNow(changes: ChangeSet): Promise<void> {
    // A queued content write for a path this change deletes would resurrect it; the change set wins.
    for (const p of changes.delete) this.dirtyPaths.delete(p);
    for (const e of changes.put) this.dirtyPaths.delete(e.path);
    return this.enqueue(() => this.storage.apply(changes));
  }

  /** Writes everything pending now; resolves once storage has it (used by Save and on page hide). */
  flush(): Promise<void> {
    if (this.timer !== null) {
      this.timers.clearTimeout(this.timer);
      this.timer = null;
    }
    const paths = [...this.dirtyPaths];
    const session = this.sessionDirty;
    this.dirtyPaths.clear();
    this.sessionDirty = false;
    if (paths.length === 0 && !session) return this.tail;
    return this.enqueue(async () => {
      // Read the state when the write runs, not when it was queued, so it is as fresh as possible.
      const put: ChangeSet["put"] = [];
      const del: string[] = [];
      for (const p of paths) {
        const entry = this.source.fileEntry(p);
        if (entry) put.push(entry);
        else del.push(p);
      }
      try {
        if (put.length || del.length) await this.storage.apply({ put, delete: del });
        if (session) await this.storage.putSession(this.source.session());
      } catch (err) {
        // Keep them pending so the next edit or flush retries; no automatic retry, since a full disk stays full.
        for (const p of paths) this.dirtyPaths.add(p);
        if (session) this.sessionDirty = true;
        throw err;
      }
    });
  }

  private arm(): void {
    if (this.timer !== null) return;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      // Failures reach onError through the queue; nothing else is waiting on this promise.
      this.flush().catch(() => undefined);
    }, this.delayMs);
  }

  private enqueue(job: () => Promise<void>): Promise<void> {
    const run = this.tail.then(job);
    // Keep the chain alive after a failure; the caller of this job still sees the rejection.
    this.tail = run.catch((err) => this.onError(err));
    return run;
  }
}
