/**
 * Finding `File "NAME", line N` in terminal lines and deciding which project file it points to.
 * Pure so it can be tested without a terminal; linkProvider.ts adapts it to xterm.
 */

export interface TracebackRef {
  /** The name as MicroPython printed it: `<stdin>`, `main.py`, `/lib/util.py`. */
  file: string;
  line: number;
  /** Column range of the whole `File "…", line N` text in the input string, end exclusive (0-based). */
  start: number;
  end: number;
}

// MicroPython prints `  File "<stdin>", line 3, in <module>`; CPython-style output adds the same shape.
const PATTERN = /File "([^"]+)", line (\d+)/g;

export function findTracebackRefs(text: string): TracebackRef[] {
  const refs: TracebackRef[] = [];
  for (const m of text.matchAll(PATTERN)) {
    const line = Number(m[2]);
    if (!Number.isSafeInteger(line) || line < 1) continue;
    const start = m.index ?? 0;
    refs.push({ file: m[1], line, start, end: start + m[0].length });
  }
  return refs;
}

/** The name a board uses for code that reached it through the REPL (Run sends the editor text that way). */
export const STDIN_NAME = "<stdin>";

function normalise(path: string): string {
  return path.replace(/\\/g, "/").replace(/^\.?\/+/, "");
}

function baseName(path: string): string {
  const n = normalise(path);
  return n.slice(n.lastIndexOf("/") + 1);
}

/**
 * Maps a traceback file name to a project path, or null when it names nothing we have.
 * `<stdin>` is whatever was last run; other names match a project path exactly (ignoring a leading `/`, as boards
 * print absolute paths), else by their last segment when exactly one project file has that name.
 */
export function resolveTracebackFile(
  file: string,
  lastRunPath: string | null | undefined,
  projectPaths: readonly string[],
): string | null {
  if (file === STDIN_NAME) return lastRunPath ?? null;
  if (file.startsWith("<")) return null; // <string>, <frozen>: nothing of ours
  const wanted = normalise(file);
  const exact = projectPaths.find((p) => normalise(p) === wanted);
  if (exact !== undefined) return exact;
  const base = baseName(file);
  const byName = projectPaths.filter((p) => baseName(p) === base);
  return byName.length === 1 ? byName[0] : null;
}
