import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeVirtualBoard } from "../../transports/virtual/node";
import { connectDevice, type Device } from "../device";
import type { ByteTransport } from "../transport";
import { BoardFiles } from "../boardFiles";
import { seededBytes } from "./testCaps";

/**
 * A link marked text-only (LinkTraits.textOnly) but without a file channel: the REAL MicroPython WASM board behind a
 * thin wrapper that records every byte both ways. The engine must still move binary files, and no byte >= 0x80 may
 * cross the link in either direction (no raw stdin receiver, no raw download, no raw-paste window).
 */
function textOnlyLink(inner: ByteTransport, seen: { high: number }): ByteTransport {
  const note = (b: Uint8Array) => {
    for (const x of b) if (x >= 0x80) seen.high++;
  };
  return {
    label: "text-only wrapper",
    traits: { ...inner.traits, textOnly: true },
    write: (d) => (note(d), inner.write(d)),
    onData: (l) => inner.onData((d) => (note(d), l(d))),
    onClose: (l) => inner.onClose(l),
    close: () => inner.close(),
  };
}

describe("transfers over a text-only link without a file channel (real MicroPython WASM)", () => {
  let device: Device;
  const seen = { high: 0 };

  beforeAll(async () => {
    device = await connectDevice(textOnlyLink(await createNodeVirtualBoard(), seen), { connectTimeoutMs: 20_000 });
  }, 60_000);
  afterAll(async () => {
    await device?.disconnect();
  });

  it("uploads and downloads every byte value with nothing but 7-bit bytes on the wire", async () => {
    const files = new BoardFiles(device);
    const data = seededBytes(3000, 9);
    await files.write("/t.bin", data);
    expect(await files.read("/t.bin")).toEqual(data);
    expect(await files.sha256("/t.bin")).toMatch(/^[0-9a-f]{64}$/);
    expect(device.info.rawPaste).toBe(false);
    expect(seen.high).toBe(0);
  });
});
