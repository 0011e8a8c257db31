import { findTracebackRefs, resolveTracebackFile } from "../../terminal/tracebackLinks";

/** Where a run's traceback points in the project: a marker the editor shows until the next run. */
export interface RunErrorMark {
  path: string;
  line: number;
  /** The exception line (`ValueError: bad`), or for an outer frame, what its call led to. */
  message: string;
  /** The frame that raised (innermost in the project) is an error; the calls that led there are info. */
  severity: "error" | "info";
}

/**
 * The project lines a MicroPython traceback names. Only the last traceback in `stderr` counts (a program may print
 * several); frames in files outside the project (`<string>`, frozen modules, board-only files) are left out, and a
 * line named twice (a recursive call) is marked once.
 */
export function marksFromTraceback(
  stderr: string,
  lastRunPath: string | null | undefined,
  projectPaths: readonly string[],
): RunErrorMark[] {
  const text = stderr.replace(/\r\n?/g, "\n");
  const start = text.lastIndexOf("Traceback (most recent call last):");
  if (start < 0) return [];
  const lines = text.slice(start).split("\n").slice(1);
  const frames: Array<{ path: string; line: number }> = [];
  let message = "";
  for (const line of lines) {
    const [ref] = findTracebackRefs(line);
    if (ref) {
      const path = resolveTracebackFile(ref.file, lastRunPath, projectPaths);
      if (path) frames.push({ path, line: ref.line });
      continue;
    }
    // MicroPython's frames are indented; the first unindented line after them is the exception.
    if (line.trim() && !/^\s/.test(line)) {
      message = line.trim();
      break;
    }
  }
  if (!frames.length) return [];
  const exception = message || "The program stopped with an error";
  const seen = new Set<string>();
  const marks: RunErrorMark[] = [];
  frames.forEach((f, i) => {
    const key = `${f.path}:${f.line}`;
    const innermost = i === frames.length - 1;
    if (seen.has(key) && !innermost) return;
    seen.add(key);
    marks.push({
      ...f,
      severity: innermost ? "error" : "info",
      message: innermost ? exception : `This call led to: ${exception}`,
    });
  });
  return marks;
}
