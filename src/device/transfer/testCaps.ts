import type { FsCaps } from "../fs/types";
export { seededBytes } from "../testing/seededBytes";

/** FsCaps written by hand for the tests (the app gets them from the probe). */
export const WASM_CAPS: FsCaps = {
  dirs: true,
  rename: true,
  statvfs: true,
  sha256: true,
  deflate: true,
  binaryIn: "stdin",
  cwd: "/",
  rawPaste: true,
};

export const MICROBIT_CAPS: FsCaps = {
  dirs: false,
  rename: false,
  statvfs: false,
  sha256: false,
  deflate: false,
  binaryIn: "uart",
  cwd: "",
  rawPaste: false,
};


/** Python-ish text that compresses well. */
export function sampleSource(n: number): Uint8Array {
  let s = "";
  for (let i = 0; s.length < n; i++) s += `def handler_${i}(pin, value=${i % 7}):\n    return pin.read() * value + ${i}  # sensor ${i}\n`;
  return new TextEncoder().encode(s.slice(0, n));
}
