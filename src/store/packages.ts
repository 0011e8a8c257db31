/**
 * The Packages dialog as data: the index's package list (search and browse), the board's installed packages, one
 * install or removal at a time with its progress, and the last failure as data (src/packagesDialog/packageWords.ts
 * turns it into words). The index URL and the source-or-bytecode choice are remembered (prefs.ts).
 */
import { createStore, type StoreApi } from "zustand/vanilla";
import type { DeviceApi } from "../device/api";
import { isDeviceError } from "../device/errors";
import type { BoardTarget } from "../packages/board";
import { isPackageError } from "../packages/errors";
import { createProxyFetcher, type Fetcher } from "../packages/fetcher";
import { loadIndex, type IndexPackage } from "../packages/indexClient";
import type { BoardPackages, UntrackedPackage } from "../packages/installed";
import type { InstallResult, RemovalResult } from "../packages/installer";
import type { RemovalPlan } from "../packages/manifest";
import { PackageManager, type InstallProgress } from "../packages/manager";
import { DEFAULT_INDEX, normalizeIndexUrl } from "../packages/spec";
import { readPref, writePref } from "./prefs";

export type IndexState =
  | { status: "idle" }
  | { status: "loading"; url: string }
  | { status: "ready"; url: string; packages: IndexPackage[]; skipped: number }
  | { status: "failed"; url: string; error: unknown };

export type BoardState =
  | { status: "none" }
  | { status: "loading" }
  | { status: "ready"; target: BoardTarget; packages: BoardPackages }
  | { status: "failed"; error: unknown };

export type Operation =
  | { kind: "idle" }
  | { kind: "installing"; spec: string; progress: InstallProgress | null }
  | { kind: "removing"; name: string };

export type RemovalQuestion =
  | { kind: "tracked"; key: string; plan: RemovalPlan }
  | { kind: "untracked"; group: UntrackedPackage };

export type Outcome =
  | { kind: "installed"; spec: string; result: InstallResult }
  | { kind: "removed"; result: RemovalResult };

export interface PackagesState {
  open: boolean;
  indexUrl: string;
  /** Install .py source instead of the board's bytecode version. */
  source: boolean;
  query: string;
  index: IndexState;
  board: BoardState;
  operation: Operation;
  /** The last failure of an install, removal or listing (PackageError or DeviceError). */
  error: unknown;
  outcome: Outcome | null;
  confirm: RemovalQuestion | null;

  openDialog(): void;
  close(): void;
  /** Sets (and remembers) the index URL, then loads its package list; false when the URL was refused. */
  setIndexUrl(url: string): Promise<boolean>;
  setSource(source: boolean): void;
  setQuery(query: string): void;
  loadIndex(): Promise<void>;
  refreshBoard(): Promise<void>;
  install(spec: string): Promise<void>;
  cancel(): void;
  askRemove(key: string): void;
  askRemoveUntracked(name: string): void;
  confirmRemove(): Promise<void>;
  cancelRemove(): void;
  dismissError(): void;
}

export interface PackagesStoreOptions {
  getDevice: () => DeviceApi | null;
  fetcher?: Fetcher;
  /** The board's files changed (the Board files panel lists again). */
  onBoardChanged?: () => void;
}

const INDEX_PREF = "mip.index";
const SOURCE_PREF = "mip.source";
const BUSY_RETRIES = 6;
const BUSY_WAIT_MS = 250;

export function createPackagesStore(options: PackagesStoreOptions): StoreApi<PackagesState> {
  const fetcher = options.fetcher ?? createProxyFetcher();
  const managers = new WeakMap<DeviceApi, PackageManager>();
  let controller: AbortController | null = null;
  let indexRequest = 0;
  // This store's own board work (listing, install, removal) runs one after another: a listing started in the
  // background (after the index loaded) must never meet an install halfway and make it fail as Busy.
  let boardWork: Promise<unknown> = Promise.resolve();
  const onBoard = <T>(body: () => Promise<T>): Promise<T> => {
    const run = boardWork.then(body, body);
    boardWork = run.catch(() => {});
    return run;
  };

  const managerFor = (device: DeviceApi) => {
    let pm = managers.get(device);
    if (!pm) {
      pm = new PackageManager(device, fetcher);
      managers.set(device, pm);
    }
    return pm;
  };

  /** The board may be held for a moment by the Board files panel's listing: wait for it rather than fail. */
  async function whenFree<T>(body: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await body();
      } catch (error) {
        if (!isDeviceError(error, "Busy") || attempt >= BUSY_RETRIES) throw error;
        await new Promise((resolve) => setTimeout(resolve, BUSY_WAIT_MS));
      }
    }
  }

  return createStore<PackagesState>()((set, get) => {
    const indexNames = () => {
      const index = get().index;
      return index.status === "ready" ? new Set(index.packages.map((p) => p.name)) : undefined;
    };

    function readBoard(pm: PackageManager): Promise<void> {
      return onBoard(async () => {
        const target = await whenFree(() => pm.target());
        const packages = await whenFree(() => pm.installed(indexNames()));
        if (options.getDevice() === pm.device) set({ board: { status: "ready", target, packages } });
      });
    }

    /** Runs one install or removal: one at a time, its failure kept, the board listed again afterwards. */
    async function operate(operation: Operation, body: (pm: PackageManager) => Promise<Outcome>): Promise<void> {
      const device = options.getDevice();
      if (!device || get().operation.kind !== "idle") return;
      const pm = managerFor(device);
      controller = new AbortController();
      set({ operation, error: null, outcome: null });
      try {
        const outcome = await onBoard(() => body(pm));
        set({ outcome });
      } catch (error) {
        // Cancel is the person's choice: say what state the board is in (the error's words), but as an outcome.
        set({ error });
      } finally {
        controller = null;
        set({ operation: { kind: "idle" } });
        options.onBoardChanged?.();
        await readBoard(pm).catch((error: unknown) => set({ board: { status: "failed", error } }));
      }
    }

    return {
      open: false,
      indexUrl: readPref(INDEX_PREF) ?? DEFAULT_INDEX,
      source: readPref(SOURCE_PREF) === "1",
      query: "",
      index: { status: "idle" },
      board: { status: "none" },
      operation: { kind: "idle" },
      error: null,
      outcome: null,
      confirm: null,

      openDialog() {
        set({ open: true, outcome: null, error: null });
        if (get().index.status === "idle" || get().index.status === "failed") void get().loadIndex();
        void get().refreshBoard();
      },

      close() {
        if (get().operation.kind !== "idle") return;
        set({ open: false, confirm: null });
      },

      async setIndexUrl(url) {
        let normalized: string;
        try {
          normalized = normalizeIndexUrl(url);
        } catch (error) {
          set({ index: { status: "failed", url, error } });
          return false;
        }
        writePref(INDEX_PREF, normalized);
        set({ indexUrl: normalized, index: { status: "idle" } });
        await get().loadIndex();
        return true;
      },

      setSource(source) {
        writePref(SOURCE_PREF, source ? "1" : "0");
        set({ source });
      },

      setQuery(query) {
        set({ query });
      },

      async loadIndex() {
        const url = get().indexUrl;
        const mine = ++indexRequest;
        set({ index: { status: "loading", url } });
        try {
          const loaded = await loadIndex(url, fetcher);
          if (mine !== indexRequest) return;
          set({ index: { status: "ready", url, packages: loaded.packages, skipped: loaded.skipped } });
          // Names from the index let the board's loose files be matched to packages.
          if (get().board.status === "ready") void get().refreshBoard();
        } catch (error) {
          if (mine === indexRequest) set({ index: { status: "failed", url, error } });
        }
      },

      async refreshBoard() {
        const device = options.getDevice();
        if (!device) {
          set({ board: { status: "none" } });
          return;
        }
        if (get().board.status !== "ready") set({ board: { status: "loading" } });
        try {
          await readBoard(managerFor(device));
        } catch (error) {
          if (options.getDevice() === device) set({ board: { status: "failed", error } });
        }
      },

      async install(spec) {
        const text = spec.trim();
        await operate({ kind: "installing", spec: text, progress: null }, async (pm) => {
          const result = await pm.install(text, {
            index: get().indexUrl,
            source: get().source,
            signal: controller?.signal,
            onProgress: (progress) => {
              const op = get().operation;
              if (op.kind === "installing") set({ operation: { ...op, progress } });
            },
          });
          return { kind: "installed", spec: text, result };
        });
      },

      cancel() {
        controller?.abort();
      },

      askRemove(key) {
        const board = get().board;
        if (board.status !== "ready") return;
        const device = options.getDevice();
        if (!device) return;
        set({ confirm: { kind: "tracked", key, plan: managerFor(device).planRemoval(board.packages, key) } });
      },

      askRemoveUntracked(name) {
        const board = get().board;
        const group = board.status === "ready" ? board.packages.untracked.find((u) => u.name === name) : undefined;
        if (group) set({ confirm: { kind: "untracked", group } });
      },

      async confirmRemove() {
        const question = get().confirm;
        if (!question) return;
        set({ confirm: null });
        const name = question.kind === "tracked" ? question.key : question.group.name;
        await operate({ kind: "removing", name }, async (pm) => {
          const result = question.kind === "tracked" ? await pm.remove(question.key) : await pm.removeUntracked(question.group);
          return { kind: "removed", result };
        });
      },

      cancelRemove() {
        set({ confirm: null });
      },

      dismissError() {
        set({ error: null });
      },
    };
  });
}

/** True for a failure that is the person's own Cancel (shown as information, not as an error). */
export const isCancel = (e: unknown) => isPackageError(e, "Cancelled");
