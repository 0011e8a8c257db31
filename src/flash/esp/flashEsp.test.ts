/**
 * The real esptool-js (through flashEsp) against the ESP ROM + stub TEST DOUBLE: every byte esptool sends is parsed
 * and answered as the protocol says, and the double's flash is compared with the image byte for byte.
 */
import { describe, expect, it } from "vitest";
import { md5 } from "@noble/hashes/legacy.js";
import { isFlashError, type FlashError } from "../errors";
import type { FlashProgress } from "../types";
import { flashEsp } from "./flashEsp";
import { EspRomDouble } from "./testing/espRomDouble";
import { makeEspImage } from "./testing/makeEspImage";

async function failure(p: Promise<unknown>): Promise<FlashError> {
  try {
    await p;
  } catch (e) {
    return e as FlashError;
  }
  throw new Error("expected a failure");
}

const isErased = (bytes: Uint8Array) => bytes.every((b) => b === 0xff);

describe("flashEsp with esptool-js against the ESP ROM double", () => {
  it("flashes an ESP32 image at 0x1000 on the double, verified by MD5, then boots it", async () => {
    const board = new EspRomDouble({ chip: "ESP32" });
    const image = makeEspImage("ESP32", 50_000, 11);
    const phases: FlashProgress["phase"][] = [];
    const log: string[] = [];
    const result = await flashEsp(board, image, { onProgress: (p) => phases.push(p.phase), onLog: (l) => log.push(l) });

    expect(Buffer.from(board.flash.subarray(0x1000, 0x1000 + image.length)).equals(Buffer.from(image))).toBe(true);
    expect(isErased(board.flash.subarray(0, 0x1000))).toBe(true);
    expect(isErased(board.flash.subarray(0x1000 + image.length, 0x1000 + image.length + 4096))).toBe(true);
    expect(result).toEqual({ chip: "ESP32-D0WDQ6 (revision 1)", mac: "24:0a:c4:12:34:56", needsNewPort: false });
    expect(log).toContain("Hash of data verified.");
    expect(log.find((l) => l.startsWith("Flash md5:"))).toBe(`Flash md5: ${Buffer.from(md5(image)).toString("hex")}`);
    // Reset into the bootloader for flashing, then a hard reset that boots the firmware.
    expect(board.boots).toEqual(["download", "normal"]);
    expect(board.chipState).toBe("app");
    expect(board.readable).toBeNull(); // port released
    expect(new Set(phases)).toEqual(new Set(["connecting", "writing", "verifying", "resetting", "done"]));
    expect(phases.at(-1)).toBe("done");
  });

  it("flashes an ESP32-C3 image at 0x0 over its USB-Serial/JTAG port (double), at a higher baud rate", async () => {
    const board = new EspRomDouble({ chip: "ESP32-C3" });
    const image = makeEspImage("ESP32-C3", 40_000, 12);
    const result = await flashEsp(board, image, { baudRate: 460800 });
    expect(Buffer.from(board.flash.subarray(0, image.length)).equals(Buffer.from(image))).toBe(true);
    expect(result.needsNewPort).toBe(true);
    expect(result.chip).toMatch(/^ESP32-C3/);
    expect(board.boots).toEqual(["download", "normal"]);
  });

  it("erases the whole flash first when asked (double)", async () => {
    const board = new EspRomDouble({ chip: "ESP32" });
    board.flash.fill(0x00, 0x200000, 0x201000); // an old filesystem
    const image = makeEspImage("ESP32", 8_000, 13);
    await flashEsp(board, image, { erase: true });
    expect(isErased(board.flash.subarray(0x200000, 0x201000))).toBe(true);
    expect(Buffer.from(board.flash.subarray(0x1000, 0x1000 + image.length)).equals(Buffer.from(image))).toBe(true);
  });

  it("reports VerifyFailed when the double's flash keeps a bit stuck", async () => {
    const image = makeEspImage("ESP32", 8_000, 16);
    const at = image.findIndex((b, i) => i > 100 && (b & 1) === 1);
    const board = new EspRomDouble({ chip: "ESP32", stuckLowAt: 0x1000 + at });
    const error = await failure(flashEsp(board, image, {}));
    expect(error.code).toBe("VerifyFailed");
    expect(board.readable).toBeNull();
  });

  it("reports DeviceError when the stub refuses a write past the end of the double's flash", async () => {
    const board = new EspRomDouble({ chip: "ESP32", flashSize: 64 * 1024 });
    const error = await failure(flashEsp(board, makeEspImage("ESP32", 70_000, 17), {}));
    expect(error.code).toBe("DeviceError");
    expect(error.detail).toMatch(/failed with status 1,201/);
  });

  it("refuses a C3 image on the ESP32 double with WrongChip and writes nothing", async () => {
    const board = new EspRomDouble({ chip: "ESP32" });
    const error = await failure(flashEsp(board, makeEspImage("ESP32-C3", 8_000), {}));
    expect(isFlashError(error, "WrongChip")).toBe(true);
    expect(error.message).toBe("This firmware is for ESP32-C3, but the board is an ESP32.");
    expect(isErased(board.flash)).toBe(true);
    expect(board.readable).toBeNull();
  });

  it("refuses a file that is not firmware before touching the port (double)", async () => {
    const board = new EspRomDouble({ chip: "ESP32" });
    const error = await failure(flashEsp(board, new Uint8Array(4096), {}));
    expect(error.code).toBe("BadImage");
    expect(board.boots).toEqual([]);
  });

  it("reports NoResponse with what to do when the double is not in download mode", async () => {
    const board = new EspRomDouble({ chip: "ESP32", mode: "normal" });
    const error = await failure(flashEsp(board, makeEspImage("ESP32", 4_000), {}));
    expect(error.code).toBe("NoResponse");
    expect(error.hint).toBe("Hold BOOT, press and release RESET, then try again");
    expect(board.boots.every((b) => b === "normal")).toBe(true);
    expect(board.readable).toBeNull();
  }, 60_000);

  it("reports Disconnected when the double's cable is pulled mid-flash; a retry on a fresh connection succeeds", async () => {
    const board = new EspRomDouble({ chip: "ESP32" });
    const image = makeEspImage("ESP32", 120_000, 14);
    // Past the stub upload (~9 KB) and into the compressed image.
    board.pullCableAfter(60_000);
    const error = await failure(flashEsp(board, image, {}));
    expect(error.code).toBe("Disconnected");
    expect(error.hint).toBe("cable pulled? plug it back in and try again");
    expect(Buffer.from(board.flash.subarray(0x1000, 0x1000 + image.length)).equals(Buffer.from(image))).toBe(false);

    board.replug();
    await flashEsp(board, image, {});
    expect(Buffer.from(board.flash.subarray(0x1000, 0x1000 + image.length)).equals(Buffer.from(image))).toBe(true);
  });

  it("stops with Cancelled at a block boundary and releases the double's port", async () => {
    const board = new EspRomDouble({ chip: "ESP32" });
    const image = makeEspImage("ESP32", 200_000, 15);
    const controller = new AbortController();
    let blocks = 0;
    const error = await failure(
      flashEsp(board, image, {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === "writing" && p.done > 0 && ++blocks === 1) controller.abort();
        },
      }),
    );
    expect(error.code).toBe("Cancelled");
    expect(board.readable).toBeNull();
    const written = board.flash.subarray(0x1000, 0x1000 + image.length);
    expect(Buffer.from(written).equals(Buffer.from(image))).toBe(false);
  });
});
