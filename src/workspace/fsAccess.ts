// The slice of the File System Access API the project folder uses, typed here because TypeScript's DOM library
// lacks the permission calls and showDirectoryPicker. Real handles (a picked folder, or the Origin Private File
// System in tests) satisfy these interfaces structurally.

export type FolderPermission = "granted" | "denied" | "prompt";

export interface WritableLike {
  write(data: string | Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort?(): Promise<void>;
}

export interface FileHandleLike {
  readonly kind: "file";
  readonly name: string;
  getFile(): Promise<{ readonly size: number; readonly lastModified: number; arrayBuffer(): Promise<ArrayBuffer> }>;
  createWritable(): Promise<WritableLike>;
  isSameEntry?(other: FileHandleLike | DirHandleLike): Promise<boolean>;
}

export interface DirHandleLike {
  readonly kind: "directory";
  readonly name: string;
  getDirectoryHandle(name: string, options?: { create?: boolean }): Promise<DirHandleLike>;
  getFileHandle(name: string, options?: { create?: boolean }): Promise<FileHandleLike>;
  removeEntry(name: string, options?: { recursive?: boolean }): Promise<void>;
  entries(): AsyncIterable<[string, DirHandleLike | FileHandleLike]>;
  isSameEntry?(other: FileHandleLike | DirHandleLike): Promise<boolean>;
  queryPermission?(descriptor: { mode: "readwrite" }): Promise<FolderPermission>;
  requestPermission?(descriptor: { mode: "readwrite" }): Promise<FolderPermission>;
}

type PickerWindow = { showDirectoryPicker?: (options?: { mode?: "readwrite"; id?: string }) => Promise<DirHandleLike> };

export function folderAccessSupported(): boolean {
  return typeof window !== "undefined" && typeof (window as unknown as PickerWindow).showDirectoryPicker === "function";
}

/** Shows the browser's folder picker. Resolves null when the person cancels. */
export async function pickFolder(): Promise<DirHandleLike | null> {
  const picker = (window as unknown as PickerWindow).showDirectoryPicker;
  if (!picker) throw new Error("This browser can't open folders on disk.");
  try {
    return await picker.call(window, { mode: "readwrite", id: "mote-project" });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") return null;
    throw err;
  }
}

/**
 * Read-write permission for a folder. With `request`, asks the person (needs a user gesture, such as the click on
 * "Reopen folder"); without it, only looks, because asking outside a gesture throws.
 */
export async function folderPermission(handle: DirHandleLike, request: boolean): Promise<FolderPermission> {
  const descriptor = { mode: "readwrite" as const };
  // Handles without the permission calls (older engines, the Origin Private File System) are always usable.
  const current = handle.queryPermission ? await handle.queryPermission(descriptor) : "granted";
  if (current === "granted" || !request || !handle.requestPermission) return current;
  return handle.requestPermission(descriptor);
}
