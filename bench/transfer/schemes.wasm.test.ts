import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDevice, type Device } from "../../src/device/device";
import { createNodeVirtualBoard } from "../../src/transports/virtual/node";
import { randomPayload, sourcePayload } from "./payloads";
import { mpremoteScheme, viperScheme } from "./schemes";

// The baselines must move bytes correctly, or the bench would compare Mote with something broken. Real WASM board.
let device: Device;
beforeAll(async () => {
  device = await connectDevice(await createNodeVirtualBoard());
});
afterAll(() => device?.disconnect());

const payloads = [randomPayload(3000, 7), sourcePayload(2000)];
const hexOf = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe.each([mpremoteScheme, viperScheme])("baseline scheme $name on the WASM board", (scheme) => {
  it.each(payloads.map((p) => [p.kind, p] as const))("uploads and downloads %s bytes intact", async (_kind, payload) => {
    const name = `t_${scheme.name}_${payload.kind}.bin`;
    const notes: string[] = [];
    await device.session("up", (s) => scheme.upload(s, name, payload.data, { note: (m) => notes.push(m) }));
    // Checked through a path independent of the scheme: the board's own hexlify of the file.
    const onBoard = new TextDecoder().decode(
      await device.exec(`import binascii\nf=open('${name}','rb')\nprint(binascii.hexlify(f.read()).decode())\nf.close()`),
    );
    expect(onBoard.trim()).toBe(hexOf(payload.data));
    const back = await device.session("down", (s) => scheme.download(s, name, { note: (m) => notes.push(m) }));
    expect(hexOf(back)).toBe(hexOf(payload.data));
    expect(notes).toEqual([]);
  });
});

describe("mpremote scheme's hash check", () => {
  it("hashes an existing target on the board before overwriting it, as mpremote's cp does", async () => {
    const notes: string[] = [];
    const data = randomPayload(600, 3).data;
    await device.session("up", (s) => mpremoteScheme.upload(s, "twice.bin", data, { note: (m) => notes.push(m) }));
    await device.session("up", (s) => mpremoteScheme.upload(s, "twice.bin", data, { note: (m) => notes.push(m) }));
    expect(notes).toEqual(["target existed: hash compared"]);
  });
});
