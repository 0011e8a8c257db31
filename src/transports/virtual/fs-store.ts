import type { FsChange, FsEntry } from "./shared";

export type { FsEntry };

/**
 * Where the virtual board's files live between worker restarts and page reloads. The board hands over whole
 * snapshots on load and differences after each command; an implementation only has to keep them in order.
 */
export interface FsStore {
  /** Every stored entry (files and directories), in any order. */
  load(): Promise<FsEntry[]>;
  /** Add or replace `changed`, then delete `removed` (paths). */
  apply(changed: FsEntry[], removed: string[]): Promise<void>;
  /** Forget everything (a factory-fresh board). */
  clear(): Promise<void>;
}

/** Keeps files for the life of the object: Node tests, bench, and browsers without IndexedDB. */
export class MemoryFsStore implements FsStore {
  private readonly entries = new Map<string, FsEntry>();

  async load(): Promise<FsEntry[]> {
    return [...this.entries.values()].map(copyEntry);
  }

  async apply(changed: FsEntry[], removed: string[]): Promise<void> {
    for (const e of changed) this.entries.set(e.path, copyEntry(e));
    for (const p of removed) this.entries.delete(p);
  }

  async clear(): Promise<void> {
    this.entries.clear();
  }
}

export function copyEntry(e: FsEntry): FsEntry {
  return e.kind === "dir" ? { path: e.path, kind: "dir" } : { path: e.path, kind: "file", data: e.data?.slice() };
}

/**
 * The page's copy of the board's files: what a restarted worker is given, kept current from the worker's changes,
 * and written to the store shortly after they stop coming (a transfer's many small writes become few store writes).
 */
export class FsMirror {
  private readonly files = new Map<string, FsEntry>();
  private dirty = new Set<string>();
  private timer?: ReturnType<typeof setTimeout>;
  private persisting: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: FsStore,
    private readonly delayMs = 250,
  ) {}

  async load(): Promise<void> {
    for (const e of await this.store.load()) this.files.set(e.path, e);
  }

  entries(): FsEntry[] {
    return [...this.files.values()].map(copyEntry);
  }

  apply(changed: FsChange[], removed: string[]): void {
    for (const c of changed) {
      let data = c.data;
      if (c.appendAt !== undefined && data) {
        const prev = this.files.get(c.path)?.data ?? new Uint8Array(0);
        const whole = new Uint8Array(c.appendAt + data.length);
        whole.set(prev.subarray(0, c.appendAt), 0);
        whole.set(data, c.appendAt);
        data = whole;
      }
      this.files.set(c.path, c.kind === "dir" ? { path: c.path, kind: "dir" } : { path: c.path, kind: "file", data });
      this.dirty.add(c.path);
    }
    for (const p of removed) {
      this.files.delete(p);
      this.dirty.add(p);
    }
    if (this.dirty.size && !this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.delayMs);
      (this.timer as { unref?: () => void }).unref?.();
    }
  }

  /** Write everything pending now; resolves when the store has it (failures are dropped: the copy here remains). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const changed: FsEntry[] = [];
    const removed: string[] = [];
    for (const p of this.dirty) {
      const e = this.files.get(p);
      if (e) changed.push(e);
      else removed.push(p);
    }
    this.dirty = new Set();
    if (changed.length || removed.length) {
      // A failed write (quota, private mode) must not break the board; this copy still serves restarts.
      this.persisting = this.persisting.then(() => this.store.apply(changed, removed)).catch(() => undefined);
    }
    return this.persisting;
  }
}
