// Board paths and names as the panel shows and builds them. Board names are untrusted: a name that is not valid
// UTF-8 arrives surrogate-escaped (byte 0xNN as U+DCNN, see src/device/fs/types.ts) and control characters would
// hide or reorder text in a list, so both are shown escaped while the path itself stays exact for the board.

/** Temporaries the transfer engine writes next to a target; a person never needs to see them. */
export function isHiddenName(name: string): boolean {
  return name.startsWith(".mote-");
}

// One escaping for every place a board name is shown (the device core's, so errors and the panel agree).
export { displayName } from "../device/paths";

export function boardBaseName(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? path : path.slice(i + 1);
}

export function boardParent(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}

export function boardJoin(dir: string, name: string): string {
  return dir.endsWith("/") ? `${dir}${name}` : `${dir}/${name}`;
}

/**
 * Why a name typed for the board (new folder, rename, an uploaded file's name) cannot be used, or null. Only single
 * names are accepted, so nothing the person types can reach outside the folder they chose.
 */
export function boardNameProblem(name: string): string | null {
  if (name === "") return "A name is needed.";
  if (name === "." || name === "..") return `"${name}" can't be used as a name.`;
  if (name.includes("/")) return 'A name can\'t contain "/".';
  if (name.includes("\0")) return "A name can't contain a NUL character.";
  return null;
}

/** The board path a project file is saved to: its project path under the board's working folder. */
export function boardPathForProject(projectPath: string, cwd: string): string {
  return boardJoin(cwd || "/", projectPath.replace(/^\/+/, ""));
}

/** The project path for a board file: relative to the board's working folder when inside it, else from the root. */
export function projectPathForBoard(boardPath: string, cwd: string): string {
  const base = cwd.endsWith("/") ? cwd : `${cwd}/`;
  const rel = boardPath.startsWith(base) ? boardPath.slice(base.length) : boardPath;
  return rel.replace(/^\/+/, "");
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

export function formatEta(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return "";
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s} s left` : `${Math.floor(s / 60)} min ${s % 60} s left`;
}
