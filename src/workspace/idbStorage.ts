// Thin IndexedDB adapter for WorkspaceStorage. Kept free of logic because there's no IndexedDB in the Node test
// runner: everything worth testing lives in project.ts and the store, which run against MemoryStorage.
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { ChangeSet, Entry, SessionRecord, WorkspaceStorage } from "./storage";

const DB_NAME = "mote-workspace";
const DB_VERSION = 1;
const SESSION_KEY = "session";

interface MoteDB extends DBSchema {
  entries: { key: string; value: Entry };
  meta: { key: string; value: SessionRecord };
}

export class IdbStorage implements WorkspaceStorage {
  private constructor(private readonly db: IDBPDatabase<MoteDB>) {}

  static async open(name = DB_NAME): Promise<IdbStorage> {
    const db = await openDB<MoteDB>(name, DB_VERSION, {
      upgrade(database) {
        if (!database.objectStoreNames.contains("entries")) database.createObjectStore("entries", { keyPath: "path" });
        if (!database.objectStoreNames.contains("meta")) database.createObjectStore("meta");
      },
      // Another Mote tab wants a newer schema: step aside rather than block its upgrade forever.
      blocking() {
        db.close();
      },
    });
    return new IdbStorage(db);
  }

  async loadAll(): Promise<{ entries: Entry[]; session: SessionRecord | null }> {
    const tx = this.db.transaction(["entries", "meta"], "readonly");
    const [entries, session] = await Promise.all([
      tx.objectStore("entries").getAll(),
      tx.objectStore("meta").get(SESSION_KEY),
      tx.done,
    ]);
    return { entries, session: session ?? null };
  }

  async apply(changes: ChangeSet): Promise<void> {
    // One transaction, so a rename never leaves both or neither of the old and new paths behind.
    const tx = this.db.transaction("entries", "readwrite");
    const store = tx.objectStore("entries");
    for (const path of changes.delete) void store.delete(path);
    for (const entry of changes.put) void store.put(entry);
    await tx.done;
  }

  async putSession(session: SessionRecord): Promise<void> {
    await this.db.put("meta", session, SESSION_KEY);
  }
}
