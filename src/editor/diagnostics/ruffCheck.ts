// Ruff lint and format over its WASM build, mapped onto Mote's Diag. The module must already be initialised
// (initSync in Node, init(url) in the worker); this file only uses it.
import { PositionEncoding, Workspace, type Diagnostic } from "@astral-sh/ruff-wasm-web";
import { MICROPYTHON_RUFF_SETTINGS, ruffSeverity, VIPER_NAMES } from "./ruffConfig";
import { firstNonBlank } from "./lineTokens";
import type { Diag, FormatError } from "./types";

export class RuffTools {
  private readonly workspace = new Workspace(MICROPYTHON_RUFF_SETTINGS, PositionEncoding.Utf16);

  /** Ruff's findings, minus what MicroPython makes legitimate (see nativeScopes). `text` has "\n" newlines. */
  lint(text: string): Diag[] {
    const scopes = nativeScopes(text);
    const lines = text.split("\n");
    const out: Diag[] = [];
    for (const d of this.workspace.check(text) as Diagnostic[]) {
      if (d.code === "F821" && undefinedButNative(d, scopes, lines)) continue;
      const severity = ruffSeverity(d.code);
      const diag: Diag = {
        source: "ruff",
        severity,
        message: d.message,
        startLine: d.start_location.row,
        startColumn: d.start_location.column,
        endLine: d.end_location.row,
        endColumn: d.end_location.column,
      };
      if (d.code) diag.code = d.code;
      if (d.tags.length) diag.tags = [...d.tags];
      out.push(diag);
    }
    return out;
  }

  format(text: string): string | FormatError {
    try {
      return this.workspace.format(text);
    } catch (e) {
      return formatFailure(text, e);
    }
  }

  dispose(): void {
    this.workspace.free();
  }
}

/** Ruff's parse failure ("... at byte range 6..6") as a FormatError with a line and column. */
function formatFailure(text: string, e: unknown): FormatError {
  const raw = e instanceof Error ? e.message : String(e);
  const m = /^(.*) at byte range (\d+)\.\.\d+/s.exec(raw);
  if (!m) return { kind: "syntax", message: `Not formatted: ${raw}` };
  const bytes = new TextEncoder().encode(text).subarray(0, Number(m[2]));
  const before = new TextDecoder().decode(bytes).split("\n");
  const line = before.length;
  const column = before[before.length - 1].length + 1;
  return { kind: "syntax", message: `Not formatted: line ${line} has a syntax error (${m[1]}).`, line, column };
}

const NATIVE_DECORATOR_LINE = /^[ \t]*@micropython\.(native|viper|asm_thumb|asm_xtensa|asm_rv32)\b/;

interface NativeScope {
  kind: "viper" | "asm";
  /** 1-based, inclusive: the decorator through the last line of the body. */
  first: number;
  last: number;
}

/**
 * Functions decorated @micropython.viper / @micropython.asm_*: inside viper functions `ptr8` and friends are types
 * the compiler knows; inside assembler functions every name is a register, label or instruction.
 */
export function nativeScopes(text: string): NativeScope[] {
  const lines = text.split("\n");
  const scopes: NativeScope[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^[ \t]*@micropython\.(viper|asm_thumb|asm_xtensa|asm_rv32)\b/.exec(lines[i]);
    if (!m) continue;
    let def = i + 1;
    while (def < lines.length && !/^[ \t]*(async[ \t]+)?def\b/.test(lines[def])) def++;
    if (def >= lines.length) continue;
    const indent = firstNonBlank(lines[def]);
    let last = def;
    for (let j = def + 1; j < lines.length; j++) {
      const t = lines[j].trim();
      if (t === "" || t.startsWith("#")) continue;
      if (firstNonBlank(lines[j]) <= indent) break;
      last = j;
    }
    scopes.push({ kind: m[1] === "viper" ? "viper" : "asm", first: i + 1, last: last + 1 });
  }
  return scopes;
}

function undefinedButNative(d: Diagnostic, scopes: NativeScope[], lines: string[]): boolean {
  const row = d.start_location.row;
  const name = /`([^`]+)`/.exec(d.message)?.[1];
  // The compiler consumes `@micropython.native` and friends itself: no `import micropython` is needed for them.
  if (name === "micropython" && NATIVE_DECORATOR_LINE.test(lines[row - 1] ?? "")) return true;
  const scope = scopes.find((s) => row >= s.first && row <= s.last);
  if (!scope) return false;
  if (scope.kind === "asm") return true;
  return name !== undefined && VIPER_NAMES.has(name);
}
