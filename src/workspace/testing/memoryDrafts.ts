// TEST DOUBLE: browser-storage drafts kept in a Map, standing in for IndexedDB (folderIdb.ts) in Node tests.
import type { Draft, DraftStore } from "../folderStorage";
import type { SessionRecord } from "../storage";

export class MemoryDrafts implements DraftStore {
  readonly drafts = new Map<string, Draft>();
  session: SessionRecord | null = null;

  async loadDrafts(): Promise<Draft[]> {
    return [...this.drafts.values()].map((d) => ({ ...d }));
  }
  async putDrafts(drafts: Draft[]): Promise<void> {
    for (const d of drafts) this.drafts.set(d.path, { ...d });
  }
  async deleteDrafts(paths: string[]): Promise<void> {
    for (const p of paths) this.drafts.delete(p);
  }
  async loadSession(): Promise<SessionRecord | null> {
    return this.session ? structuredClone(this.session) : null;
  }
  async putSession(session: SessionRecord): Promise<void> {
    this.session = structuredClone(session);
  }
}
