// Project paths come from people typing names, from zip archives and from boards, so treat them all as untrusted.
// A valid project path is relative ("lib/sensor.py"), uses "/" only, and every name in it is one a MicroPython
// filesystem (FAT or littlefs) and a desktop OS will both accept.

export const MAX_NAME_LENGTH = 100;
export const MAX_PATH_LENGTH = 255;

export type PathProblem =
  | "empty"
  | "dot-segment"
  | "empty-segment"
  | "control-character"
  | "reserved-character"
  | "name-too-long"
  | "path-too-long"
  | "edge-whitespace";

export class PathError extends Error {
  constructor(
    readonly problem: PathProblem,
    readonly input: string,
    message: string,
  ) {
    super(message);
    this.name = "PathError";
  }
}

// FAT refuses these, and Windows too when a project is exported; refusing them early avoids a late surprise on upload.
const RESERVED = /[<>:"|?*]/;
// C0 controls, DEL and C1 controls: invisible in a file list and some break the raw REPL's line handling.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

/**
 * Returns the canonical form of a project path, or throws a PathError whose message can be shown as it is.
 * Accepts one leading and one trailing "/" and Windows "\" separators, because people paste such paths.
 */
export function normalisePath(input: string): string {
  if (typeof input !== "string") throw new PathError("empty", String(input), "A file name is needed.");
  let p = input.normalize("NFC").trim().replace(/\\/g, "/");
  if (p.startsWith("/")) p = p.slice(1);
  if (p.endsWith("/")) p = p.slice(0, -1);
  if (p === "") throw new PathError("empty", input, "A file name is needed.");
  if (CONTROL.test(p)) {
    throw new PathError("control-character", input, "File names can't contain control characters (such as tabs or line breaks).");
  }
  const segments = p.split("/");
  for (const seg of segments) {
    if (seg === "") {
      throw new PathError("empty-segment", input, `"${input}" has an empty folder name (two "/" in a row).`);
    }
    if (seg === "." || seg === "..") {
      throw new PathError("dot-segment", input, `"${seg}" can't be used as a file or folder name.`);
    }
    if (seg !== seg.trim()) {
      throw new PathError("edge-whitespace", input, `"${seg}" starts or ends with a space; remove it.`);
    }
    if (RESERVED.test(seg)) {
      throw new PathError("reserved-character", input, `"${seg}" contains a character boards can't store: < > : " | ? *`);
    }
    if (utf8Length(seg) > MAX_NAME_LENGTH) {
      throw new PathError("name-too-long", input, `"${seg.slice(0, 20)}…" is too long (at most ${MAX_NAME_LENGTH} bytes per name).`);
    }
  }
  if (utf8Length(p) > MAX_PATH_LENGTH) {
    throw new PathError("path-too-long", input, `That path is too long (at most ${MAX_PATH_LENGTH} bytes).`);
  }
  return p;
}

/** Like normalisePath but returns null instead of throwing, for places where an invalid path just means "no". */
export function tryNormalisePath(input: string): string | null {
  try {
    return normalisePath(input);
  } catch {
    return null;
  }
}

export function baseName(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? path : path.slice(i + 1);
}

export function parentPath(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

export function joinPath(folder: string, name: string): string {
  return folder === "" ? name : `${folder}/${name}`;
}

/** Every folder that must exist for `path` to exist, outermost first ("a/b/c.py" -> ["a", "a/b"]). */
export function ancestorFolders(path: string): string[] {
  const parts = path.split("/");
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join("/"));
  return out;
}

export function isInside(path: string, folder: string): boolean {
  return path.startsWith(folder + "/");
}

/** Boards usually have FAT filesystems, where "Main.py" and "main.py" are the same file. */
export function samePathOnBoard(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
