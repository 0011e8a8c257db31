import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { FsStore } from "./fs-store";
import type { FsEntry } from "./shared";

interface BoardDb extends DBSchema {
  entries: { key: string; value: FsEntry };
}

/** The virtual board's files in IndexedDB, one record per path, so they survive a page reload. */
export class IndexedDbFsStore implements FsStore {
  private db?: Promise<IDBPDatabase<BoardDb>>;

  constructor(private readonly name = "mote-virtual-board") {}

  private open(): Promise<IDBPDatabase<BoardDb>> {
    this.db ??= openDB<BoardDb>(this.name, 1, {
      upgrade(db) {
        db.createObjectStore("entries", { keyPath: "path" });
      },
    });
    return this.db;
  }

  async load(): Promise<FsEntry[]> {
    return (await this.open()).getAll("entries");
  }

  async apply(changed: FsEntry[], removed: string[]): Promise<void> {
    const tx = (await this.open()).transaction("entries", "readwrite");
    // One transaction, so a reload never sees half of a command's changes.
    await Promise.all([...changed.map((e) => tx.store.put(e)), ...removed.map((p) => tx.store.delete(p)), tx.done]);
  }

  async clear(): Promise<void> {
    await (await this.open()).clear("entries");
  }
}
