/**
 * Turns a board's printed output into plot rows. Pure: text in, rows out; no DOM, no clock.
 *
 * A line counts only when it is wholly numbers (`1 2 3`, `1, 2, 3`, `1;2`, tabs, or a printed tuple/list
 * `(1, 2)`) or wholly `name:value` / `name=value` pairs (`temp:21.5 hum:40`, `temp: 21.5, hum: 40`, as Arduino's
 * plotter reads them; a printed dict `{'temp': 21.5}` too). Anything else — the `>>> ` prompt and the echo of what was typed, tracebacks, prose — is
 * ignored, so a program can mix log text with its readings.
 *
 * A header line of names (`t,temp,hum`, separated by commas, semicolons or tabs, at least two) names the positional
 * columns. It takes effect at the next numeric line with the same number of columns, so a stray `Hello, world` in
 * front of three-column data does not rename anything.
 */
import { MAX_FIELDS, MAX_LINE_CHARS } from "./limits";
import { scanNumbers } from "./scanNumbers";

export { MAX_FIELDS, MAX_LINE_CHARS };

/** One plotted line: a value per named series, with the text exactly as the board printed it. */
export interface PlotRow {
  names: string[];
  /** The numbers as printed (`0.0000`, `1e-05`, `nan`), for CSV export. */
  texts: string[];
  /** The parsed numbers: NaN for `nan`, ±Infinity for `inf`. An empty CSV field (a gap) is left out of the row. */
  values: number[];
}

export type ParsedLine =
  | { kind: "numbers"; texts: string[] }
  | { kind: "pairs"; names: string[]; texts: string[] }
  | { kind: "header"; names: string[] }
  | { kind: "text" };

// Python's int and float reprs (and what people format by hand): 12, -3.5, .5, 1e-05, 1.5E+10, inf, nan.
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$|^[+-]?(?:inf|infinity|nan)$/i;
// Series names from pairs: a word, possibly with dots and dashes (`accel.x`, `ch-1`), in any script.
const PAIR_NAME = /^[\p{L}_][\p{L}\p{N}_.\-]{0,39}$/u;
// Header names may also hold one space and unit marks: `temp °C`, `hum %`, `v (mV)`, `m/s`. Short, so that a
// sentence with a comma (the boot banner: `MicroPython v1.27.0 on 2025-12-10; JS with Emscripten`) is not a header.
const HEADER_NAME = /^[\p{L}_][\p{L}\p{N}_.\-()%°/]*(?: [\p{L}\p{N}_.\-()%°/]+)?$/u;
const MAX_HEADER_NAME = 24;

export function isNumberText(s: string): boolean {
  return NUMBER.test(s);
}

export function numberOf(text: string): number {
  if (text === "") return NaN;
  // Every spelling NUMBER accepts but inf/nan is one JS reads the same way.
  const quick = Number(text);
  if (!Number.isNaN(quick)) return quick;
  const lower = text.toLowerCase();
  if (lower.endsWith("inf") || lower.endsWith("infinity")) return lower.startsWith("-") ? -Infinity : Infinity;
  return Number(text);
}

/**
 * `(1, 2)`, `[1, 2]` and `{'temp': 21.5}` as Python prints a tuple, list or dict; only one pair of brackets, and
 * only when it encloses the whole line.
 */
function unwrapBrackets(s: string): string {
  const open = s.charCodeAt(0);
  const close = s.charCodeAt(s.length - 1);
  // ( ) [ ] { }
  if ((open === 40 && close === 41) || (open === 91 && close === 93) || (open === 123 && close === 125)) {
    return s.slice(1, -1).trim();
  }
  return s;
}

/** A name printed as a Python string inside a tuple or list: `'temp'` or `"temp"`. */
function unquote(s: string): string {
  if (s.length >= 2 && (s[0] === "'" || s[0] === '"') && s[s.length - 1] === s[0]) return s.slice(1, -1).trim();
  return s;
}

function splitFields(s: string): { fields: string[]; delimited: boolean } {
  for (const sep of [",", ";", "\t"]) {
    if (s.includes(sep)) {
      const fields = s.split(sep).map((f) => f.trim());
      // `1,2,` (print with end=",") ends in one empty field that is not a column.
      if (fields.length > 1 && fields[fields.length - 1] === "") fields.pop();
      return { fields, delimited: true };
    }
  }
  return { fields: s.split(/\s+/), delimited: false };
}

function parsePairs(s: string): ParsedLine {
  // `temp: 21.5` (print("temp:", t)) reads the same as `temp:21.5`.
  const { fields } = splitFields(s.replace(/\s*([:=])\s*/g, "$1"));
  if (fields.length > MAX_FIELDS) return { kind: "text" };
  const names: string[] = [];
  const texts: string[] = [];
  for (const field of fields) {
    const m = /^([^:=]+)[:=]([^:=]+)$/.exec(field);
    if (!m) return { kind: "text" };
    const name = unquote(m[1]);
    const text = m[2];
    if (!PAIR_NAME.test(name) || !NUMBER.test(text)) return { kind: "text" };
    // The first reading of a name in a line wins; a repeat is not a new series.
    if (names.includes(name)) continue;
    names.push(name);
    texts.push(text);
  }
  return names.length ? { kind: "pairs", names, texts } : { kind: "text" };
}

/** Classifies one complete line (without its line ending). */
export function parsePlotLine(raw: string): ParsedLine {
  const line = raw.trim();
  if (line === "" || line.length > MAX_LINE_CHARS) return { kind: "text" };
  const body = unwrapBrackets(line);
  if (body === "") return { kind: "text" };
  if (body.includes(":") || body.includes("=")) return parsePairs(body);

  const { fields, delimited } = splitFields(body);
  if (fields.length > MAX_FIELDS) return { kind: "text" };
  let numbers = 0;
  let allNumbers = true;
  for (const f of fields) {
    if (f === "") continue;
    if (!NUMBER.test(f)) {
      allNumbers = false;
      break;
    }
    numbers++;
  }
  if (allNumbers && numbers > 0) {
    // Empty fields (`1,,3`) are gaps in a delimited line; whitespace splitting never makes them.
    return { kind: "numbers", texts: fields };
  }
  if (delimited && fields.length >= 2) {
    const names = fields.map(unquote);
    if (names.every((n) => n.length <= MAX_HEADER_NAME && HEADER_NAME.test(n))) return { kind: "header", names: dedupe(names) };
  }
  return { kind: "text" };
}

/** `a, a, b` names three columns: `a`, `a 2`, `b`. */
function dedupe(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const count = (seen.get(n) ?? 0) + 1;
    seen.set(n, count);
    return count === 1 ? n : `${n} ${count}`;
  });
}

/** Default name of an unnamed positional column (0-based index), as Arduino's plotter names them. */
export function columnName(index: number): string {
  return `value ${index + 1}`;
}

/**
 * Splits a text stream that arrives in arbitrary chunks into complete lines (`\n` or `\r\n`). A partial line is
 * held for the next chunk; one that grows past MAX_LINE_CHARS is thrown away up to its end, so memory stays bounded
 * whatever the board prints.
 */
export class LineSplitter {
  private partial = "";
  private overlong = false;

  push(chunk: string): string[] {
    const lines: string[] = [];
    let start = 0;
    for (let nl = chunk.indexOf("\n"); nl !== -1; nl = chunk.indexOf("\n", start)) {
      const piece = chunk.slice(start, nl);
      if (!this.overlong && this.partial.length + piece.length <= MAX_LINE_CHARS + 1) {
        lines.push(stripCr(this.partial + piece));
      }
      this.partial = "";
      this.overlong = false;
      start = nl + 1;
    }
    if (start < chunk.length && !this.overlong) {
      this.partial += chunk.slice(start);
      if (this.partial.length > MAX_LINE_CHARS + 1) {
        this.partial = "";
        this.overlong = true;
      }
    }
    return lines;
  }

  reset(): void {
    this.partial = "";
    this.overlong = false;
  }
}

function stripCr(s: string): string {
  return s.endsWith("\r") ? s.slice(0, -1) : s;
}

/** Lines in, plot rows out, with the header names carried from line to line. */
export class PlotParser {
  private readonly splitter = new LineSplitter();
  private header: string[] | null = null;
  private pendingHeader: string[] | null = null;
  // Rows of one width share one names array while the header stands, so the recorder can match them at a glance.
  private namesCache: string[][] = [];

  /** Feeds a chunk of decoded text; returns the rows its complete lines held. */
  push(chunk: string): PlotRow[] {
    const rows: PlotRow[] = [];
    for (const line of this.splitter.push(chunk)) {
      const row = this.line(line);
      if (row) rows.push(row);
    }
    return rows;
  }

  private line(line: string): PlotRow | null {
    const quick = scanNumbers(line);
    if (quick) {
      // The common case, kept lean: no gaps are possible here.
      if (this.pendingHeader) this.takeHeader(quick.length);
      const values = new Array<number>(quick.length);
      for (let i = 0; i < quick.length; i++) values[i] = numberOf(quick[i]);
      return { names: this.columnNames(quick.length), texts: quick, values };
    }
    const parsed = parsePlotLine(line);
    switch (parsed.kind) {
      case "header":
        this.pendingHeader = parsed.names;
        return null;
      case "pairs":
        return { names: parsed.names, texts: parsed.texts, values: parsed.texts.map(numberOf) };
      case "numbers": {
        if (this.pendingHeader) this.takeHeader(parsed.texts.length);
        const { texts } = parsed;
        const all = this.columnNames(texts.length);
        if (!texts.includes("")) return { names: all, texts, values: texts.map(numberOf) };
        // A gap keeps its column (so later columns keep their names) but has no value to plot or export.
        const row: PlotRow = { names: [], texts: [], values: [] };
        texts.forEach((t, i) => {
          if (t === "") return;
          row.names.push(all[i]);
          row.texts.push(t);
          row.values.push(numberOf(t));
        });
        return row;
      }
      case "text":
        return null;
    }
  }

  /** A pending header names the columns if this first row after it has its width; either way it is used up. */
  private takeHeader(width: number): void {
    if (this.pendingHeader?.length === width) {
      this.header = this.pendingHeader;
      this.namesCache = [];
    }
    this.pendingHeader = null;
  }

  private columnNames(count: number): string[] {
    let names = this.namesCache[count];
    if (!names) {
      names = Array.from({ length: count }, (_, i) => this.header?.[i] ?? columnName(i));
      this.namesCache[count] = names;
    }
    return names;
  }

  /** The names in force for positional columns (null before any header took effect). */
  get columns(): readonly string[] | null {
    return this.header;
  }

  reset(): void {
    this.splitter.reset();
    this.header = null;
    this.pendingHeader = null;
    this.namesCache = [];
  }
}
