// The local project as the rest of the app sees it: files, tabs, cursor and scroll, and what is saved.
// Edits land here synchronously (the editor stays the source of truth while typing) and reach IndexedDB through
// PersistQueue within its delay; page hide flushes, so a reload or a crashed tab loses nothing.
import { useStore } from "zustand";
import { createStore, type StoreApi } from "zustand/vanilla";
import { tryNormalisePath, normalisePath } from "../workspace/paths";
import { PersistQueue, type Timers } from "../workspace/persistence";
import * as P from "../workspace/project";
import {
  MemoryStorage,
  emptySession,
  type FileEntry,
  type SessionRecord,
  type ViewState,
  type WorkspaceStorage,
} from "../workspace/storage";

export type { FileEntry, ViewState } from "../workspace/storage";

export interface RevealRequest {
  path: string;
  line: number;
  column: number;
  /** Changes on every request, so revealing the same line twice still moves the cursor the second time. */
  nonce: number;
}

export type MoveListener = (moved: ReadonlyMap<string, string>) => void;

export interface WorkspaceState {
  status: "idle" | "loading" | "ready";
  /** Set when IndexedDB can't be used; work then lasts only until the page is closed, and the UI should say so. */
  storageError: string | null;
  files: Record<string, FileEntry>;
  folders: string[];
  openTabs: string[];
  activePath: string | null;
  views: Record<string, ViewState>;
  reveal: RevealRequest | null;

  init(): Promise<void>;
  openFile(path: string): boolean;
  closeTab(path: string): void;
  newFile(name?: string, content?: string): Promise<string>;
  newFolder(name: string): Promise<string>;
  /** Create or replace a file (e.g. copied from a board). `saved` marks the content as saved. */
  writeFile(path: string, content: string, saved?: boolean): Promise<string>;
  renamePath(from: string, to: string): Promise<string>;
  deletePath(path: string): Promise<void>;
  updateContent(path: string, content: string): void;
  setView(path: string, view: ViewState): void;
  save(path: string): Promise<void>;
  saveActive(): Promise<void>;
  getActiveSource(): { path: string; source: string } | null;
  revealLine(path: string, line: number, column?: number): boolean;
  isDirty(path: string): boolean;
  /** Writes everything pending to storage now. */
  flush(): Promise<void>;
  /** Renames move files under the editor's feet; it listens here to carry models (and undo history) along. */
  onMove(listener: MoveListener): () => void;
}

interface LifecycleTarget {
  addEventListener(type: string, listener: () => void): void;
}

export interface WorkspaceStoreOptions {
  openStorage?: () => Promise<WorkspaceStorage>;
  delayMs?: number;
  /** How long to wait for storage to open before falling back to memory. */
  openTimeoutMs?: number;
  timers?: Timers;
  /** Where pagehide/visibilitychange are listened for; none in Node. */
  lifecycle?: { window?: LifecycleTarget; document?: LifecycleTarget & { readonly visibilityState: string } };
  now?: () => number;
}

async function openDefaultStorage(): Promise<WorkspaceStorage> {
  const { IdbStorage } = await import("../workspace/idbStorage");
  return IdbStorage.open();
}

// IndexedDB's open can wait forever (another tab blocking an upgrade, a wedged profile): better to work in memory
// and say so than to show a spinner for good.
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("it did not answer in time")), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function createWorkspaceStore(options: WorkspaceStoreOptions = {}): StoreApi<WorkspaceState> {
  const now = options.now ?? Date.now;
  const moveListeners = new Set<MoveListener>();
  let storage: WorkspaceStorage = new MemoryStorage();
  let queue: PersistQueue | null = null;
  let seeded = false;
  let revealNonce = 0;
  let initPromise: Promise<void> | null = null;

  return createStore<WorkspaceState>()((set, get) => {
    const project = (): P.Project => ({ files: get().files, folders: get().folders });
    const session = (): SessionRecord => {
      const s = get();
      return { openTabs: s.openTabs, activePath: s.activePath, views: s.views, seeded };
    };
    const reportError = (err: unknown) => set({ storageError: `Couldn't save to browser storage: ${describe(err)}` });
    const makeQueue = () =>
      new PersistQueue(
        storage,
        { fileEntry: (p) => get().files[p] ?? null, session },
        reportError,
        options.delayMs ?? 250,
        options.timers,
      );
    const q = (): PersistQueue => (queue ??= makeQueue());

    // Structural changes are awaited by the caller; a storage failure is reported but the in-memory change stands,
    // because undoing a rename the person can already see would be more confusing than a warning.
    const commit = async (change: P.ProjectChange, extra: Partial<WorkspaceState> = {}) => {
      set({ files: change.project.files, folders: change.project.folders, ...extra });
      q().markSession();
      try {
        await q().applyNow(change.changes);
      } catch {
        /* reported through onError */
      }
    };

    const activate = (path: string) => {
      const s = get();
      const openTabs = s.openTabs.includes(path) ? s.openTabs : [...s.openTabs, path];
      set({ openTabs, activePath: path });
      q().markSession();
    };

    const listenForPageHide = () => {
      const win = options.lifecycle?.window ?? (typeof window !== "undefined" ? window : undefined);
      const doc = options.lifecycle?.document ?? (typeof document !== "undefined" ? document : undefined);
      const flush = () => void q().flush().catch(() => undefined);
      win?.addEventListener("pagehide", flush);
      doc?.addEventListener("visibilitychange", () => {
        if (doc.visibilityState === "hidden") flush();
      });
    };

    const load = async () => {
      set({ status: "loading" });
      try {
        storage = await withTimeout((options.openStorage ?? openDefaultStorage)(), options.openTimeoutMs ?? 5000);
      } catch (err) {
        storage = new MemoryStorage();
        set({ storageError: `Browser storage is unavailable (${describe(err)}). Your work will be lost when this tab closes.` });
      }
      queue = makeQueue();
      let loaded: Awaited<ReturnType<WorkspaceStorage["loadAll"]>>;
      try {
        loaded = await storage.loadAll();
      } catch (err) {
        set({ storageError: `Couldn't read your project from browser storage: ${describe(err)}` });
        loaded = { entries: [], session: null };
      }
      let proj = P.fromEntries(loaded.entries);
      const sess = loaded.session ?? emptySession();
      seeded = sess.seeded || loaded.entries.length > 0;
      let seedChange: P.ProjectChange | null = null;
      if (!seeded) {
        seedChange = P.createFile(proj, "main.py", P.EXAMPLE_MAIN, now());
        proj = seedChange.project;
        seeded = true;
      }
      // The session may name files deleted in another tab; keep only what still exists.
      const openTabs = sess.openTabs.filter((p) => p in proj.files);
      if (openTabs.length === 0 && "main.py" in proj.files) openTabs.push("main.py");
      const activePath = sess.activePath && openTabs.includes(sess.activePath) ? sess.activePath : (openTabs[0] ?? null);
      const views = Object.fromEntries(Object.entries(sess.views).filter(([p]) => p in proj.files));
      set({ status: "ready", files: proj.files, folders: proj.folders, openTabs, activePath, views });
      if (seedChange) {
        await q().applyNow(seedChange.changes).catch(() => undefined);
        q().markSession();
      }
      listenForPageHide();
    };

    return {
      status: "idle",
      storageError: null,
      files: {},
      folders: [],
      openTabs: [],
      activePath: null,
      views: {},
      reveal: null,

      init() {
        initPromise ??= load();
        return initPromise;
      },

      openFile(raw) {
        const path = tryNormalisePath(raw);
        if (!path || !(path in get().files)) return false;
        activate(path);
        return true;
      },

      closeTab(raw) {
        const path = tryNormalisePath(raw);
        const s = get();
        const i = path ? s.openTabs.indexOf(path) : -1;
        if (i < 0) return;
        const openTabs = s.openTabs.filter((p) => p !== path);
        // Closing the active tab shows its right-hand neighbour, else the left, like most editors.
        const activePath = s.activePath === path ? (openTabs[i] ?? openTabs[i - 1] ?? null) : s.activePath;
        set({ openTabs, activePath });
        q().markSession();
      },

      async newFile(name, content = "") {
        const path = name === undefined ? P.uniqueFileName(project()) : normalisePath(name);
        const change = P.createFile(project(), path, content, now());
        await commit(change);
        activate(path);
        return path;
      },

      async newFolder(name) {
        const change = P.createFolder(project(), name);
        await commit(change);
        return normalisePath(name);
      },

      async writeFile(raw, content, saved = false) {
        const change = P.writeFile(project(), raw, content, saved, now());
        await commit(change);
        return normalisePath(raw);
      },

      async renamePath(rawFrom, rawTo) {
        const change = P.renamePath(project(), rawFrom, rawTo, now());
        const move = (p: string) => change.moved.get(p) ?? p;
        const s = get();
        const views: Record<string, ViewState> = {};
        for (const [p, v] of Object.entries(s.views)) views[move(p)] = v;
        // Before the state changes: the editor must re-key its models first, or it would see the old paths vanish
        // and dispose their models (and undo history).
        if (change.moved.size) for (const l of moveListeners) l(change.moved);
        await commit(change, {
          openTabs: s.openTabs.map(move),
          activePath: s.activePath === null ? null : move(s.activePath),
          views,
        });
        return normalisePath(rawTo);
      },

      async deletePath(raw) {
        const change = P.deletePath(project(), raw);
        const gone = new Set(change.removed);
        const s = get();
        const openTabs = s.openTabs.filter((p) => !gone.has(p));
        let activePath = s.activePath;
        if (activePath !== null && gone.has(activePath)) {
          const i = s.openTabs.indexOf(activePath);
          activePath = openTabs[Math.min(i, openTabs.length - 1)] ?? null;
        }
        const views = Object.fromEntries(Object.entries(s.views).filter(([p]) => !gone.has(p)));
        await commit(change, { openTabs, activePath, views });
      },

      updateContent(path, content) {
        const file = get().files[path];
        if (!file || file.content === content) return;
        set({ files: { ...get().files, [path]: P.editFile(file, content, now()) } });
        q().markFile(path);
      },

      setView(path, view) {
        const old = get().views[path];
        if (old && old.line === view.line && old.column === view.column && old.scrollTop === view.scrollTop) return;
        set({ views: { ...get().views, [path]: view } });
        q().markSession();
      },

      async save(raw) {
        const path = normalisePath(raw);
        const file = get().files[path];
        if (!file) return;
        if (P.isDirty(file)) {
          set({ files: { ...get().files, [path]: P.markSaved(file) } });
        }
        q().markFile(path);
        await q().flush();
      },

      async saveActive() {
        const path = get().activePath;
        if (path) await get().save(path);
        else await q().flush();
      },

      getActiveSource() {
        const { activePath, files } = get();
        if (!activePath || !files[activePath]) return null;
        return { path: activePath, source: files[activePath].content };
      },

      revealLine(raw, line, column = 1) {
        const path = tryNormalisePath(raw);
        if (!path || !(path in get().files)) return false;
        const lineCount = get().files[path].content.split("\n").length;
        const safeLine = Math.min(Math.max(1, Math.floor(line) || 1), lineCount);
        const safeColumn = Math.max(1, Math.floor(column) || 1);
        activate(path);
        const scrollTop = get().views[path]?.scrollTop ?? 0;
        // The view is set here too, so the cursor position is right even before Monaco has loaded.
        get().setView(path, { line: safeLine, column: safeColumn, scrollTop });
        set({ reveal: { path, line: safeLine, column: safeColumn, nonce: ++revealNonce } });
        return true;
      },

      isDirty(path) {
        const file = get().files[path];
        return file ? P.isDirty(file) : false;
      },

      flush() {
        return q().flush();
      },

      onMove(listener) {
        moveListeners.add(listener);
        return () => moveListeners.delete(listener);
      },
    };
  });
}

/** The app's single workspace store. Non-React code uses workspaceStore.getState(). */
export const workspaceStore = createWorkspaceStore();

/** React hook over workspaceStore; also carries getState/subscribe like a zustand `create` store. */
export const useWorkspace = Object.assign(
  <T>(selector: (state: WorkspaceState) => T): T => useStore(workspaceStore, selector),
  workspaceStore,
);
