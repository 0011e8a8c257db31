/**
 * Python's repr() of bytes and a parser for it, for the baseline schemes: mpremote sends `repr(chunk)` from CPython
 * and reads back what MicroPython's repr() printed (both follow the same rules: single quotes unless the data holds a
 * ' and no ", \t \n \r and the quote and backslash escaped, 0x20-0x7e as is, the rest \xNN).
 */
export function pyBytesRepr(data: Uint8Array): string {
  const dq = data.includes(0x27) && !data.includes(0x22);
  const quote = dq ? 0x22 : 0x27;
  let out = dq ? 'b"' : "b'";
  for (const c of data) {
    if (c === quote || c === 0x5c) out += "\\" + String.fromCharCode(c);
    else if (c === 0x09) out += "\\t";
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c >= 0x20 && c < 0x7f) out += String.fromCharCode(c);
    else out += "\\x" + c.toString(16).padStart(2, "0");
  }
  return out + (dq ? '"' : "'");
}

/** Parse one bytes literal as repr() prints it (what mpremote's ast.literal_eval does for its download chunks). */
export function parseBytesRepr(text: string): Uint8Array {
  const s = text.trim();
  if (s[0] !== "b" || (s[1] !== "'" && s[1] !== '"') || s[s.length - 1] !== s[1]) {
    throw new Error(`not a bytes literal: ${JSON.stringify(s.slice(0, 40))}`);
  }
  const out: number[] = [];
  for (let i = 2; i < s.length - 1; i++) {
    const ch = s.charCodeAt(i);
    if (ch !== 0x5c) {
      out.push(ch);
      continue;
    }
    const e = s[++i];
    if (e === "x") {
      out.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (e === "n") out.push(0x0a);
    else if (e === "r") out.push(0x0d);
    else if (e === "t") out.push(0x09);
    else if (e === "\\" || e === "'" || e === '"') out.push(e.charCodeAt(0));
    else throw new Error(`unexpected escape \\${e} in a bytes literal`);
  }
  return Uint8Array.from(out);
}
