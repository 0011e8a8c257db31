// The local project as the rest of the app sees it: files, tabs, cursor and scroll, and what is saved.
// Edits land here synchronously (the editor stays the source of truth while typing) and reach IndexedDB through
// PersistQueue within its delay; page hide flushes, so a reload or a crashed tab loses nothing.
import { useStore } from "zustand";
import { createStore, type StoreApi } from "zustand/vanilla";
import { tryNormalisePath, normalisePath } from "../workspace/paths";
import { PersistQueue, type Timers } from "../workspace/persistence";
import * as P from "../workspace/project";
import { browserFolderBackend, type FolderBackend } from "../workspace/folderBackend";
import { FolderStorage, FolderWriteError } from "../workspace/folderStorage";
import type { DirHandleLike } from "../workspace/fsAccess";
import { mergeImport } from "../workspace/importMerge";
import { describe, withTimeout } from "../workspace/asyncUtil";
import { projectView, WELCOME_SEED, type Seed } from "../workspace/projectView";
import { exampleProjectId, parseProjects, pickProject, serializeProjects, type ProjectInfo } from "../workspace/projects";
import { readPref, writePref } from "./prefs";
import type { SkippedEntry } from "../workspace/zip";
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

/** Where the project lives: browser storage (IndexedDB), or a folder on disk the person opened. */
export type ProjectSource = { kind: "browser" } | { kind: "folder"; name: string };

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
  source: ProjectSource;
  /** False where the File System Access API is missing: the project then stays in browser storage. */
  folderSupported: boolean;
  /** A remembered folder that needs the person's permission again (a click on "Reopen folder"). */
  pendingFolder: string | null;
  /** Why the folder couldn't be opened or written, with what to do; null when all is well. */
  folderNotice: string | null;
  /** Files in the folder that weren't loaded, with the reason. */
  skipped: SkippedEntry[];
  /** The browser projects: "My project" and those opened from the examples gallery. */
  projects: ProjectInfo[];
  /** The browser project shown (or shown again when a folder is closed). */
  project: ProjectInfo;

  init(): Promise<void>;
  /**
   * Switches the project to a folder the person picked; the browser project stays as it is, to come back to.
   * When the folder can't be read, folderNotice says why and the current project stays.
   */
  openFolder(handle: DirHandleLike): Promise<void>;
  /** Asks again for permission to the remembered folder; call from a click. */
  reopenFolder(): Promise<boolean>;
  /** Back to the project in browser storage; the folder is forgotten (its files on disk stay). */
  useBrowserProject(): Promise<void>;
  /** Shows another browser project; the current one is saved first and stays as it is. */
  switchProject(id: string): Promise<void>;
  /**
   * Opens a gallery example as a project of its own: made from the example's files the first time, and the person's
   * own copy (edits, filled-in secrets) every time after.
   */
  openExample(example: { id: string; title: string; main: string; files: Record<string, string> }): Promise<void>;
  /** Reads the project again from where it lives, picking up files changed or added outside Mote. */
  refresh(): Promise<void>;
  /** Adds imported files (saved) and folders in one change; returns what went in and what was refused. */
  importFiles(
    files: Array<{ path: string; content: string }>,
    folders: string[],
  ): Promise<{ imported: string[]; skipped: SkippedEntry[] }>;
  dirtyPaths(): string[];
  saveAll(): Promise<void>;
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
  /** The storage of one browser project, by id ("main" first). */
  openStorage?: (projectId: string) => Promise<WorkspaceStorage>;
  delayMs?: number;
  /** How long to wait for storage to open before falling back to memory. */
  openTimeoutMs?: number;
  timers?: Timers;
  /** Where pagehide/visibilitychange are listened for; none in Node. */
  lifecycle?: { window?: LifecycleTarget; document?: LifecycleTarget & { readonly visibilityState: string } };
  now?: () => number;
  /** The disk-folder side; the browser's File System Access API and IndexedDB unless a test passes a double. */
  folders?: FolderBackend;
}

async function openDefaultStorage(projectId: string): Promise<WorkspaceStorage> {
  const { IdbStorage } = await import("../workspace/idbStorage");
  const { databaseName } = await import("../workspace/projects");
  return IdbStorage.open(databaseName(projectId));
}

export function createWorkspaceStore(options: WorkspaceStoreOptions = {}): StoreApi<WorkspaceState> {
  const now = options.now ?? Date.now;
  const moveListeners = new Set<MoveListener>();
  let storage: WorkspaceStorage = new MemoryStorage();
  let queue: PersistQueue | null = null;
  let seeded = false;
  let revealNonce = 0;
  let initPromise: Promise<void> | null = null;
  const folderBackend = options.folders ?? browserFolderBackend;
  const browserStorages = new Map<string, WorkspaceStorage>();
  const initialProjects = parseProjects(readPref("projects"));
  let pendingHandle: DirHandleLike | null = null;

  return createStore<WorkspaceState>()((set, get) => {
    const project = (): P.Project => ({ files: get().files, folders: get().folders });
    const session = (): SessionRecord => {
      const s = get();
      return { openTabs: s.openTabs, activePath: s.activePath, views: s.views, seeded };
    };
    const reportError = (err: unknown) =>
      err instanceof FolderWriteError
        ? set({ folderNotice: err.message })
        : set({ storageError: `Couldn't save to browser storage: ${describe(err)}` });
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

    const openBrowserStorage = async (id: string): Promise<WorkspaceStorage> => {
      const known = browserStorages.get(id);
      if (known) return known;
      let opened: WorkspaceStorage;
      try {
        opened = await withTimeout((options.openStorage ?? openDefaultStorage)(id), options.openTimeoutMs ?? 5000);
      } catch (err) {
        opened = new MemoryStorage();
        set({ storageError: `Browser storage is unavailable (${describe(err)}). Your work will be lost when this tab closes.` });
      }
      browserStorages.set(id, opened);
      return opened;
    };

    type Loaded = Awaited<ReturnType<WorkspaceStorage["loadAll"]>>;

    /** Makes `next` the project's storage and shows what it holds. Pending writes to the old one land first. */
    const show = async (next: WorkspaceStorage, loaded: Loaded, source: ProjectSource, keepTabs = false, seed: Seed | null = null) => {
      if (queue && next !== storage) await queue.flush().catch(() => undefined);
      storage = next;
      queue = makeQueue();
      const current = get();
      const sess = keepTabs
        ? { openTabs: current.openTabs, activePath: current.activePath, views: current.views, seeded: true }
        : (loaded.session ?? emptySession());
      // Only a browser project gets seed files: a folder on disk is the person's, as it is.
      const view = projectView(loaded.entries, sess, source.kind === "browser" ? seed : null, now());
      seeded = true;
      const { project: proj, seedChange, openTabs, activePath, views } = view;
      set({
        status: "ready",
        files: proj.files,
        folders: proj.folders,
        openTabs,
        activePath,
        views,
        source,
        skipped: next instanceof FolderStorage ? next.skipped : [],
      });
      if (seedChange) {
        await q().applyNow(seedChange.changes).catch(() => undefined);
      }
      q().markSession();
    };

    /** Shows browser project `info`; `seed` fills it when it is new (My project's welcome file, an example). */
    const showBrowser = async (info: ProjectInfo = get().project, seed: Seed | null = info.id === "main" ? WELCOME_SEED : null) => {
      // Remembered first: a reload while the project loads comes back to the one the person chose.
      writePref("project", info.id);
      const next = await openBrowserStorage(info.id);
      let loaded: Loaded;
      try {
        loaded = await next.loadAll();
      } catch (err) {
        set({ storageError: `Couldn't read your project from browser storage: ${describe(err)}` });
        loaded = { entries: [], session: null };
      }
      await show(next, loaded, { kind: "browser" }, false, seed);
      set({ project: info });
    };

    /** Shows the folder's project, or leaves the current one in place with a notice saying why not. */
    const showFolder = async (handle: DirHandleLike): Promise<boolean> => {
      const next = new FolderStorage(handle, folderBackend.drafts);
      try {
        const loaded = await next.loadAll();
        await show(next, loaded, { kind: "folder", name: handle.name });
        pendingHandle = null;
        set({ pendingFolder: null, folderNotice: null });
        return true;
      } catch (err) {
        const showing = get().source.kind === "folder" ? "The current folder stays open." : "Showing the project in browser storage.";
        set({ folderNotice: `Couldn't open the folder "${handle.name}" (${describe(err)}). ${showing}` });
        return false;
      }
    };

    /**
     * A browser project takes the folder's place: the next visit opens that project, not the folder, and the folder
     * stays on offer for this visit (Reopen folder).
     */
    const leaveFolder = async () => {
      if (get().source.kind !== "folder") return;
      const handle = await folderBackend.remembered().catch(() => null);
      await folderBackend.forget().catch(() => undefined);
      if (handle) {
        pendingHandle = handle;
        set({ pendingFolder: handle.name });
      }
    };

    const load = async () => {
      set({ status: "loading", folderSupported: folderBackend.supported() });
      if (folderBackend.supported()) {
        try {
          const handle = await folderBackend.remembered();
          // Not granted, or granted but unreadable (moved, deleted): either way it stays on offer, with Reopen.
          if (handle && (await folderBackend.permission(handle, false)) === "granted") {
            if (await showFolder(handle)) {
              listenForPageHide();
              return;
            }
          }
          if (handle) {
            pendingHandle = handle;
            set({ pendingFolder: handle.name });
          }
        } catch (err) {
          set({ folderNotice: `Couldn't reopen your folder (${describe(err)}). Showing the project in browser storage.` });
        }
      }
      await showBrowser();
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
      source: { kind: "browser" },
      folderSupported: false,
      pendingFolder: null,
      folderNotice: null,
      skipped: [],
      projects: initialProjects,
      project: pickProject(initialProjects, readPref("project")),

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
        // Called from a click or Ctrl-S with nobody to catch: a failure is already on screen through onError.
        const path = get().activePath;
        await (path ? get().save(path) : q().flush()).catch(() => undefined);
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

      async openFolder(handle) {
        await get().init();
        // Pending writes first: they belong to the current project, and remember() may clear the old drafts.
        await q().flush().catch(() => undefined);
        await folderBackend.remember(handle);
        // On failure the notice says why; the folder stays on offer (Reopen folder, Forget folder).
        if (!(await showFolder(handle))) {
          pendingHandle = handle;
          set({ pendingFolder: handle.name });
        }
      },

      async reopenFolder() {
        const handle = pendingHandle;
        if (!handle) return false;
        const permission = await folderBackend.permission(handle, true);
        if (permission !== "granted") {
          set({ folderNotice: `The browser didn't allow access to "${handle.name}". Press Reopen folder and choose Allow, or Open folder to pick it again.` });
          return false;
        }
        const shown = await showFolder(handle);
        // Left for a browser project earlier in this visit: the folder is the one to reopen next time again.
        if (shown) await folderBackend.remember(handle).catch(() => undefined);
        return shown;
      },

      async useBrowserProject() {
        pendingHandle = null;
        set({ pendingFolder: null, folderNotice: null });
        await folderBackend.forget();
        if (get().source.kind === "folder") await showBrowser();
      },

      async switchProject(id) {
        await get().init();
        const info = get().projects.find((p) => p.id === id);
        if (!info || (info.id === get().project.id && get().source.kind === "browser")) return;
        await q().flush().catch(() => undefined);
        await leaveFolder();
        await showBrowser(info);
      },

      async openExample(example) {
        await get().init();
        const id = exampleProjectId(example.id);
        let info = get().projects.find((p) => p.id === id);
        if (!info) {
          info = { id, name: `${example.title} (example)`, exampleId: example.id };
          const projects = [...get().projects, info];
          set({ projects });
          writePref("projects", serializeProjects(projects));
        }
        await q().flush().catch(() => undefined);
        await leaveFolder();
        await showBrowser(info, { files: example.files, main: example.main });
        get().openFile(example.main);
      },

      async refresh() {
        await q().flush().catch(() => undefined);
        const loaded = await storage.loadAll();
        await show(storage, loaded, get().source, true);
      },

      async importFiles(files, folders) {
        const merge = mergeImport(project(), files, folders, now());
        if (merge.changes.put.length) await commit(merge);
        return { imported: merge.imported, skipped: merge.skipped };
      },

      dirtyPaths() {
        return Object.values(get().files)
          .filter((f) => P.isDirty(f))
          .map((f) => f.path);
      },

      async saveAll() {
        const files = { ...get().files };
        for (const path of get().dirtyPaths()) {
          files[path] = P.markSaved(files[path]);
          q().markFile(path);
        }
        set({ files });
        await q().flush();
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
