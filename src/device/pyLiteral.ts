/**
 * Python literals for values we put into code sent to a board. Paths and names are untrusted (quotes, backslashes,
 * newlines, unicode), so every character outside plain printable ASCII is escaped; nothing is ever interpolated raw.
 */
export function pyStr(s: string): string {
  let out = "'";
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === "\\" || ch === "'") out += "\\" + ch;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c < 0x100) out += "\\x" + c.toString(16).padStart(2, "0");
    else if (c < 0x10000) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += "\\U" + c.toString(16).padStart(8, "0");
  }
  return out + "'";
}

/** A bytes literal: printable ASCII kept (compact for text), everything else \xNN. */
export function pyBytes(data: Uint8Array): string {
  let out = "b'";
  for (const c of data) {
    if (c === 0x5c || c === 0x27) out += "\\" + String.fromCharCode(c);
    else if (c >= 0x20 && c < 0x7f) out += String.fromCharCode(c);
    else out += "\\x" + c.toString(16).padStart(2, "0");
  }
  return out + "'";
}

const SIMPLE_ESCAPES: Record<string, number> = { "\\": 0x5c, "'": 0x27, '"': 0x22, n: 0x0a, r: 0x0d, t: 0x09 };

/**
 * The bytes behind a Python bytes repr as a board prints it (`b'...'` or `b"..."`, with \\ \' \" \n \r \t \xNN
 * escapes), or null when `text` is not exactly one such literal. Reads what the board sent: never evaluates it.
 */
export function parsePyBytesRepr(text: string): Uint8Array | null {
  if (text.length < 3 || text[0] !== "b") return null;
  const quote = text[1];
  if ((quote !== "'" && quote !== '"') || text[text.length - 1] !== quote) return null;
  const out: number[] = [];
  for (let i = 2; i < text.length - 1; i++) {
    const ch = text[i];
    const code = ch.charCodeAt(0);
    if (code < 0x20 || code > 0x7e || ch === quote) return null;
    if (ch !== "\\") {
      out.push(code);
      continue;
    }
    const next = text[++i];
    if (next === "x") {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return null;
      out.push(parseInt(hex, 16));
      i += 2;
    } else if (next !== undefined && next in SIMPLE_ESCAPES && i < text.length - 1) {
      out.push(SIMPLE_ESCAPES[next]);
    } else return null;
  }
  return Uint8Array.from(out);
}
