/**
 * WebREPL's terminal travels in WebSocket text frames, and a text frame must hold whole, valid UTF-8: a browser ends
 * the connection on one that does not. These helpers cut byte streams only between characters.
 */

/** Length of the longest prefix of `b` that does not end inside a multi-byte character still being received. */
export function completePrefix(b: Uint8Array): number {
  // A character is at most 4 bytes: look back at most 3 for the lead byte of an unfinished one.
  for (let back = 1; back <= Math.min(3, b.length); back++) {
    const x = b[b.length - back];
    if ((x & 0xc0) === 0x80) continue; // a continuation byte: keep looking for its lead
    const need = x >= 0xf0 ? 4 : x >= 0xe0 ? 3 : x >= 0xc0 ? 2 : 1;
    return need > back ? b.length - back : b.length;
  }
  return b.length;
}

/** Pieces of at most `max` bytes (max >= 4), each ending between characters. */
export function splitBetweenChars(b: Uint8Array, max: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  while (b.length - at > max) {
    let end = at + max;
    // Never start the next piece on a continuation byte.
    while (end > at + 1 && (b[end] & 0xc0) === 0x80) end--;
    out.push(b.subarray(at, end));
    at = end;
  }
  if (at < b.length) out.push(b.subarray(at));
  return out;
}
