// IndexedDB for the disk-folder project: the folder's handle (so it reopens on the next visit), unsaved drafts and
// the tabs. A database of its own, so the browser project's schema (idbStorage.ts) never needs an upgrade for it.
// Thin on purpose, like idbStorage.ts: the logic is in folderStorage.ts and the store, tested without IndexedDB.
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { DirHandleLike } from "./fsAccess";
import type { Draft, DraftStore } from "./folderStorage";
import type { SessionRecord } from "./storage";

const DB_NAME = "mote-folder";
const HANDLE_KEY = "folder";
const SESSION_KEY = "session";

interface FolderDB extends DBSchema {
  handles: { key: string; value: DirHandleLike };
  drafts: { key: string; value: Draft };
  meta: { key: string; value: SessionRecord };
}

let dbPromise: Promise<IDBPDatabase<FolderDB>> | null = null;

function db(): Promise<IDBPDatabase<FolderDB>> {
  dbPromise ??= openDB<FolderDB>(DB_NAME, 1, {
    upgrade(database) {
      database.createObjectStore("handles");
      database.createObjectStore("drafts", { keyPath: "path" });
      database.createObjectStore("meta");
    },
  });
  return dbPromise;
}

export async function rememberedFolder(): Promise<DirHandleLike | null> {
  return (await (await db()).get("handles", HANDLE_KEY)) ?? null;
}

/** Remembers a newly opened folder. Drafts and tabs belong to the previous folder, so they go. */
export async function rememberFolder(handle: DirHandleLike): Promise<void> {
  const d = await db();
  const previous = await d.get("handles", HANDLE_KEY);
  const same = previous?.isSameEntry ? await previous.isSameEntry(handle).catch(() => false) : false;
  const tx = d.transaction(["handles", "drafts", "meta"], "readwrite");
  void tx.objectStore("handles").put(handle, HANDLE_KEY);
  if (!same) {
    void tx.objectStore("drafts").clear();
    void tx.objectStore("meta").clear();
  }
  await tx.done;
}

/**
 * Forgets the folder but keeps its drafts: an unsaved edit must not vanish because the person went back to the
 * browser project. Opening a different folder clears them (rememberFolder).
 */
export async function forgetFolder(): Promise<void> {
  await (await db()).delete("handles", HANDLE_KEY);
}

export const idbDrafts: DraftStore = {
  async loadDrafts() {
    return (await db()).getAll("drafts");
  },
  async putDrafts(drafts) {
    const tx = (await db()).transaction("drafts", "readwrite");
    for (const d of drafts) void tx.store.put(d);
    await tx.done;
  },
  async deleteDrafts(paths) {
    if (!paths.length) return;
    const tx = (await db()).transaction("drafts", "readwrite");
    for (const p of paths) void tx.store.delete(p);
    await tx.done;
  },
  async loadSession() {
    return (await (await db()).get("meta", SESSION_KEY)) ?? null;
  },
  async putSession(session) {
    await (await db()).put("meta", session, SESSION_KEY);
  },
};
