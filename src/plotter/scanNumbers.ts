/**
 * The fast path of the parser, for the line a plotting board prints most: plain numbers with one kind of separator
 * (`12, 21.5, 40`, `1 2 3`, `(1, 2)`). One pass over the characters, no regular expressions; anything it does not
 * recognise (names, `inf`/`nan`, empty fields, text) returns null and goes to parsePlotLine, which decides. For every
 * line it accepts it returns what parsePlotLine's `numbers` case would (parse.test.ts checks the two agree).
 */
import { MAX_FIELDS, MAX_LINE_CHARS } from "./limits";

const SPACE = 32;
const TAB = 9;
const COMMA = 44;
const SEMI = 59;

const isDigit = (c: number) => c >= 48 && c <= 57;
const isBlank = (c: number) => c === SPACE || c === TAB || c === 13;

/** End of the number starting at `i`, or -1 when none starts there. */
function numberEnd(s: string, i: number, end: number): number {
  let j = i;
  let c = s.charCodeAt(j);
  if (c === 43 || c === 45) c = s.charCodeAt(++j); // + -
  let digits = 0;
  while (j < end && isDigit(c)) (c = s.charCodeAt(++j)), digits++;
  if (j < end && c === 46) {
    // .
    c = s.charCodeAt(++j);
    while (j < end && isDigit(c)) (c = s.charCodeAt(++j)), digits++;
  }
  if (digits === 0) return -1;
  if (j < end && (c === 101 || c === 69)) {
    // e E: an exponent needs digits, else this is not a number
    let k = j + 1;
    let e = s.charCodeAt(k);
    if (e === 43 || e === 45) e = s.charCodeAt(++k);
    const first = k;
    while (k < end && isDigit(e)) e = s.charCodeAt(++k);
    if (k === first) return -1;
    j = k;
  }
  return j;
}

/** The number texts of a plain numeric line, or null to let the full parser decide. */
export function scanNumbers(line: string): string[] | null {
  let start = 0;
  let end = line.length;
  while (start < end && isBlank(line.charCodeAt(start))) start++;
  while (end > start && isBlank(line.charCodeAt(end - 1))) end--;
  if (start === end || end - start > MAX_LINE_CHARS) return null;
  const open = line.charCodeAt(start);
  const close = line.charCodeAt(end - 1);
  if ((open === 40 && close === 41) || (open === 91 && close === 93)) {
    start++;
    end--;
    while (start < end && isBlank(line.charCodeAt(start))) start++;
    while (end > start && isBlank(line.charCodeAt(end - 1))) end--;
    if (start === end) return null;
  }

  const texts: string[] = [];
  let sep = -1; // the separator in force: COMMA, SEMI, TAB, or SPACE for runs of blanks
  let i = start;
  for (;;) {
    const j = numberEnd(line, i, end);
    if (j < 0) return null;
    texts.push(line.slice(i, j));
    if (texts.length > MAX_FIELDS) return null;
    // Blanks, then perhaps a delimiter, then blanks.
    let k = j;
    while (k < end && isBlank(line.charCodeAt(k))) k++;
    if (k === end) {
      // A trailing delimiter (`1,2,`) is no column; trailing blanks were trimmed already.
      return texts;
    }
    const c = line.charCodeAt(k);
    let found: number;
    if (c === COMMA || c === SEMI) {
      found = c;
      k++;
      while (k < end && isBlank(line.charCodeAt(k))) k++;
      if (k === end) return texts; // `1,2,`
    } else if (k > j) {
      // Blanks alone: a tab among them makes this tab-separated, as splitFields reads it.
      found = line.slice(j, k).includes("\t") ? TAB : SPACE;
    } else {
      return null;
    }
    if (sep === -1) sep = found;
    else if (sep !== found) return null;
    i = k;
  }
}
