/** The shapes of the board-files store (src/store/boardFiles.ts): its state, actions and options. */
import type { StoreApi } from "zustand/vanilla";
import type { DeviceApi } from "../device/api";
import type { BoardOverview } from "../device/boardFiles";
import type { BoardEntry, BoardFilesApi, FsCaps, FsUsage, TransferProgress } from "../device/fs/types";
import type { WorkspaceState } from "./workspace";

/** BoardFilesApi plus the facade's clean-up of stale temporaries, which the app runs once per connection. */
export type BoardFilesLike = BoardFilesApi & {
  cleanup?: () => Promise<unknown>;
  /** Clean-up (first time), caps, tree and usage in one session, where the facade offers it. */
  overview?: () => Promise<BoardOverview>;
};

export interface OpenedFile {
  boardPath: string;
  /** sha256 (hex) of the board's content when it was opened or last saved from here. */
  sha256: string;
}

export interface Transfer {
  /** What moves, e.g. "Uploading main.py". */
  label: string;
  progress: TransferProgress | null;
}

export interface Conflict {
  projectPath: string;
  boardPath: string;
}

export type SaveOutcome = { kind: "saved"; boardPath: string; skipped: boolean } | { kind: "conflict"; boardPath: string };

export interface BoardFilesState {
  device: DeviceApi | null;
  caps: FsCaps | null;
  entries: BoardEntry[];
  usage: FsUsage | null;
  expanded: string[];
  /** A list is being fetched. */
  loading: boolean;
  /** The tree was listed at least once for this device. */
  listed: boolean;
  /** The board may have changed without the panel (connect, a program ran): list again when the board is free. */
  stale: boolean;
  /** Label of the panel's own operation in progress; one at a time. */
  busy: string | null;
  transfer: Transfer | null;
  /** The last failure of a panel operation (a DeviceError, or an Error with words from a name check). */
  problem: unknown;
  /** A short success remark for the panel ("Deleted x"). */
  remark: string | null;
  conflict: Conflict | null;
  /** Project path -> board file it came from, for conflict checks. */
  opened: Record<string, OpenedFile>;

  /** Follows the connection: a new device is marked stale (first listing also cleans temporaries); null clears. */
  setDevice(device: DeviceApi | null): void;
  markStale(): void;
  /** Lists the tree and usage. `background`: not asked for by the person, so a slow board is retried quietly. */
  refresh(options?: { background?: boolean }): Promise<void>;
  toggle(path: string): void;
  open(boardPath: string): Promise<string | null>;
  upload(files: Array<{ name: string; data: Uint8Array }>, dir?: string): Promise<void>;
  uploadProjectFile(projectPath: string, dir?: string): Promise<void>;
  download(boardPath: string): Promise<Uint8Array | null>;
  remove(entry: BoardEntry): Promise<void>;
  rename(from: string, newName: string): Promise<boolean>;
  mkdir(name: string, parent?: string): Promise<boolean>;
  cancelTransfer(): void;
  /** Save to board for a project file, checked against what was opened/saved before; throws other failures. */
  saveProjectFile(device: DeviceApi, projectPath: string, source: string): Promise<SaveOutcome>;
  resolveConflict(choice: "overwrite" | "open" | "cancel"): Promise<void>;
  /**
   * Copies project modules a Run needs (see runCopy.ts); returns the project paths actually sent. Throws
   * RunCopyConflict for a board file Mote must not replace, and other failures as they come.
   */
  copyForRun(device: DeviceApi, projectPaths: string[]): Promise<string[]>;
  dismissProblem(): void;
}

export interface BoardFilesStoreOptions {
  makeApi?: (device: DeviceApi) => BoardFilesLike;
  workspace?: StoreApi<WorkspaceState>;
}
