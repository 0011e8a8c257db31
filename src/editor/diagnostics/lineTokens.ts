// A deliberately small tokenizer for ONE physical line: enough to know where tokens start and end, so the
// compiler can be asked about prefixes that stop at token boundaries (a prefix ending inside a string or a
// two-character operator would produce an error of its own). Comments end the line.

export interface LineToken {
  kind: "name" | "number" | "string" | "op";
  /** 0-based UTF-16 offsets within the line, end exclusive. */
  start: number;
  end: number;
  text: string;
}

const OPERATORS = [
  "**=", "//=", ">>=", "<<=", "...", "->", ":=",
  "**", "//", ">>", "<<", "<=", ">=", "==", "!=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=",
];

// MicroPython's lexer takes any non-ASCII character as part of a name, so a pasted curly quote is a name here too.
const NAME_START = /[A-Za-z_\u0080-\uffff]/;
const NAME_PART = /[A-Za-z0-9_\u0080-\uffff]/;
const STRING_PREFIX = /^(?:[rRbBuUfF]{1,2})?(?:'''|"""|'|")/;

export function lineTokens(line: string): LineToken[] {
  const out: LineToken[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === " " || c === "\t" || c === "\f" || c === "\\") {
      i++;
      continue;
    }
    if (c === "#") break;
    const start = i;
    const prefixed = STRING_PREFIX.exec(line.slice(i, i + 5));
    if (prefixed && (prefixed[0].length > 1 || c === "'" || c === '"')) {
      const quote = prefixed[0].replace(/^[A-Za-z]+/, "");
      i = endOfString(line, i + prefixed[0].length, quote);
      out.push({ kind: "string", start, end: i, text: line.slice(start, i) });
      continue;
    }
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(line[i + 1] ?? ""))) {
      i++;
      while (i < line.length && /[0-9A-Za-z_.]/.test(line[i])) {
        // An exponent's sign belongs to the number: 1e-3.
        if (/[eE]/.test(line[i]) && /[+-]/.test(line[i + 1] ?? "")) i++;
        i++;
      }
      out.push({ kind: "number", start, end: i, text: line.slice(start, i) });
      continue;
    }
    if (NAME_START.test(c)) {
      while (i < line.length && NAME_PART.test(line[i])) i++;
      out.push({ kind: "name", start, end: i, text: line.slice(start, i) });
      continue;
    }
    const op = OPERATORS.find((o) => line.startsWith(o, i)) ?? c;
    i += op.length;
    out.push({ kind: "op", start, end: i, text: op });
  }
  return out;
}

/** Where a string that opened before `i` ends; an unterminated one runs to the end of the line. */
function endOfString(line: string, i: number, quote: string): number {
  while (i < line.length) {
    if (line[i] === "\\") {
      i += 2;
      continue;
    }
    if (line.startsWith(quote, i)) return i + quote.length;
    i++;
  }
  return line.length;
}

/** 0-based offset of the first character that is not indentation, or the line's length if it is all blank. */
export function firstNonBlank(line: string): number {
  const m = /^[ \t\f]*/.exec(line);
  return m ? m[0].length : 0;
}
