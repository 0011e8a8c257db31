/**
 * The package manager for one connected board, as the Packages dialog (and tests) use it: where packages go, what is
 * installed, install (resolve + download + check everything, then write), and remove. UI-free; runs in Node and in
 * the browser. Board access goes through BoardFiles (one raw-REPL session per call, Busy if the board is in use).
 */
import type { DeviceApi } from "../device/api";
import { BoardFiles } from "../device/boardFiles";
import type { BoardFilesApi } from "../device/fs/types";
import { readBoardTarget, type BoardTarget } from "./board";
import { PackageError } from "./errors";
import type { Fetcher } from "./fetcher";
import { readInstalled, type BoardPackages, type UntrackedPackage } from "./installed";
import { removePlanned, removeUntracked, writePlan, type InstallResult, type RemovalResult, type WriteProgress } from "./installer";
import { planRemoval, type RemovalPlan } from "./manifest";
import { resolveInstall, type InstallPlan, type Limits, type ResolveProgress } from "./resolve";
import { normalizeIndexUrl } from "./spec";

export type InstallProgress = ResolveProgress | WriteProgress;

export interface InstallOptions {
  /** The index's base URL (default micropython-lib's). */
  index: string;
  /** Install .py source even where the board could load .mpy. */
  source?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: InstallProgress) => void;
  /** Called with the checked plan, after every file was downloaded and verified and before the board is touched. */
  onPlan?: (plan: InstallPlan) => void;
  limits?: Partial<Limits>;
  now?: Date;
}

export class PackageManager {
  private targetOnce: Promise<BoardTarget> | null = null;
  readonly files: BoardFilesApi;

  constructor(
    readonly device: DeviceApi,
    private readonly fetcher: Fetcher,
    files?: BoardFilesApi,
  ) {
    this.files = files ?? new BoardFiles(device);
  }

  /** Where packages go on this board and which bytecode it loads; read once per manager (one connection). */
  target(): Promise<BoardTarget> {
    if (!this.targetOnce) {
      this.targetOnce = (async () => {
        const caps = await this.files.capabilities();
        if (!caps.dirs) {
          throw new PackageError(
            "NoFolders",
            "This board's filesystem has no folders, so it has no lib folder for packages.",
            "Copy a package's .py files to the board with Board files instead (micro:bit: one flat folder).",
          );
        }
        return readBoardTarget(this.device);
      })();
      this.targetOnce.catch(() => (this.targetOnce = null));
    }
    return this.targetOnce;
  }

  async installed(indexNames?: ReadonlySet<string>): Promise<BoardPackages> {
    const target = await this.target();
    return readInstalled(this.files, target.lib, indexNames);
  }

  /** Resolves and checks everything first; only a complete, verified plan is written. */
  async install(spec: string, options: InstallOptions): Promise<InstallResult> {
    const index = normalizeIndexUrl(options.index);
    const target = await this.target();
    const plan = await resolveInstall(spec, {
      index,
      mpy: options.source ? "py" : target.mpy,
      fetcher: this.fetcher,
      signal: options.signal,
      onProgress: options.onProgress,
      limits: options.limits,
    });
    options.onPlan?.(plan);
    if (options.signal?.aborted) throw new PackageError("Cancelled", "Cancelled.", "Nothing was written to the board.");
    const before = await readInstalled(this.files, target.lib);
    return writePlan(this.files, before, plan, { signal: options.signal, onProgress: options.onProgress, now: options.now });
  }

  planRemoval(state: BoardPackages, key: string): RemovalPlan {
    return planRemoval(state.manifest, key);
  }

  /** Carries out a removal planned on `state` (re-read first, so a board changed meanwhile is not trusted stale). */
  async remove(key: string): Promise<RemovalResult> {
    const state = await this.installed();
    if (!state.manifest.packages[key]) {
      throw new PackageError("NotFound", `${key} is not in Mote's list of installed packages on this board.`, "Refresh the list; it may have been removed already.");
    }
    return removePlanned(this.files, state, planRemoval(state.manifest, key));
  }

  async removeUntracked(group: UntrackedPackage): Promise<RemovalResult> {
    const target = await this.target();
    return removeUntracked(this.files, target.lib, group);
  }
}
