import { afterAll, beforeAll, expect, it } from "vitest";
import { connectDevice, type Device } from "../../src/device/device";
import { isDeviceError } from "../../src/device/errors";
import { startQemuMicrobit, type QemuMicrobit } from "../../src/transports/node/qemuMicrobit";
import { describeQemu } from "../../src/transports/node/qemuTest";
import { randomPayload } from "./payloads";
import { mpremoteScheme, viperScheme } from "./schemes";

// The baselines on real 1.9.2 firmware: what the bench reports for micro:bit must be what these schemes really do.
describeQemu("baseline schemes on QEMU micro:bit 1.9.2", () => {
  let board: QemuMicrobit;
  let device: Device;
  beforeAll(async () => {
    board = await startQemuMicrobit();
    device = await connectDevice(board.transport);
  });
  afterAll(async () => {
    await device?.disconnect();
    await board?.stop();
  });

  it("mpremote's scheme moves bytes intact, noting that mpremote itself would need os.stat", async () => {
    const data = randomPayload(700, 11).data;
    const notes: string[] = [];
    await device.session("up", (s) => mpremoteScheme.upload(s, "m.bin", data, { note: (m) => notes.push(m) }));
    expect([...(await device.readFile("m.bin"))]).toEqual([...data]);
    const back = await device.session("down", (s) => mpremoteScheme.download(s, "m.bin", { note: (m) => notes.push(m) }));
    expect([...back]).toEqual([...data]);
    expect(notes.every((n) => /no os\.stat/.test(n))).toBe(true);
    expect(notes.length).toBe(2);
  });

  it("ViperIDE's save fails at its rename (1.9.2 has no os.rename); its download works", async () => {
    const data = randomPayload(300, 12).data;
    const err = await device.session("up", (s) => viperScheme.upload(s, "v.bin", data, { note: () => {} })).catch((e) => e);
    expect(isDeviceError(err, "RemoteError")).toBe(true);
    expect(String(err.message)).toMatch(/rename/);
    await device.writeFile("v.bin", data);
    const back = await device.session("down", (s) => viperScheme.download(s, "v.bin", { note: () => {} }));
    expect([...back]).toEqual([...data]);
  });
});
