import { toHex } from "../bytes";

/** sha256 (hex) on the host; WebCrypto exists in the browser and in Node 20. */
export async function sha256Hex(data: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", data as Uint8Array<ArrayBuffer>);
  return toHex(new Uint8Array(digest));
}
