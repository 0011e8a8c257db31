import { toHex } from "../bytes";

/** sha256 (hex) on the host; WebCrypto exists in the browser and in Node 20. */
export async function sha256Hex(data: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", data as Uint8Array<ArrayBuffer>);
  return toHex(new Uint8Array(digest));
}

/** Adler-32, for boards without hashlib: the board computes the same sum over the file it re-reads from flash. */
export function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < data.length; i += 3800) {
    // 3800 bytes keep b below 2^31 before the modulo, so plain JS numbers stay exact.
    const end = Math.min(i + 3800, data.length);
    for (let j = i; j < end; j++) {
      a += data[j];
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return b * 65536 + a;
}
