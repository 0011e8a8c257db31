// Checks Mote's MicroPython stubs with the same Pyright version the browser worker runs (1.1.299, Node CLI):
// typeshed's own stdlib with our .pyi files laid over it, exactly as the editor sees them.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { cpSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STUB_MODULES } from "./stubs/list";

const ROOT = resolve(__dirname, "../..");
const STUBS = join(__dirname, "stubs");
const TYPESHED = join(ROOT, "node_modules/pyright/dist/typeshed-fallback");
// Core typeshed files that live inside a package we replace; the editor's bundle keeps them too.
const KEEP_CORE = ["collections/abc.pyi"];
// Stub files that are not MicroPython modules (shared typing helpers), so not in STUB_MODULES.
const HELPER_MODULES = ["_mpy_types"];

interface Diagnostic {
  file: string;
  severity: "error" | "warning" | "information";
  message: string;
  rule?: string;
  range?: { start: { line: number; character: number } };
}

// Snippets live in stubs/checks as real Python: use_<module>.py must check clean; bad_*.py mark each line
// that must be reported with a trailing "# error: <regex>" (matched against Pyright's message).
const CHECKS = join(STUBS, "checks");
const checkFiles = readdirSync(CHECKS).filter((f) => f.endsWith(".py")).sort();
const useFiles = checkFiles.filter((f) => f.startsWith("use_"));
const badFiles = checkFiles.filter((f) => f.startsWith("bad_"));

interface Expected {
  file: string;
  line: number;
  pattern: RegExp;
}

const expectedErrors: Expected[] = badFiles.flatMap((file) =>
  readFileSync(join(CHECKS, file), "utf8")
    .split("\n")
    .flatMap((text, i) => {
      const m = /#\s*error:\s*(.+)$/.exec(text);
      return m ? [{ file, line: i + 1, pattern: new RegExp(m[1]!.trim(), "i") }] : [];
    }),
);

// Public names a stub declares without a docstring right after them (hover would show nothing). Dunder methods
// and private names are exempt; an overloaded function needs its docstring on at least one overload.
function undocumented(text: string): string[] {
  const lines = text.split("\n");
  const missing = new Set<string>();
  const documentedOverloads = new Set<string>();
  const overloads = new Set<string>();
  const isDoc = (i: number) => /^\s*(r|b)?"""/.test(lines[i] ?? "");
  let inString = false;
  const classes: { indent: number; name: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const quotes = (line.match(/"""/g) ?? []).length;
    if (inString || quotes % 2 === 1) {
      if (quotes % 2 === 1) inString = !inString;
      continue;
    }
    const def = /^(\s*)(?:async\s+)?(def|class)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(line);
    const variable = /^(\s*)([A-Za-z][A-Za-z0-9_]*)\s*(?::[^=]+)?(?:=.*)?$/.exec(line);
    if (def) {
      const indent = def[1]!.length;
      while (classes.length && classes[classes.length - 1]!.indent >= indent) classes.pop();
      const name = `${classes.map((c) => c.name).join(".")}:${def[3]}`;
      if (def[2] === "class") classes.push({ indent, name: def[3]! });
      let end = i;
      let depth = 0;
      for (; end < lines.length; end++) {
        for (const ch of lines[end]!.replace(/#.*$/, "")) depth += "([{".includes(ch) ? 1 : ")]}".includes(ch) ? -1 : 0;
        if (depth === 0 && /:\s*(\.\.\.)?\s*(#.*)?$/.test(lines[end]!)) break;
      }
      const oneLiner = /:\s*\.\.\.\s*(#.*)?$/.test(lines[end]!);
      const documented = !oneLiner && isDoc(end + 1);
      const isOverload = /@overload/.test(lines[i - 1] ?? "");
      if (isOverload) {
        overloads.add(name);
        if (documented) documentedOverloads.add(name);
      } else if (!def[3]!.startsWith("_") && !documented) {
        missing.add(def[3]!);
      }
      i = end;
    } else if (variable && !/^\s*(from|import|return|pass|if|else)\b/.test(line) && /:|=/.test(line)) {
      if (!variable[2]!.startsWith("_") && !isDoc(i + 1) && !/TypeAlias|TypeVar\(/.test(line)) missing.add(variable[2]!);
    }
  }
  for (const name of overloads) if (!documentedOverloads.has(name) && !name.split(":")[1]!.startsWith("_")) missing.add(name.split(":")[1]!);
  return [...missing];
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const stubFiles = walk(STUBS).filter((f) => f.endsWith(".pyi"));
const topLevel = [...new Set(stubFiles.map((f) => relative(STUBS, f).split(sep)[0]!.replace(/\.pyi$/, "")))].sort();

let work = "";
let diagnostics: Diagnostic[] = [];
let summary: { filesAnalyzed?: number } = {};

function errorsIn(file: string): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === "error" && resolve(d.file) === resolve(file));
}

function describeDiags(list: Diagnostic[]): string {
  return list.map((d) => `${relative(work, d.file)}:${(d.range?.start.line ?? -1) + 1}: ${d.message}`).join("\n");
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "mote-stubs-"));
  const typeshed = join(work, "typeshed");
  // Third-party stubs are not part of what the editor loads; the stdlib is enough.
  cpSync(join(TYPESHED, "stdlib"), join(typeshed, "stdlib"), { recursive: true });
  // Ours replace typeshed's modules outright (a typeshed package would otherwise win over our plain .pyi),
  // keeping only the core files the builtins import from inside them.
  for (const name of [...STUB_MODULES, ...HELPER_MODULES]) {
    for (const path of [join(typeshed, "stdlib", `${name}.pyi`), join(typeshed, "stdlib", name)]) {
      const keep = KEEP_CORE.filter((k) => k.startsWith(`${name}/`)).map((k) => [k, readFileSync(join(TYPESHED, "stdlib", k))] as const);
      rmSync(path, { recursive: true, force: true });
      for (const [k, text] of keep) {
        mkdirSync(dirname(join(typeshed, "stdlib", k)), { recursive: true });
        writeFileSync(join(typeshed, "stdlib", k), text);
      }
    }
  }
  for (const file of stubFiles) {
    const target = join(typeshed, "stdlib", relative(STUBS, file));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(file, target);
  }
  const ours = new Set([...STUB_MODULES, ...HELPER_MODULES]);
  const theirs = readFileSync(join(TYPESHED, "stdlib/VERSIONS"), "utf8")
    .split("\n")
    .filter((line) => !ours.has(line.split(":")[0]!.trim()));
  const merged = theirs.join("\n") + "\n" + readFileSync(join(STUBS, "VERSIONS"), "utf8");
  writeFileSync(join(typeshed, "stdlib/VERSIONS"), merged);

  const project = join(work, "project");
  cpSync(CHECKS, join(project, "checks"), { recursive: true });
  // Pyright does not report problems inside typeshed's own folder, so a copy of the stubs is checked as
  // project files (their imports still resolve to the typeshed copies).
  for (const file of stubFiles) {
    const target = join(project, "stubcheck", relative(STUBS, file));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(file, target);
  }
  writeFileSync(
    join(project, "pyrightconfig.json"),
    JSON.stringify({
      include: ["checks", "stubcheck"],
      typeshedPath: typeshed,
      pythonVersion: "3.11",
      typeCheckingMode: "basic",
    }),
  );
  const run = spawnSync(process.execPath, [join(ROOT, "node_modules/pyright/index.js"), "--outputjson", "-p", project], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const report = JSON.parse(run.stdout) as { generalDiagnostics: Diagnostic[]; summary: typeof summary };
  diagnostics = report.generalDiagnostics;
  summary = report.summary;
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("MicroPython stubs", () => {
  it("lists exactly the modules that have stub files, in STUB_MODULES and VERSIONS", () => {
    expect([...STUB_MODULES, ...HELPER_MODULES].sort()).toEqual(topLevel);
    const versions = readFileSync(join(STUBS, "VERSIONS"), "utf8")
      .split("\n")
      .filter((l) => l.trim() && !l.startsWith("#"));
    expect(versions.map((l) => l.split(":")[0]!.trim()).sort()).toEqual(topLevel);
    for (const line of versions) expect(line).toMatch(/^[A-Za-z_][A-Za-z0-9_]*: 3\.0-$/);
  });

  it("analysed every snippet and every stub", () => {
    expect(summary.filesAnalyzed ?? 0).toBeGreaterThanOrEqual(checkFiles.length + stubFiles.length);
  });

  it("reports no error inside any stub file", () => {
    const inStubs = diagnostics.filter((d) => d.severity === "error" && d.file.includes(`${sep}stubcheck${sep}`));
    expect(describeDiags(inStubs)).toBe("");
  });

  it.each(stubFiles.map((f) => [relative(STUBS, f)] as const))("%s documents every public name", (file) => {
    expect(undocumented(readFileSync(join(STUBS, file), "utf8")).join(", ")).toBe("");
  });

  it("the docstring check notices a missing docstring", () => {
    expect(undocumented('class A:\n    """Doc."""\n    X: int\n    def f(self) -> None: ...\n')).toEqual(["X", "f"]);
    const overloads = (doc: string) =>
      `class A:\n    """A."""\n    @overload\n    def v(self) -> int:\n        """Get."""\n` +
      `class B:\n    """B."""\n    @overload\n    def v(self) -> int:${doc}\n`;
    expect(undocumented(overloads(' ...'))).toEqual(["v"]);
    expect(undocumented(overloads('\n        """Get."""'))).toEqual([]);
  });

  it("has a usage snippet for every module it ships", () => {
    const missing = STUB_MODULES.filter((m) => !useFiles.includes(`use_${m}.py`));
    expect(missing).toEqual([]);
  });

  it.each(useFiles)("%s type-checks without errors", (file) => {
    expect(describeDiags(errorsIn(join(work, "project/checks", file)))).toBe("");
  });

  it("has misuse cases to catch", () => {
    expect(expectedErrors.length).toBeGreaterThan(20);
  });

  it.each(expectedErrors.map((e) => [`${e.file}:${e.line}`, e] as const))("reports misuse at %s", (_at, e) => {
    const errors = errorsIn(join(work, "project/checks", e.file));
    const onLine = errors.filter((d) => (d.range?.start.line ?? -1) + 1 === e.line);
    expect(
      onLine.some((d) => e.pattern.test(d.message)),
      `expected /${e.pattern.source}/ at line ${e.line}; got:\n${describeDiags(errors) || "no errors"}`,
    ).toBe(true);
  });

  it.each(badFiles)("%s reports nothing on lines not marked as errors", (file) => {
    const marked = new Set(expectedErrors.filter((e) => e.file === file).map((e) => e.line));
    const stray = errorsIn(join(work, "project/checks", file)).filter(
      (d) => !marked.has((d.range?.start.line ?? -1) + 1),
    );
    expect(describeDiags(stray)).toBe("");
  });
});

// A minimal LSP client over stdio (Content-Length framing), enough to ask the language server what the editor
// will show: completions and hovers through the same overlay.
class LanguageServer {
  private proc: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private pending = new Map<number, (result: unknown) => void>();

  constructor() {
    this.proc = spawn(process.execPath, [join(ROOT, "node_modules/pyright/langserver.index.js"), "--stdio"]);
    this.proc.stdout.on("data", (chunk: Buffer) => this.receive(chunk));
  }

  private send(message: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf("\r\n\r\n");
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())![1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const msg = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString("utf8"));
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      if (msg.method && msg.id !== undefined) {
        // Server-to-client requests (configuration, capability registration, progress) need an answer.
        // No interpreter: the editor has none either, and probing one (pyenv shims) takes many seconds.
        const result =
          msg.method === "workspace/configuration"
            ? msg.params.items.map((i: { section?: string }) => (i.section === "python" ? { pythonPath: "/bin/false" } : {}))
            : null;
        this.send({ id: msg.id, result });
      } else if (msg.id !== undefined && this.pending.has(msg.id)) {
        this.pending.get(msg.id)!(msg.result);
        this.pending.delete(msg.id);
      }
    }
  }

  request<T>(method: string, params: object): Promise<T> {
    const id = this.nextId++;
    return new Promise((done) => {
      this.pending.set(id, done as (r: unknown) => void);
      this.send({ id, method, params });
    });
  }

  notify(method: string, params: object): void {
    this.send({ method, params });
  }

  stop(): void {
    this.proc.kill();
  }
}

describe("MicroPython stubs in the language server", () => {
  let server: LanguageServer;
  let docUri = "";
  let version = 0;

  async function at(source: string, marker = "|"): Promise<{ line: number; character: number }> {
    const offset = source.indexOf(marker);
    const text = source.replace(marker, "");
    const before = text.slice(0, offset).split("\n");
    version++;
    if (version === 1) {
      server.notify("textDocument/didOpen", { textDocument: { uri: docUri, languageId: "python", version, text } });
    } else {
      server.notify("textDocument/didChange", { textDocument: { uri: docUri, version }, contentChanges: [{ text }] });
    }
    return { line: before.length - 1, character: before[before.length - 1]!.length };
  }

  async function completions(source: string): Promise<string[]> {
    const position = await at(source);
    const result = await server.request<{ items: { label: string }[] } | { label: string }[]>("textDocument/completion", {
      textDocument: { uri: docUri },
      position,
    });
    return (Array.isArray(result) ? result : result.items).map((i) => i.label);
  }

  async function hover(source: string): Promise<string> {
    const position = await at(source);
    const result = await server.request<{ contents: { value: string } } | null>("textDocument/hover", {
      textDocument: { uri: docUri },
      position,
    });
    return result?.contents.value ?? "";
  }

  beforeAll(async () => {
    const root = join(work, "project");
    docUri = pathToFileURL(join(root, "checks", "editor_probe.py")).href;
    server = new LanguageServer();
    await server.request("initialize", {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: "project" }],
      capabilities: {
        textDocument: {
          completion: { completionItem: { documentationFormat: ["markdown", "plaintext"] } },
          hover: { contentFormat: ["markdown", "plaintext"] },
        },
        workspace: { configuration: true },
      },
    });
    server.notify("initialized", {});
  }, 120_000);

  afterAll(() => server?.stop());

  it("completes machine.Pin's members", async () => {
    const labels = await completions("import machine\nmachine.Pin(2).|");
    expect(labels).toEqual(expect.arrayContaining(["value", "on", "off", "irq", "init"]));
    expect(labels).not.toContain("vlaue");
    // Typing helpers inside the stubs stay out of the list.
    const moduleLabels = await completions("import machine\nmachine.|");
    expect(moduleLabels).toEqual(expect.arrayContaining(["Pin", "I2C", "freq", "DEEPSLEEP_RESET"]));
    expect(moduleLabels.filter((l) => l.startsWith("_") && !l.startsWith("__"))).toEqual([]);
    expect(moduleLabels).not.toContain("Optional");
    expect(await completions("import hashlib\nhashlib.|")).not.toContain("_Hash");
  }, 120_000);

  it("completes through u-prefixed aliases", async () => {
    expect(await completions("import utime\nutime.|")).toEqual(expect.arrayContaining(["sleep_ms", "ticks_diff"]));
    expect(await completions("import uasyncio\nuasyncio.|")).toEqual(
      expect.arrayContaining(["create_task", "ThreadSafeFlag", "sleep_ms"]),
    );
  }, 120_000);

  it("shows our docstrings on hover", async () => {
    expect(await hover("import time\ntime.sleep_m|s(5)")).toContain("milliseconds");
    expect(await hover("import machine\nmachine.P|in")).toContain("GPIO");
    expect(await hover("import network\nnetwork.STA_I|F")).toContain("Station");
  }, 120_000);

  it("shows the getter and setter docstrings of an overloaded method", async () => {
    const text = await hover("import machine\nmachine.Pin(2).val|ue()");
    expect(text).toMatch(/Read the pin level/);
  }, 120_000);
});
