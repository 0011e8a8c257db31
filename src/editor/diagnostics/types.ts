// Shapes shared by the page, the worker and the Node tests. Positions are 1-based, columns in UTF-16 code units,
// exactly what Monaco's IMarkerData takes.

export type DiagSource = "micropython" | "ruff";
export type DiagSeverity = "error" | "warning" | "info" | "hint";

export interface Diag {
  source: DiagSource;
  severity: DiagSeverity;
  message: string;
  /** The exception type for the compiler ("SyntaxError"), the rule for Ruff ("F821", "invalid-syntax"). */
  code?: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  /** "unnecessary" greys the range out (unused import/variable) instead of underlining it. */
  tags?: Array<"unnecessary" | "deprecated">;
}

/** Why a format request left the text alone. */
export interface FormatError {
  kind: "syntax" | "unavailable";
  message: string;
  line?: number;
  column?: number;
}

export function isFormatError(x: string | FormatError): x is FormatError {
  return typeof x !== "string";
}

export type DiagnosticsRequest =
  | { type: "check"; id: number; path: string; version: number; text: string }
  | { type: "format"; id: number; text: string };

export type DiagnosticsReply =
  /** The compiler's verdict, posted before Ruff has run (or even loaded). */
  | { type: "compiler"; id: number; diags: Diag[] }
  /** Everything for this version: compiler + Ruff. */
  | { type: "done"; id: number; diags: Diag[] }
  /** A newer version of the same path arrived before this one finished; nothing more will come for it. */
  | { type: "stale"; id: number }
  | { type: "formatted"; id: number; result: string | FormatError }
  | { type: "failed"; id: number; message: string };
