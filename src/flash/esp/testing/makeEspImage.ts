/**
 * TEST DOUBLE support: small ESP firmware images that look real to a header check (magic 0xE9, segment count,
 * flash mode, extended header with the chip id at offset 12; ESP8266: a first segment loading to IRAM) with a
 * pseudo-random body, so a test can tell every byte apart. Exported for e2e fixtures too.
 */
import { espChipByName } from "../chips";

/** xorshift32: the same seed gives the same bytes, so a failing test can be rerun exactly. */
function fillPseudoRandom(out: Uint8Array, seed: number): void {
  let x = seed >>> 0 || 0x9e3779b9;
  for (let i = 0; i < out.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
}

export function makeEspImage(chip: string, size: number, seed = 1): Uint8Array {
  const def = espChipByName(chip);
  if (!def) throw new Error(`makeEspImage: unknown chip ${chip}`);
  if (size < 32) throw new Error("makeEspImage: size must be at least 32");
  const image = new Uint8Array(size);
  fillPseudoRandom(image, seed);
  const view = new DataView(image.buffer);
  image[0] = 0xe9;
  image[1] = 3; // segments
  image[2] = 2; // DIO
  image[3] = 0x20; // 4 MB, 40 MHz
  view.setUint32(4, def.name === "ESP8266" ? 0x40100004 : 0x40080400, true);
  if (def.name === "ESP8266") {
    view.setUint32(8, 0x40100000, true); // first segment: IRAM
    view.setUint32(12, Math.min(size - 16, 0x1000), true);
  } else {
    image[8] = 0xee; // WP pin: not used
    image.fill(0, 9, 12);
    view.setUint16(12, def.imageChipId!, true);
    image.fill(0, 14, 24); // revisions, reserved, no appended SHA (so esptool leaves the header alone)
  }
  return image;
}
