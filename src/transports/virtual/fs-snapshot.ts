import type { EmscriptenFS } from "@micropython/micropython-webassembly-pyscript";
import type { FsChange, FsEntry } from "./shared";

/** Emscripten's own pseudo-filesystems: not the user's files, and recreated by every new instance. */
const SKIP = new Set(["/dev", "/proc", "/tmp"]);

interface Seen {
  kind: "file" | "dir";
  size: number;
  mtime: number;
  data?: Uint8Array;
}

function join(dir: string, name: string): string {
  return dir === "/" ? `/${name}` : `${dir}/${name}`;
}

/** Whether `b` starts with all of `a`. */
function startsWith(b: Uint8Array, a: Uint8Array): boolean {
  if (a.length > b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Tracks the worker's MEMFS and reports what changed since the last look, so the page can persist only the difference.
 * A file counts as possibly changed when its size or mtime moved, or when its mtime is not older than the previous walk
 * (MEMFS mtimes have millisecond resolution, so a second write in the same millisecond would otherwise go unseen);
 * possibly-changed files are compared byte for byte before being reported.
 */
export class FsTracker {
  private seen = new Map<string, Seen>();
  private lastWalk = -Infinity;

  constructor(private readonly fs: EmscriptenFS) {}

  /** Write a snapshot into a fresh MEMFS and take it as the baseline (so nothing restored is reported back). */
  restore(entries: FsEntry[]): void {
    const sorted = [...entries].sort((a, b) => a.path.length - b.path.length);
    for (const e of sorted) {
      try {
        if (e.kind === "dir") {
          if (!this.exists(e.path)) this.fs.mkdir(e.path);
        } else {
          this.fs.writeFile(e.path, e.data ?? new Uint8Array(0));
        }
      } catch {
        // One unrestorable entry (say, a name clashing with a new built-in directory) must not stop the board.
      }
    }
    this.diff();
  }

  /** Walk the filesystem and return what changed since the previous call. */
  diff(): { changed: FsChange[]; removed: string[] } {
    const walkStart = Date.now();
    const now = new Map<string, Seen>();
    const changed: FsChange[] = [];
    const visit = (dir: string): void => {
      let names: string[];
      try {
        names = this.fs.readdir(dir);
      } catch {
        return;
      }
      for (const name of names) {
        if (name === "." || name === "..") continue;
        const path = join(dir, name);
        if (SKIP.has(path)) continue;
        let st;
        try {
          st = this.fs.lstat(path);
        } catch {
          continue;
        }
        if (this.fs.isDir(st.mode)) {
          now.set(path, { kind: "dir", size: 0, mtime: 0 });
          if (this.seen.get(path)?.kind !== "dir") changed.push({ path, kind: "dir" });
          visit(path);
        } else if (this.fs.isFile(st.mode)) {
          const mtime = st.mtime.getTime();
          const prev = this.seen.get(path);
          const suspect =
            !prev || prev.kind !== "file" || prev.size !== st.size || prev.mtime !== mtime || mtime >= this.lastWalk;
          if (!suspect) {
            now.set(path, prev);
            continue;
          }
          const data = this.fs.readFile(path);
          now.set(path, { kind: "file", size: st.size, mtime, data });
          const old = prev?.kind === "file" ? prev.data : undefined;
          if (old && startsWith(data, old)) {
            if (data.length > old.length) {
              changed.push({ path, kind: "file", data: data.slice(old.length), appendAt: old.length });
            }
          } else {
            changed.push({ path, kind: "file", data });
          }
        }
      }
    };
    visit("/");
    const removed = [...this.seen.keys()].filter((p) => !now.has(p));
    this.seen = now;
    this.lastWalk = walkStart;
    return { changed, removed };
  }

  /** Every entry, for carrying the filesystem into a fresh interpreter after a soft reset. */
  all(): FsEntry[] {
    this.diff();
    return [...this.seen].map(([path, s]) =>
      s.kind === "dir" ? { path, kind: "dir" as const } : { path, kind: "file" as const, data: s.data },
    );
  }

  private exists(path: string): boolean {
    try {
      this.fs.lstat(path);
      return true;
    } catch {
      return false;
    }
  }
}
