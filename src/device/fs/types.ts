/**
 * The shapes shared by the board filesystem (src/device/fs), the transfer engine (src/device/transfer), the
 * BoardFiles facade, the CLI and the UI.
 *
 * Paths are absolute board paths as JS strings ("/lib/foo.py"; on a flat filesystem such as micro:bit's, "/foo.py").
 * A name that is not valid UTF-8 is carried losslessly with Python's surrogateescape convention (each undecodable
 * byte 0xNN becomes the lone surrogate U+DCNN); src/device/paths.ts converts to bytes for the board and to an escaped
 * form for display.
 */

export type EntryKind = "file" | "dir";

export interface BoardEntry {
  /** Absolute board path (surrogate-escaped where the name is not UTF-8). */
  path: string;
  /** Last path component, for display use paths.displayName(). */
  name: string;
  kind: EntryKind;
  /** Bytes; 0 for directories. */
  size: number;
}

/** What this board's firmware can do, probed once per connection. */
export interface FsCaps {
  /** Directories exist (mkdir, nested paths). False on micro:bit 1.9.2's flat filesystem. */
  dirs: boolean;
  rename: boolean;
  /** os.statvfs for a usage bar. */
  statvfs: boolean;
  /** hashlib.sha256 on the board (otherwise verification reads back). */
  sha256: boolean;
  /** The `deflate` module with DeflateIO (MicroPython >= 1.21), for compressed uploads. */
  deflate: boolean;
  /** How binary data can reach running code: sys.stdin.buffer, microbit.uart, or only as text in source. */
  binaryIn: "stdin" | "uart" | "none";
  /** The board's working directory at connect (where a bare file name lands): "/", "/flash", ... */
  cwd: string;
  /** Raw-paste works (streamed source with flow control). */
  rawPaste: boolean;
}

export interface FsUsage {
  totalBytes: number;
  freeBytes: number;
}

export interface TransferProgress {
  /** Payload bytes of the file moved so far (before compression), and the file's size. */
  done: number;
  total: number;
  /** Payload bytes per second over the transfer so far. */
  bytesPerSecond: number;
  /** Estimated time left, when a rate is known. */
  etaMs?: number;
  phase: "checking" | "sending" | "receiving" | "verifying" | "committing";
}

export interface TransferOptions {
  onProgress?: (p: TransferProgress) => void;
  /** Cancelling leaves the board's old file intact and rejects with DeviceError("Interrupted"). */
  signal?: AbortSignal;
}

export interface WriteOptions extends TransferOptions {
  /**
   * Conflict check: the sha256 (hex) the caller believes the board holds, or null for "the file must not exist".
   * When the board's file differs, the write is refused with DeviceError("Conflict") and nothing changes.
   * Undefined skips the check.
   */
  expectSha256?: string | null;
  /** Send even when the board already holds identical content (default false: identical files are skipped). */
  force?: boolean;
}

export interface WriteResult {
  /** True when the board already held identical content and nothing was sent. */
  skipped: boolean;
  /** sha256 (hex) of the content now on the board. */
  sha256: string;
  /** Bytes that crossed the link for the payload (compressed size when compressed). */
  wireBytes: number;
  compressed: boolean;
}

/** A file of the local project offered to a folder sync. */
export interface LocalFile {
  /** Path relative to the synced folder, "/"-separated, no leading slash. */
  relPath: string;
  data: Uint8Array;
}

export interface SyncPlan {
  remoteDir: string;
  upload: Array<{ relPath: string; size: number; reason: "new" | "changed" }>;
  unchanged: string[];
  /** Board files under remoteDir with no local counterpart; deleted only when the sync is asked to. */
  extra: string[];
  deleteExtra: boolean;
}

/** The file operations the UI and the CLI use; each call holds the board for its duration (Busy otherwise). */
export interface BoardFilesApi {
  capabilities(): Promise<FsCaps>;
  /** Entries of `dir` (default the board's cwd); with recursive, the whole tree below it, parents before children. */
  list(dir?: string, options?: { recursive?: boolean }): Promise<BoardEntry[]>;
  stat(path: string): Promise<BoardEntry | null>;
  read(path: string, options?: TransferOptions): Promise<Uint8Array>;
  write(path: string, data: Uint8Array, options?: WriteOptions): Promise<WriteResult>;
  mkdir(path: string): Promise<void>;
  remove(path: string, options?: { recursive?: boolean }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Null when the board cannot tell (no statvfs). */
  usage(): Promise<FsUsage | null>;
  /** sha256 (hex) of the board's file, null when it does not exist. */
  sha256(path: string): Promise<string | null>;
  planSync(local: LocalFile[], remoteDir: string, options?: { deleteExtra?: boolean }): Promise<SyncPlan>;
  applySync(plan: SyncPlan, local: LocalFile[], options?: TransferOptions): Promise<void>;
}
