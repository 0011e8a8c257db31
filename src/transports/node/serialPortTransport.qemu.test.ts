import { afterEach, expect, it } from "vitest";
import { fromUtf8 } from "../../device/bytes";
import { connectDevice } from "../../device/device";
import type { DeviceError } from "../../device/errors";
import { QEMU_MICROBIT_PACING, startQemuMicrobitPty, type QemuMicrobitPty } from "./qemuMicrobit";
import { describeQemu } from "./qemuTest";
import { openSerialPort } from "./serialPortTransport";

// The serialport package on a real pseudo-terminal: QEMU's micro:bit UART with `-serial pty`, running MicroPython 1.9.2.
describeQemu("serial port transport on a QEMU micro:bit pty (real firmware)", () => {
  let board: QemuMicrobitPty | undefined;
  afterEach(async () => {
    await board?.stop();
    board = undefined;
  });
  const traits = { pacing: { ...QEMU_MICROBIT_PACING } };

  it("carries the device protocol both ways, locks the port while open, and releases it on close", async () => {
    board = await startQemuMicrobitPty();
    const transport = await openSerialPort({ path: board.ptyPath, traits });
    expect(transport.traits?.pacing).toEqual(QEMU_MICROBIT_PACING);
    const device = await connectDevice(transport);
    expect(device.info.banner).toMatch(/MicroPython v1\.9\.2/);
    expect(fromUtf8(await device.exec("print(6*7)"))).toBe("42\r\n");

    await expect(openSerialPort({ path: board.ptyPath, traits })).rejects.toMatchObject({ code: "PortInUse" });

    await device.disconnect();
    const again = await openSerialPort({ path: board.ptyPath, traits });
    const device2 = await connectDevice(again);
    expect(fromUtf8(await device2.exec("print('again')"))).toBe("again\r\n");
    await device2.disconnect();
  });

  it("reports Disconnected when the board goes away under it", async () => {
    board = await startQemuMicrobitPty();
    const transport = await openSerialPort({ path: board.ptyPath, traits });
    const closed = new Promise<DeviceError | undefined>((resolve) => transport.onClose(resolve));
    await board.stop();
    const error = await closed;
    expect(error).toMatchObject({ name: "DeviceError", code: "Disconnected" });
    await expect(transport.write(new Uint8Array([1]))).rejects.toMatchObject({ code: "Disconnected" });
    await transport.close();
  });
});
