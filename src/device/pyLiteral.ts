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
