/**
 * The board's files as the Board files panel and Save to board see them: the tree, storage usage, the one transfer
 * in progress, and what was opened from the board (with its sha256) so a save never overwrites a file that changed
 * on the board meanwhile. File operations go through BoardFilesApi; the store words nothing (errors are kept as
 * data for src/ui/errorMessages.ts).
 */
import { useStore } from "zustand";
import { createStore, type StoreApi } from "zustand/vanilla";
import type { DeviceApi } from "../device/api";
import { BoardFiles } from "../device/boardFiles";
import { DeviceError, isDeviceError } from "../device/errors";
import { sha256Hex } from "../device/transfer/hash";
import type { FsCaps, TransferProgress } from "../device/fs/types";
import {
  boardBaseName,
  boardJoin,
  boardNameProblem,
  boardParent,
  boardPathForProject,
  displayName,
  isHiddenName,
  projectPathForBoard,
} from "../boardFiles/names";
import type {
  BoardFilesLike,
  BoardFilesState,
  BoardFilesStoreOptions,
  Conflict,
  OpenedFile,
  SaveOutcome,
  Transfer,
} from "./boardFilesTypes";
import { copyModulesForRun } from "./runCopy";
import { workspaceStore } from "./workspace";

export type { BoardFilesLike, BoardFilesState, BoardFilesStoreOptions, Conflict, OpenedFile, SaveOutcome, Transfer };

/** An Error whose message is already words for a person (a refused name): describeError shows it as it is. */
class NameError extends Error {
  readonly shownAsIs = true;
}

const defaultMakeApi = (device: DeviceApi): BoardFilesLike => new BoardFiles(device);

export function createBoardFilesStore(options: BoardFilesStoreOptions = {}): StoreApi<BoardFilesState> {
  // Looked up at call time: modules that mock ./workspace (the connection store's tests) never reach it.
  const workspace = { getState: () => (options.workspace ?? workspaceStore).getState() };
  const factory = options.makeApi ?? defaultMakeApi;
  const apis = new WeakMap<DeviceApi, BoardFilesLike>();
  const cleaned = new WeakSet<DeviceApi>();
  let abort: AbortController | null = null;
  // Bumped on every device change so a listing of the old board never lands on the new one's tree.
  let generation = 0;
  let quietRetries = 0;
  let listing: Promise<void> = Promise.resolve();

  return createStore<BoardFilesState>()((set, get) => {
    async function apiFor(device: DeviceApi): Promise<BoardFilesLike> {
      let api = apis.get(device);
      if (!api) {
        api = factory(device);
        apis.set(device, api);
      }
      return api;
    }

    async function capsOf(api: BoardFilesLike): Promise<FsCaps> {
      const known = get().caps;
      if (known) return known;
      const caps = await api.capabilities();
      set({ caps });
      return caps;
    }

    /** Runs one panel operation: refuses a second, records its failure, refreshes afterwards when asked. */
    async function operate<T>(label: string, body: (api: BoardFilesLike) => Promise<T>, after = true): Promise<T | null> {
      const device = get().device;
      if (!device) return null;
      if (get().busy) {
        set({ problem: new DeviceError("Busy", `${get().busy} is still in progress`) });
        return null;
      }
      set({ busy: label, problem: null, remark: null });
      try {
        // A listing in flight (after a save, or in the background) holds the board; wait for it instead of
        // answering Busy to the person's click.
        await listing;
        return await body(await apiFor(device));
      } catch (e) {
        // Cancel is the person's own choice; the old file is intact and there is nothing to report.
        if (!isDeviceError(e, "Interrupted")) set({ problem: e });
        return null;
      } finally {
        set({ busy: null, transfer: null });
        abort = null;
        if (after) await get().refresh();
      }
    }

    function transferOptions(label: string) {
      abort = new AbortController();
      set({ transfer: { label, progress: null } });
      return { signal: abort.signal, onProgress: (progress: TransferProgress) => set({ transfer: { label, progress } }) };
    }

    function remember(projectPath: string, boardPath: string, sha256: string) {
      set({ opened: { ...get().opened, [projectPath]: { boardPath, sha256 } } });
    }

    /** Puts a board file's text into the project under a path that does not clobber unsaved work. */
    async function intoProject(boardPath: string, text: string, cwd: string, preferred?: string): Promise<string> {
      const ws = workspace.getState();
      let path = preferred ?? projectPathForBoard(boardPath, cwd);
      const existing = ws.files[path];
      if (existing && existing.content !== text && ws.isDirty(path) && preferred === undefined) {
        const dot = path.lastIndexOf(".");
        const stem = dot > path.lastIndexOf("/") ? path.slice(0, dot) : path;
        const ext = dot > path.lastIndexOf("/") ? path.slice(dot) : "";
        let n = 1;
        do path = `${stem} (board${n > 1 ? ` ${n}` : ""})${ext}`;
        while (ws.files[path] && n++ < 100);
      }
      const saved = await ws.writeFile(path, text, true);
      workspace.getState().openFile(saved);
      return saved;
    }

    async function readText(api: BoardFilesLike, boardPath: string): Promise<{ text: string; sha256: string }> {
      const bytes = await api.read(boardPath, transferOptions(`Opening ${displayName(boardBaseName(boardPath))}`));
      let text: string;
      try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      } catch {
        throw new NameError(`${displayName(boardBaseName(boardPath))} is not a text file. Use Download to save it instead.`);
      }
      return { text, sha256: await sha256Hex(bytes) };
    }

    async function listOnce(options: { background?: boolean }): Promise<void> {
      const device = get().device;
      if (!device) return;
      const mine = generation;
      set({ loading: true, stale: false });
      try {
        const api = await apiFor(device);
        if (api.overview) {
          const view = await api.overview();
          cleaned.add(device);
          if (mine !== generation) return;
          quietRetries = 0;
          set({
            caps: view.caps,
            entries: view.entries.filter((e) => !e.path.split("/").some(isHiddenName)),
            usage: view.usage,
            listed: true,
          });
          return;
        }
        if (!cleaned.has(device)) {
          cleaned.add(device);
          // A failed clean-up leaves only hidden temporaries; the listing below reports a real problem.
          await api.cleanup?.().catch(() => undefined);
        }
        const caps = await capsOf(api);
        const entries = await api.list(caps.cwd, { recursive: caps.dirs });
        const usage = caps.statvfs ? await api.usage() : null;
        if (mine !== generation) return;
        quietRetries = 0;
        set({ entries: entries.filter((e) => !e.path.split("/").some(isHiddenName)), usage, listed: true });
      } catch (e) {
        // Something else holding the board (a program, the REPL's own work) makes listing Busy: try again later.
        // A listing nobody asked for that times out (a busy computer, a slow link) is retried a few times before
        // it is worth a message.
        const retry = isDeviceError(e, "Busy") || (options.background && isDeviceError(e, "Timeout") && ++quietRetries <= 3);
        if (mine === generation) set(retry ? { stale: true } : { problem: e });
      } finally {
        if (mine === generation) set({ loading: false });
      }
    }

    return {
      device: null,
      caps: null,
      entries: [],
      usage: null,
      expanded: [],
      loading: false,
      listed: false,
      stale: false,
      busy: null,
      transfer: null,
      problem: null,
      remark: null,
      conflict: null,
      opened: {},

      setDevice(device) {
        if (device === get().device) return;
        ++generation;
        abort?.abort();
        // loading too: a listing of the previous board that is still settling must not block the new board's first.
        set({ device, caps: null, entries: [], usage: null, expanded: [], busy: null, transfer: null, problem: null, loading: false });
        // `opened` stays: after a reconnect a save must still be checked against what was opened (a false alarm on
        // another board is a dialog; a lost check could be lost work).
        set({ remark: null, conflict: null, listed: false, stale: device !== null });
      },

      markStale() {
        if (get().device) set({ stale: true });
      },

      refresh(options = {}) {
        const run = listing.then(() => listOnce(options));
        listing = run;
        return run;
      },

      toggle(path) {
        const expanded = get().expanded;
        set({ expanded: expanded.includes(path) ? expanded.filter((p) => p !== path) : [...expanded, path] });
      },

      async open(boardPath) {
        return operate(
          `Opening ${boardBaseName(boardPath)}`,
          async (api) => {
            const caps = await capsOf(api);
            const { text, sha256 } = await readText(api, boardPath);
            const projectPath = await intoProject(boardPath, text, caps.cwd);
            remember(projectPath, boardPath, sha256);
            return projectPath;
          },
          false,
        );
      },

      async upload(files, dir) {
        await operate("Upload", async (api) => {
          const caps = await capsOf(api);
          const target = dir ?? caps.cwd;
          for (const f of files) {
            const problem = boardNameProblem(f.name);
            if (problem) throw new NameError(`${displayName(f.name)}: ${problem}`);
          }
          for (const f of files) {
            const path = boardJoin(target, f.name);
            await api.write(path, f.data, transferOptions(`Uploading ${displayName(f.name)}`));
          }
          set({ remark: files.length === 1 ? `Uploaded ${displayName(files[0].name)}.` : `Uploaded ${files.length} files.` });
        });
      },

      async uploadProjectFile(projectPath, dir) {
        const file = workspace.getState().files[projectPath];
        if (!file) return;
        await operate("Upload", async (api) => {
          const caps = await capsOf(api);
          const name = boardBaseName(projectPath);
          const path = boardJoin(dir ?? caps.cwd, name);
          const result = await api.write(path, new TextEncoder().encode(file.content), transferOptions(`Uploading ${name}`));
          remember(projectPath, path, result.sha256);
          set({ remark: `Uploaded ${name}.` });
        });
      },

      async download(boardPath) {
        return operate(
          `Downloading ${boardBaseName(boardPath)}`,
          (api) => api.read(boardPath, transferOptions(`Downloading ${displayName(boardBaseName(boardPath))}`)),
          false,
        );
      },

      async remove(entry) {
        await operate(`Deleting ${entry.name}`, async (api) => {
          await api.remove(entry.path, { recursive: entry.kind === "dir" });
          const opened = Object.fromEntries(
            Object.entries(get().opened).filter(([, o]) => o.boardPath !== entry.path && !o.boardPath.startsWith(`${entry.path}/`)),
          );
          set({ opened, remark: `Deleted ${displayName(entry.name)}.` });
        });
      },

      async rename(from, newName) {
        const problem = boardNameProblem(newName);
        if (problem) {
          set({ problem: new NameError(problem) });
          return false;
        }
        const to = boardJoin(boardParent(from), newName);
        if (to === from) return true;
        const done = await operate(`Renaming ${boardBaseName(from)}`, async (api) => {
          await api.rename(from, to);
          // Files opened from under the old name now live under the new one; their content did not change.
          const moved = (p: string) => (p === from ? to : p.startsWith(`${from}/`) ? to + p.slice(from.length) : p);
          const opened = Object.fromEntries(Object.entries(get().opened).map(([k, o]) => [k, { ...o, boardPath: moved(o.boardPath) }]));
          set({ opened, expanded: get().expanded.map(moved), remark: `Renamed to ${displayName(newName)}.` });
          return true;
        });
        return done === true;
      },

      async mkdir(name, parent) {
        const problem = boardNameProblem(name);
        if (problem) {
          set({ problem: new NameError(problem) });
          return false;
        }
        const done = await operate("New folder", async (api) => {
          const caps = await capsOf(api);
          const dir = parent ?? caps.cwd;
          await api.mkdir(boardJoin(dir, name));
          if (dir !== caps.cwd && !get().expanded.includes(dir)) set({ expanded: [...get().expanded, dir] });
          return true;
        });
        return done === true;
      },

      cancelTransfer() {
        abort?.abort();
      },

      async copyForRun(device, projectPaths) {
        if (get().device !== device) get().setDevice(device);
        await listing;
        const api = await apiFor(device);
        const caps = await capsOf(api);
        const files = workspace.getState().files;
        const controller = (abort = new AbortController());
        try {
          const { copied, remembered } = await copyModulesForRun({
            api,
            caps,
            files: projectPaths.filter((p) => files[p]).map((p) => ({ path: p, content: files[p].content })),
            opened: get().opened,
            signal: controller.signal,
            onProgress: (label, progress) => set({ transfer: { label, progress } }),
          });
          set({ opened: { ...get().opened, ...remembered }, ...(copied.length ? { stale: true } : {}) });
          return copied;
        } finally {
          set({ transfer: null });
          abort = null;
        }
      },

      async saveProjectFile(device, projectPath, source) {
        if (get().device !== device) get().setDevice(device);
        await listing;
        const api = await apiFor(device);
        const caps = await capsOf(api);
        const known = get().opened[projectPath];
        const boardPath = known?.boardPath ?? boardPathForProject(projectPath, caps.cwd);
        set({ problem: null });
        let outcome: SaveOutcome;
        try {
          const result = await api.write(boardPath, new TextEncoder().encode(source), {
            ...transferOptions(`Saving ${boardBaseName(boardPath)}`),
            expectSha256: known?.sha256,
          });
          remember(projectPath, boardPath, result.sha256);
          outcome = { kind: "saved", boardPath, skipped: result.skipped };
        } catch (e) {
          if (!isDeviceError(e, "Conflict")) throw e;
          outcome = { kind: "conflict", boardPath };
        } finally {
          set({ transfer: null });
          abort = null;
        }
        // Listed before anything is shown, so the board is free again by the time the person can answer.
        await get().refresh();
        if (outcome.kind === "conflict") set({ conflict: { projectPath, boardPath } });
        return outcome;
      },

      async resolveConflict(choice) {
        const conflict = get().conflict;
        set({ conflict: null });
        if (!conflict || choice === "cancel") return;
        const { projectPath, boardPath } = conflict;
        if (choice === "overwrite") {
          const file = workspace.getState().files[projectPath];
          if (!file) return;
          await operate(`Saving ${boardBaseName(boardPath)}`, async (api) => {
            const result = await api.write(boardPath, new TextEncoder().encode(file.content), transferOptions(`Saving ${boardBaseName(boardPath)}`));
            remember(projectPath, boardPath, result.sha256);
            set({ remark: `Saved ${displayName(boardBaseName(boardPath))} to the board.` });
          });
          return;
        }
        await operate(
          `Opening ${boardBaseName(boardPath)}`,
          async (api) => {
            const caps = await capsOf(api);
            const { text, sha256 } = await readText(api, boardPath);
            // The person chose the board's version for this very file, so it replaces the editor's text.
            await intoProject(boardPath, text, caps.cwd, projectPath);
            remember(projectPath, boardPath, sha256);
          },
          false,
        );
      },

      dismissProblem() {
        set({ problem: null });
      },
    };
  });
}

/** The app's single board-files store. */
export const boardFilesStore = createBoardFilesStore();

export const useBoardFiles = Object.assign(
  <T>(selector: (state: BoardFilesState) => T): T => useStore(boardFilesStore, selector),
  boardFilesStore,
);
