// Which project files a program needs on the board: Run sends only the file itself, so `import secrets` or
// `from lib.sensor import read` would fail unless those modules are on the board. Found from the import statements,
// the way the board's importer looks: the project's root (the board's cwd) and lib/ (on every board's sys.path).

/** Logical lines: backslash and bracket continuations joined, comments dropped. Strings are kept as they are. */
function logicalLines(source: string): string[] {
  const out: string[] = [];
  let current = "";
  let depth = 0;
  for (const raw of source.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.replace(/#.*$/, "");
    current += line;
    depth += (line.match(/[([{]/g)?.length ?? 0) - (line.match(/[)\]}]/g)?.length ?? 0);
    if (current.endsWith("\\")) {
      current = current.slice(0, -1) + " ";
      continue;
    }
    if (depth > 0) {
      current += " ";
      continue;
    }
    out.push(current);
    current = "";
    depth = 0;
  }
  if (current) out.push(current);
  return out;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/**
 * Module names `source` imports, in order, without duplicates: `import a.b as c, d` gives a.b and d;
 * `from a import b, c` gives a, a.b and a.c (b may be a submodule file). Relative imports are left out: Run executes
 * a file as `__main__`, where they cannot work anyway.
 */
export function importedModules(source: string): string[] {
  const found: string[] = [];
  const add = (name: string) => {
    if (NAME.test(name) && !found.includes(name)) found.push(name);
  };
  for (const line of logicalLines(source)) {
    // One statement per ';' piece, e.g. "import a; import b".
    for (const stmt of line.split(";").map((s) => s.trim())) {
      const plain = /^import\s+(.+)$/.exec(stmt);
      if (plain) {
        for (const part of plain[1].split(",")) add(part.trim().split(/\s+as\s+/)[0].trim());
        continue;
      }
      const from = /^from\s+(\S+)\s+import\s+(.+)$/.exec(stmt);
      if (!from || from[1].startsWith(".")) continue;
      add(from[1]);
      const names = from[2].replace(/[()]/g, " ");
      for (const part of names.split(",")) {
        const name = part.trim().split(/\s+as\s+/)[0].trim();
        if (name && name !== "*") add(`${from[1]}.${name}`);
      }
    }
  }
  return found;
}

/** Project paths that can hold module `name` (and the packages above it), where a board's importer would look. */
function candidates(name: string): string[] {
  const parts = name.split(".");
  const paths: string[] = [];
  for (const root of ["", "lib/"]) {
    for (let i = 1; i < parts.length; i++) paths.push(`${root}${parts.slice(0, i).join("/")}/__init__.py`);
    const rel = parts.join("/");
    paths.push(`${root}${rel}.py`, `${root}${rel}/__init__.py`);
  }
  return paths;
}

/**
 * The project's .py files that running `entry` imports, directly or through each other, in the order found.
 * `entry` itself is not included (Run sends it).
 */
export function projectModulesFor(entry: string, files: Readonly<Record<string, { content: string }>>): string[] {
  const needed: string[] = [];
  const queue = [entry];
  const seen = new Set([entry]);
  while (queue.length) {
    const path = queue.shift()!;
    const text = files[path]?.content;
    if (text === undefined) continue;
    for (const name of importedModules(text)) {
      for (const candidate of candidates(name)) {
        if (seen.has(candidate) || !(candidate in files)) continue;
        seen.add(candidate);
        needed.push(candidate);
        queue.push(candidate);
      }
    }
  }
  return needed;
}

/** The module name a board imports a project file as: "lib/sensors/temp.py" -> "sensors.temp"; null if none. */
export function moduleNameOf(path: string): string | null {
  const rel = path.replace(/^lib\//, "").replace(/(\/__init__)?\.py$/, "");
  if (!path.endsWith(".py")) return null;
  const name = rel.split("/").join(".");
  return NAME.test(name) ? name : null;
}
