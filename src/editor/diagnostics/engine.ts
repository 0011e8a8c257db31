// The checking core, free of any Worker or DOM: the worker hosts it in the browser, the tests run it in Node.
// Two stages per check: the compiler's verdict (fast, and what the board will say) and then Ruff's, whose 11 MB
// module loads only after the first compiler result is out.
import { CompilerOutOfMemory, MicroPythonCompiler, normaliseNewlines, type CompilerVm } from "./compilerCheck";
import { RuffTools } from "./ruffCheck";
import type { Diag, FormatError } from "./types";

export interface EngineLoaders {
  /** Loads the MicroPython WASM port (called once, again only after a failure). */
  compiler(): Promise<CompilerVm>;
  /** Initialises Ruff's WASM module (initSync with bytes in Node, init(url) in the browser). */
  ruff(): Promise<void>;
}

export interface CompilerStage {
  diags: Diag[];
  /** "unavailable" when MicroPython could not be loaded or crashed: Ruff's syntax errors then stand alone. */
  verdict: "ok" | "error" | "unavailable";
  text: string;
}

export class DiagnosticsEngine {
  private compiler?: Promise<MicroPythonCompiler>;
  private ruff?: Promise<RuffTools | null>;

  constructor(private readonly loaders: EngineLoaders) {}

  async compilerStage(text: string): Promise<CompilerStage> {
    const normalised = normaliseNewlines(text);
    let compiler: MicroPythonCompiler;
    try {
      this.compiler ??= this.loaders.compiler().then((vm) => new MicroPythonCompiler(vm));
      compiler = await this.compiler;
    } catch {
      this.compiler = undefined;
      return { diags: [], verdict: "unavailable", text: normalised };
    }
    try {
      const diag = compiler.check(normalised);
      return { diags: diag ? [diag] : [], verdict: diag ? "error" : "ok", text: normalised };
    } catch (e) {
      // A trap inside the WASM (stack, abort) leaves that instance unusable: load a fresh one next time.
      if (!(e instanceof CompilerOutOfMemory)) this.compiler = undefined;
      return { diags: [], verdict: "unavailable", text: normalised };
    }
  }

  /** Starts loading Ruff if it has not started; resolves null if it cannot load. */
  ruffTools(): Promise<RuffTools | null> {
    this.ruff ??= this.loaders.ruff().then(
      () => new RuffTools(),
      () => null,
    );
    return this.ruff;
  }

  /** Compiler diagnostics plus Ruff's, with duplicates between the two removed. */
  ruffStage(stage: CompilerStage, ruff: RuffTools | null): Diag[] {
    if (!ruff) return stage.diags;
    let lint: Diag[];
    try {
      lint = ruff.lint(stage.text);
    } catch {
      // A panic inside Ruff on some odd input must not lose the compiler's answer.
      return stage.diags;
    }
    const byPosition = (a: Diag, b: Diag) => a.startLine - b.startLine || a.startColumn - b.startColumn;
    return [...stage.diags.map((d) => narrowed(d, lint)), ...mergeRuff(lint, stage).sort(byPosition)];
  }

  async check(text: string): Promise<Diag[]> {
    const stage = await this.compilerStage(text);
    return this.ruffStage(stage, await this.ruffTools());
  }

  /**
   * Ruff's formatting, refused for a file the compiler rejects (formatting cannot fix it, and a half-understood
   * file is better left exactly as the person typed it).
   */
  async format(text: string): Promise<string | FormatError> {
    const stage = await this.compilerStage(text);
    const error = stage.diags[0];
    if (error) {
      return {
        kind: "syntax",
        message: `Not formatted: line ${error.startLine} has a syntax error (${error.message}).`,
        line: error.startLine,
        column: error.startColumn,
      };
    }
    const ruff = await this.ruffTools();
    if (!ruff) return { kind: "unavailable", message: "Not formatted: the formatter could not be loaded." };
    return ruff.format(stage.text);
  }
}

/**
 * When MicroPython rejected the file, its one error is the authority: Ruff's syntax errors would restate it or
 * cascade from its recovery, and Ruff's own errors on the same line (F706 'return' outside function) repeat it.
 * When MicroPython accepted the file, a Ruff syntax error is CPython's grammar disagreeing (a pasted curly quote,
 * which MicroPython takes for a name; tabs against spaces): worth seeing, but the board will run it, so a warning.
 */
const isSyntax = (d: Diag) => d.code === "invalid-syntax" || d.code === "E999" || d.code === undefined;

// Pyflakes' F7xx ('return'/'break'/'yield' outside ..., misplaced except) are compile errors MicroPython also raises.
const repeatsCompiler = (d: Diag) => d.severity === "error" || /^F7\d\d$/.test(d.code ?? "");

/**
 * The compiler's error, narrowed to Ruff's syntax error when both parsers stop on the same line and Ruff's point
 * falls inside the compiler's range (an error inside an f-string, marked whole by the compiler stage).
 */
function narrowed(d: Diag, lint: Diag[]): Diag {
  if (d.startColumn === d.endColumn) return d;
  const inside = lint.find(
    (r) => isSyntax(r) && r.startLine === d.startLine && r.startColumn >= d.startColumn && r.startColumn < d.endColumn,
  );
  if (!inside || (inside.startColumn === d.startColumn && inside.endColumn === d.endColumn)) return d;
  const sameLine = inside.endLine === d.startLine;
  const endColumn = sameLine ? Math.min(Math.max(inside.endColumn, inside.startColumn + 1), d.endColumn) : d.endColumn;
  return { ...d, startColumn: inside.startColumn, endColumn };
}

function mergeRuff(diags: Diag[], stage: CompilerStage): Diag[] {
  if (stage.verdict === "error") {
    const line = stage.diags[0].startLine;
    return diags.filter((d) => !isSyntax(d) && !(d.startLine === line && repeatsCompiler(d)));
  }
  if (stage.verdict === "ok") {
    return diags.map((d) => (isSyntax(d) ? { ...d, severity: "warning" } : d));
  }
  return diags;
}
