// MicroPython's own compiler as a checker: the real WASM port compiles the document with compile(src, ..., "exec")
// and never runs it. It reports the first error with a line only; the column is derived here (see locate()).
import { firstNonBlank, lineTokens, type LineToken } from "./lineTokens";
import type { Diag } from "./types";

/** The part of the loaded MicroPython WASM port this checker uses (the package ships JavaScript only). */
export interface CompilerVm {
  runPython(code: string): unknown;
  globals: { get(name: string): unknown };
}

/** What the compiler said, before any column is worked out. */
export interface RawCompileError {
  /** Exception type: SyntaxError, IndentationError, ... */
  kind: string;
  message: string;
  /** 1-based, as MicroPython reports it; may be one past the last line for errors at the end of the file. */
  line: number;
  /** False for parser/lexer errors, true for errors the compiler raised from a parsed tree ("'break' outside loop"). */
  fromCompiler: boolean;
}

const FILE_NAME = "<mote>";

// The Python side stays tiny: compile, and hand back type, traceback and message as one string (NUL cannot be used
// as a separator: strings cross into JS as C strings).
const HELPER = `
import io, sys
def _mote_compile(src):
    try:
        compile(src, ${JSON.stringify(FILE_NAME)}, "exec")
    except Exception as e:
        b = io.StringIO()
        sys.print_exception(e, b)
        msg = e.args[0] if e.args and isinstance(e.args[0], str) else ""
        return type(e).__name__ + "\\x01" + msg + "\\x01" + b.getvalue()
    return ""
`;

// The WASM port has no native emitter, so it rejects these decorators ("invalid micropython decorator") although
// every real board accepts them. Turning the "@" into "#" keeps line and column numbers and checks the function
// body as ordinary Python, which is what it is syntactically (viper annotations are plain names, inline
// assembler instructions are calls). What only a board's emitter can judge (a wrong viper type, an unknown
// instruction) is not reported.
const NATIVE_DECORATOR = /^([ \t]*)@(?=micropython\.(?:native|viper|asm_thumb|asm_xtensa|asm_rv32)\b)/gm;

export function neutraliseNativeDecorators(src: string): string {
  return src.replace(NATIVE_DECORATOR, "$1#");
}

export class CompilerOutOfMemory extends Error {
  constructor() {
    super("The file is too big for the checker's MicroPython heap.");
    this.name = "CompilerOutOfMemory";
  }
}

export class MicroPythonCompiler {
  private readonly fn: (src: string) => string;

  constructor(vm: CompilerVm) {
    vm.runPython(HELPER);
    this.fn = vm.globals.get("_mote_compile") as (src: string) => string;
  }

  /** Compiles `src` as given (callers neutralise decorators first); null when it compiles. */
  compileRaw(src: string): RawCompileError | null {
    const out = this.fn(src);
    if (!out) return null;
    const [kind, message, traceback] = out.split("\x01");
    // Out of room for the parse tree says nothing about the code: no verdict, and the interpreter is still fine.
    if (kind === "MemoryError") throw new CompilerOutOfMemory();
    // The innermost frame naming our file is where the error is; "in <scope>" is only there for compiler errors.
    const frames = [...traceback.matchAll(/File "<mote>", line (\d+)(, in \S+)?/g)];
    const last = frames[frames.length - 1];
    return {
      kind,
      message: message || kind,
      line: last ? Number(last[1]) : 1,
      fromCompiler: Boolean(last?.[2]),
    };
  }

  /** The compiler's diagnostic for a document, with line and column, or null if it compiles. */
  check(text: string): Diag | null {
    const src = neutraliseNativeDecorators(normaliseNewlines(text));
    const error = this.compileRaw(src);
    return error ? locate(src, error, (s) => this.compileRaw(s)) : null;
  }
}

export function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

/**
 * Turns MicroPython's line-only error into a range. How the column is found, by kind of error:
 *
 * - Parser/lexer errors ("invalid syntax"): the compiler itself is asked again about prefixes of the line that end
 *   at token boundaries, each followed by " \" + newline. A backslash continuation moves the end of input to the
 *   NEXT line, so a prefix that is merely unfinished fails there (or compiles), while a prefix that already holds
 *   the bad token fails on this line with the same message. The first such prefix ends at the bad token; a binary
 *   search needs ~log2(tokens) compiles. This is MicroPython's own verdict, so it agrees with the board where
 *   another parser (Ruff's CPython grammar) might not, and it is there before Ruff has even loaded. When no prefix
 *   reproduces the error, what is wrong is the end of the line itself (a missing ":" or operand): the column is
 *   just after the last token.
 *   One exception: an error inside an f-string's expressions never reproduces (MicroPython lexes them after the
 *   string, past the continuation), so the f-string is marked whole; Ruff's parser narrows that later.
 * - Errors at the end of the file (the line is blank or past the end: an unclosed bracket, a try without except):
 *   the end of the last line with code, where something was still expected; the message says so.
 * - IndentationError: the indentation, column 1 to the first non-blank character. For "unindent doesn't match"
 *   MicroPython names the code line before the culprit; the next code line is marked instead.
 * - Errors whose message names what is wrong ("'return' outside function", "not a constant", "argument name
 *   reused"): that keyword, argument or name, found among the line's tokens. Other compiler errors raised from a
 *   parsed tree ("can't assign to expression"): the statement, from its first non-blank character.
 */
export function locate(
  src: string,
  error: RawCompileError,
  compile: (src: string) => RawCompileError | null,
): Diag {
  const lines = src.split("\n");
  if (error.kind === "IndentationError" && /unindent/.test(error.message)) {
    // MicroPython raises this while finishing the line BEFORE the badly dedented one (at its newline token), so
    // its line number is one code line early; the board's traceback says the same, but the marker belongs on the
    // line whose indentation is wrong: the next line with code.
    let next = error.line;
    while (next < lines.length && lineTokens(lines[next]).length === 0) next++;
    if (next < lines.length) error = { ...error, line: next + 1 };
  }
  const base = { source: "micropython" as const, severity: "error" as const, code: error.kind };
  const lineText = lines[error.line - 1];
  const tokens = lineText === undefined ? [] : lineTokens(lineText);

  if (tokens.length === 0) {
    let i = Math.min(error.line, lines.length) - 1;
    while (i >= 0 && lineTokens(lines[i]).length === 0) i--;
    if (i < 0) return { ...base, message: error.message, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };
    const last = lineTokens(lines[i]).at(-1)!;
    return {
      ...base,
      message: `${error.message}: ${END_OF_FILE_HINT}`,
      startLine: i + 1,
      startColumn: last.end + 1,
      endLine: i + 1,
      endColumn: last.end + 1,
    };
  }

  const at = (startColumn: number, endColumn: number): Diag => ({
    ...base,
    message: error.message,
    startLine: error.line,
    startColumn,
    endLine: error.line,
    endColumn,
  });
  const statement = (): Diag => at(firstNonBlank(lineText) + 1, tokens.at(-1)!.end + 1);

  if (error.kind === "IndentationError") return at(1, firstNonBlank(lineText) + 1);

  const named = rangeNamedBy(error.message, tokens);
  if (named) return at(named.start + 1, named.end + 1);
  if (error.fromCompiler) return statement();

  const before = lines.slice(0, error.line - 1).join("\n") + (error.line > 1 ? "\n" : "");
  const reproduces = (t: LineToken): boolean => {
    const e = compile(`${before}${lineText.slice(0, t.end)} \\\n`);
    return e !== null && e.line === error.line && e.kind === error.kind && e.message === error.message;
  };
  let lo = 0;
  let hi = tokens.length - 1;
  if (!reproduces(tokens[hi])) {
    // MicroPython lexes an f-string's expressions after the token that holds them, which the continuation trick
    // moves to the next line: an error inside one never reproduces. Mark the f-string (Ruff narrows it later).
    const fstring = tokens.find((t) => t.kind === "string" && /^[rRbB]?[fF]/.test(t.text));
    if (fstring) return at(fstring.start + 1, fstring.end + 1);
    const end = tokens[hi].end + 1;
    return at(end, end);
  }
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (reproduces(tokens[mid])) hi = mid;
    else lo = mid + 1;
  }
  return at(tokens[lo].start + 1, tokens[lo].end + 1);
}

const END_OF_FILE_HINT =
  "the file ends before this code is finished (an unclosed bracket or string, or a block with something missing?)";

const MESSAGE_KEYWORDS: Array<[RegExp, string[]]> = [
  [/'return'/, ["return"]],
  [/'break'|'continue'/, ["break", "continue"]],
  [/'yield'/, ["yield"]],
  [/'await'/, ["await"]],
  [/nonlocal/, ["nonlocal"]],
  [/global/, ["global"]],
];

/**
 * What a message is about, when it names it: its keyword; for "argument name reused" the second use of the name;
 * for "not a constant" (raised by the parser at the closing bracket) the argument given to const().
 */
function rangeNamedBy(message: string, tokens: LineToken[]): { start: number; end: number } | undefined {
  if (/not a constant/.test(message)) {
    const i = tokens.findIndex((t, k) => t.text === "const" && tokens[k + 1]?.text === "(");
    const close = tokens.findIndex((t, k) => k > i + 1 && t.text === ")");
    if (i < 0 || close <= i + 2) return undefined;
    return { start: tokens[i + 2].start, end: tokens[close - 1].end };
  }
  if (/argument name reused/.test(message)) {
    // Parameter names are the names that follow "(", ",", "*", "**" or "lambda"; annotations may repeat freely.
    const seen = new Set<string>();
    for (let i = 1; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.kind !== "name" || !["(", ",", "*", "**", "lambda"].includes(tokens[i - 1].text)) continue;
      if (seen.has(t.text)) return t;
      seen.add(t.text);
    }
    return undefined;
  }
  const entry = MESSAGE_KEYWORDS.find(([re]) => re.test(message));
  return entry ? tokens.find((t) => t.kind === "name" && entry[1].includes(t.text)) : undefined;
}
