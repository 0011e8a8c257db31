// Project <-> .zip. An archive is untrusted input: every name goes through the same rules as a typed path
// (paths.ts) after the zip-specific escapes (absolute paths, drive letters, backslashes, "..", NUL, non-UTF-8) are
// refused, and only the resulting project paths are ever written. Nothing is extracted to a real filesystem here;
// the caller puts the result into the project like any other edit.
import { zipSync, type Zippable } from "fflate";
import { baseName, normalisePath, PathError, samePathOnBoard, ancestorFolders } from "./paths";
import type { Project } from "./project";
import { readCentralDirectory, readEntryData, ZipFormatError } from "./zipRead";

export { ZipFormatError } from "./zipRead";

export interface ImportLimits {
  maxEntries: number;
  maxFileBytes: number;
  maxTotalBytes: number;
}

// Generous for a MicroPython project (whole boards hold a few MB) yet small enough that a hostile archive can't
// exhaust the tab's memory.
export const DEFAULT_LIMITS: ImportLimits = { maxEntries: 5000, maxFileBytes: 4 << 20, maxTotalBytes: 32 << 20 };

export interface SkippedEntry {
  /** The name as stored, made printable (invalid UTF-8 and control characters escaped). */
  name: string;
  reason: string;
}

export interface ZipImport {
  files: Array<{ path: string; content: string }>;
  /** Folders named in the archive, including empty ones. */
  folders: string[];
  skipped: SkippedEntry[];
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Shows a stored name safely: bytes that aren't UTF-8 as \xNN, controls as \uNNNN. */
export function printableName(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  while (i < bytes.length) {
    // Find the longest valid UTF-8 run by trying sequence lengths 1-4.
    let taken = 0;
    for (let len = 1; len <= 4 && i + len <= bytes.length; len++) {
      try {
        const ch = utf8.decode(bytes.subarray(i, i + len));
        out += ch.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
        taken = len;
        break;
      } catch {
        /* not a complete character yet */
      }
    }
    if (taken === 0) {
      out += `\\x${bytes[i].toString(16).padStart(2, "0")}`;
      taken = 1;
    }
    i += taken;
  }
  return out;
}

type NameResult = { path: string } | { reason: string } | { ignore: true };

/** Turns a stored name into a project path, or says why it can't be one. */
export function projectPathFromZipName(bytes: Uint8Array): NameResult {
  let name: string;
  try {
    name = utf8.decode(bytes);
  } catch {
    return { reason: "its name is not valid UTF-8" };
  }
  if (name.includes("\0")) return { reason: "its name contains a NUL character" };
  // Zips made on Windows sometimes use "\" as the separator; treat it as one so "..\" is caught below.
  const unified = name.replace(/\\/g, "/");
  if (/^[A-Za-z]:/.test(unified)) return { reason: "it has a drive letter (an absolute Windows path)" };
  if (unified.startsWith("/")) return { reason: "it is an absolute path" };
  const segments = unified.split("/").filter((s) => s !== "" && s !== ".");
  if (segments.includes("..")) return { reason: 'its path contains ".." (it would land outside the project)' };
  if (segments.length === 0) return { ignore: true };
  // Archive tools' own bookkeeping, not part of anyone's project.
  if (segments[0] === "__MACOSX" || segments[segments.length - 1] === ".DS_Store") return { ignore: true };
  try {
    return { path: normalisePath(segments.join("/")) };
  } catch (err) {
    if (err instanceof PathError) return { reason: err.message };
    throw err;
  }
}

/** Reads a project out of a zip. Throws ZipFormatError only when the archive as a whole is unreadable. */
export function importProjectZip(data: Uint8Array, limits: ImportLimits = DEFAULT_LIMITS): ZipImport {
  const entries = readCentralDirectory(data);
  const result: ZipImport = { files: [], folders: [], skipped: [] };
  const taken: string[] = [];
  const takenFolders = new Set<string>();
  let total = 0;
  // Boards' filesystems are case-insensitive, so "Main.py" and "main.py" in one archive can't both be kept.
  const clash = (path: string, asFolder: boolean): string | undefined =>
    taken.find((t) => samePathOnBoard(t, path) || ancestorFolders(path).some((a) => samePathOnBoard(a, t))) ??
    (asFolder ? undefined : [...takenFolders].find((f) => samePathOnBoard(f, path)));
  if (entries.length > limits.maxEntries) {
    throw new ZipFormatError(`This zip has ${entries.length} entries; at most ${limits.maxEntries} can be imported.`);
  }
  for (const entry of entries) {
    const shown = printableName(entry.nameBytes);
    const skip = (reason: string) => result.skipped.push({ name: shown, reason });
    const named = projectPathFromZipName(entry.nameBytes);
    if ("ignore" in named) continue;
    if ("reason" in named) {
      skip(named.reason);
      continue;
    }
    const path = named.path;
    if (entry.symlink) {
      skip("it is a symbolic link");
      continue;
    }
    if (entry.directory) {
      const other = clash(path, true);
      if (other) skip(`it clashes with "${other}"`);
      else {
        takenFolders.add(path);
        for (const a of ancestorFolders(path)) takenFolders.add(a);
      }
      continue;
    }
    if (entry.encrypted) {
      skip("it is encrypted");
      continue;
    }
    const other = clash(path, false);
    if (other) {
      skip(`it clashes with "${other}"`);
      continue;
    }
    if (entry.size > limits.maxFileBytes) {
      skip(`it is too large (${entry.size} bytes; at most ${limits.maxFileBytes})`);
      continue;
    }
    if (total + entry.size > limits.maxTotalBytes) {
      skip(`the import is already at its size limit of ${limits.maxTotalBytes} bytes`);
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = readEntryData(data, entry);
    } catch (err) {
      skip(err instanceof ZipFormatError ? err.message : String(err));
      continue;
    }
    let content: string;
    try {
      content = utf8.decode(bytes);
    } catch {
      skip("it is not a UTF-8 text file (the project holds text files only)");
      continue;
    }
    total += entry.size;
    taken.push(path);
    for (const a of ancestorFolders(path)) takenFolders.add(a);
    result.files.push({ path, content });
  }
  result.folders = [...takenFolders].sort();
  return result;
}

/** True when the project holds a file named secrets.py (credentials by MicroPython convention). */
export function secretFiles(project: Project): string[] {
  return Object.keys(project.files).filter((p) => baseName(p).toLowerCase() === "secrets.py");
}

/** The project as a zip: every file's current content (unsaved edits included) and every empty folder. */
export function exportProjectZip(project: Project): Uint8Array {
  const entries: Zippable = {};
  const enc = new TextEncoder();
  for (const [path, file] of Object.entries(project.files)) {
    // DOS timestamps start in 1980; clamp so an odd clock can't make fflate throw.
    const mtime = Math.max(file.modified, Date.UTC(1980, 0, 2));
    entries[path] = [enc.encode(file.content), { mtime }];
  }
  const paths = Object.keys(project.files);
  for (const folder of project.folders) {
    if (!paths.some((p) => p.startsWith(folder + "/")) && !project.folders.some((f) => f.startsWith(folder + "/"))) {
      entries[folder + "/"] = new Uint8Array(0);
    }
  }
  return zipSync(entries, { level: 6 });
}
