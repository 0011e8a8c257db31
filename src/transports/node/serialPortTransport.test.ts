import { describe, expect, it } from "vitest";
import { openError, openSerialPort, traitsFromListing } from "./serialPortTransport";

describe("serial port transport: opening", () => {
  it("a path with no port behind it is a typed Disconnected error naming the path", async () => {
    await expect(openSerialPort({ path: "/dev/mote-no-such-port" })).rejects.toMatchObject({
      name: "DeviceError",
      code: "Disconnected",
      message: "No serial port at /dev/mote-no-such-port",
    });
  });

  it("something that is not a serial port is refused with the OS's reason", async () => {
    await expect(openSerialPort({ path: "/dev/null", traits: {} })).rejects.toMatchObject({
      code: "Disconnected",
      message: expect.stringMatching(/^Could not open \/dev\/null: /),
    });
  });

  it("turns the native binding's texts into codes", () => {
    // The texts serialport 13's Linux/macOS/Windows bindings give (errno only as words).
    expect(openError("/dev/ttyACM0", new Error("Error Resource temporarily unavailable Cannot lock port")).code).toBe("PortInUse");
    expect(openError("/dev/ttyACM0", new Error("Error: Device or resource busy, cannot open /dev/ttyACM0")).code).toBe("PortInUse");
    expect(openError("COM3", new Error("Opening COM3: Access denied")).code).toBe("PortInUse");
    const perm = openError("/dev/ttyS0", new Error("Error: Permission denied, cannot open /dev/ttyS0"));
    expect(perm).toMatchObject({ code: "Disconnected", message: expect.stringContaining("dialout") });
    expect(openError("COM9", new Error("Opening COM9: File not found")).message).toBe("No serial port at COM9");
  });
});

describe("serial port transport: what the USB ids imply", () => {
  it("paces a BBC micro:bit (DAPLink 0d28) and labels known vendors", () => {
    const ports = [
      { path: "/dev/ttyACM0", vendorId: "0d28", productId: "0204" },
      { path: "/dev/ttyACM1", vendorId: "2E8A", productId: "0005" },
      { path: "/dev/ttyS0" },
    ];
    expect(traitsFromListing(ports, "/dev/ttyACM0")).toEqual({
      traits: { pacing: { chunkBytes: 32, delayMs: 2 } },
      label: "BBC micro:bit (0d28:0204) at /dev/ttyACM0",
    });
    expect(traitsFromListing(ports, "/dev/ttyACM1")).toEqual({ traits: undefined, label: "Raspberry Pi (2e8a:0005) at /dev/ttyACM1" });
    expect(traitsFromListing(ports, "/dev/ttyS0")).toEqual({});
    expect(traitsFromListing(ports, "/dev/pts/3")).toEqual({});
  });
});
