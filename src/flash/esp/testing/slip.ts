/**
 * TEST DOUBLE support: SLIP framing as an ESP ROM speaks it (0xC0 ends a frame, 0xDB 0xDC / 0xDB 0xDD escape 0xC0 /
 * 0xDB). Bytes outside a frame are noise and dropped, as the ROM does.
 */
const END = 0xc0;
const ESC = 0xdb;

export function slipEncode(payload: Uint8Array): Uint8Array {
  const out: number[] = [END];
  for (const b of payload) {
    if (b === END) out.push(ESC, 0xdc);
    else if (b === ESC) out.push(ESC, 0xdd);
    else out.push(b);
  }
  out.push(END);
  return new Uint8Array(out);
}

export class SlipDecoder {
  private frame: number[] | null = null;
  private escaping = false;

  constructor(private readonly onFrame: (frame: Uint8Array) => void) {}

  push(bytes: Uint8Array): void {
    for (const b of bytes) {
      if (b === END) {
        // An END opens a frame or closes one; an empty frame (END END) is just a new start.
        if (this.frame && this.frame.length > 0) this.onFrame(new Uint8Array(this.frame));
        this.frame = [];
        this.escaping = false;
      } else if (this.frame === null) {
        continue;
      } else if (this.escaping) {
        this.escaping = false;
        if (b === 0xdc) this.frame.push(END);
        else if (b === 0xdd) this.frame.push(ESC);
        else this.frame = null; // bad escape: the frame is dropped
      } else if (b === ESC) {
        this.escaping = true;
      } else {
        this.frame.push(b);
      }
    }
  }

  reset(): void {
    this.frame = null;
    this.escaping = false;
  }
}
