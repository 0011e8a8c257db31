import { describe, expect, it } from "vitest";
import { isFlashError } from "../errors";
import type { FlashProgress } from "../types";
import { flashUf2, type DriveDirectory } from "./flashUf2";
import { makeUf2 } from "./testing/makeUf2";
import { INFO_UF2_TEXT, Uf2DriveDouble, XIP_BASE } from "./testing/uf2DriveDouble";
import { checkUf2ForDrive, inspectUf2, parseInfoUf2, UF2_FAMILY } from "./uf2";

// A real FileSystemDirectoryHandle must fit the subset flashUf2 takes (compile-time check only).
const _fits: (h: FileSystemDirectoryHandle) => DriveDirectory = (h) => h;
void _fits;

function firmware(length: number, seed = 1): Uint8Array {
  const b = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected a failure");
}

describe("inspectUf2", () => {
  it("reads blocks, families and the address range", () => {
    const info = inspectUf2(makeUf2(firmware(1000)));
    expect(info.blocks).toBe(4);
    expect(info.families).toEqual([UF2_FAMILY.RP2040]);
    expect(info.chips).toEqual(["RP2040"]);
    expect(info.ranges).toEqual([{ start: XIP_BASE, end: XIP_BASE + 1024 }]);
    expect(info.reason).toBeUndefined();
  });

  it("accepts concatenated runs (an RP2350 absolute block ahead of the image)", () => {
    const file = new Uint8Array([...makeUf2(firmware(256), { family: UF2_FAMILY.ABSOLUTE, base: 0x10ffff00 }), ...makeUf2(firmware(600), { family: UF2_FAMILY.RP2350_ARM_S })]);
    const info = inspectUf2(file);
    expect(info.families).toEqual([UF2_FAMILY.ABSOLUTE, UF2_FAMILY.RP2350_ARM_S]);
    expect(info.chips).toEqual(["RP2350"]);
    expect(info.ranges.length).toBe(2);
  });

  it("refuses a short file, a bad magic, and block counts that do not add up", () => {
    const good = makeUf2(firmware(2048));
    expect(isFlashError(failure2(() => inspectUf2(good.subarray(0, 1000))), "BadImage")).toBe(true);
    expect(isFlashError(failure2(() => inspectUf2(good.subarray(0, 1024))), "BadImage")).toBe(true); // ends early
    const magic = good.slice();
    magic[512 + 508] ^= 1;
    expect(isFlashError(failure2(() => inspectUf2(magic)), "BadImage")).toBe(true);
    const count = good.slice();
    new DataView(count.buffer).setUint32(3 * 512 + 24, 9, true);
    expect(isFlashError(failure2(() => inspectUf2(count)), "BadImage")).toBe(true);
    expect(isFlashError(failure2(() => inspectUf2(new Uint8Array(0))), "BadImage")).toBe(true);
  });

  it("explains a file with no family id", () => {
    expect(inspectUf2(makeUf2(firmware(300), { family: null })).reason).toMatch(/no family id/);
  });
});

function failure2(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("expected a failure");
}

describe("INFO_UF2.TXT and the drive check", () => {
  it("knows both boot ROMs' texts", () => {
    const rp2040 = parseInfoUf2(INFO_UF2_TEXT.RP2040);
    expect(rp2040).toMatchObject({ bootloader: "UF2 Bootloader v3.0", model: "Raspberry Pi RP2", boardId: "RPI-RP2", chip: "RP2040" });
    expect(parseInfoUf2("UF2 Bootloader v1.0\nModel: Raspberry Pi RP2350\nBoard-ID: RP2350\n").chip).toBe("RP2350");
    expect(parseInfoUf2("UF2 Bootloader v3.0\nModel: Adafruit Feather M0\nBoard-ID: SAMD21G18A-Feather-v0\n").chip).toBeUndefined();
  });

  it("refuses RP2350 firmware on an RP2040 drive and the reverse, naming both", () => {
    const forPico2 = inspectUf2(makeUf2(firmware(512), { family: UF2_FAMILY.RP2350_ARM_S }));
    const e = failure2(() => checkUf2ForDrive(parseInfoUf2(INFO_UF2_TEXT.RP2040), forPico2));
    expect(isFlashError(e, "WrongChip")).toBe(true);
    expect((e as Error).message).toMatch(/RP2350.*RP2040/);
    const forPico = inspectUf2(makeUf2(firmware(512)));
    const r = failure2(() => checkUf2ForDrive(parseInfoUf2(INFO_UF2_TEXT.RP2350), forPico));
    expect((r as Error).message).toMatch(/RP2040.*RP2350/);
    expect(checkUf2ForDrive(parseInfoUf2(INFO_UF2_TEXT.RP2350), forPico2)).toEqual({ chip: "RP2350", usableBlocks: 2 });
  });

  it("refuses an unknown drive with words", () => {
    const e = failure2(() => checkUf2ForDrive(parseInfoUf2("Board-ID: SAMD21\n"), inspectUf2(makeUf2(firmware(10)))));
    expect(isFlashError(e, "WrongChip")).toBe(true);
    expect((e as Error).message).toMatch(/SAMD21/);
  });
});

describe("flashUf2 against the drive double", () => {
  it("double: a Pico image lands byte for byte and the drive reboots", async () => {
    const image = firmware(150_000, 7);
    const drive = new Uf2DriveDouble({ chip: "RP2040" });
    const events: FlashProgress[] = [];
    const result = await flashUf2(drive, makeUf2(image), { onProgress: (p) => events.push(p) });
    expect(result).toMatchObject({ chip: "RP2040", driveVanished: true });
    expect(drive.rebooted).toBe(true);
    expect(Buffer.from(drive.read(XIP_BASE, image.length)).equals(Buffer.from(image))).toBe(true);
    // The rest of the last 4 KiB sector was erased, beyond it the old content stays.
    const end = image.length;
    const sectorEnd = Math.ceil(end / 4096) * 4096;
    expect(drive.flash.subarray(Math.ceil(end / 256) * 256, sectorEnd).every((b) => b === 0xff)).toBe(true);
    expect(drive.flash[sectorEnd]).toBe((sectorEnd * 7 + 3) & 0xff);
    expect(events.map((e) => e.phase)).toEqual(expect.arrayContaining(["connecting", "writing", "resetting", "done"]));
    expect(events.filter((e) => e.phase === "writing").at(-1)?.done).toBe(makeUf2(image).length);
  });

  it("double: an RP2350 image on an RP2040 drive is refused before anything is written", async () => {
    const drive = new Uf2DriveDouble({ chip: "RP2040" });
    const e = await failure(flashUf2(drive, makeUf2(firmware(4096), { family: UF2_FAMILY.RP2350_ARM_S }), {}));
    expect(isFlashError(e, "WrongChip")).toBe(true);
    expect(drive.landed.length).toBe(0);
    expect(drive.listFiles().map((f) => f.name).sort()).toEqual(["INDEX.HTM", "INFO_UF2.TXT"]);
  });

  it("double: a corrupt UF2 is refused before the drive is read", async () => {
    const drive = new Uf2DriveDouble();
    const file = makeUf2(firmware(4096));
    const e = await failure(flashUf2(drive, file.subarray(0, file.length - 512), {}));
    expect(isFlashError(e, "BadImage")).toBe(true);
    expect(drive.landed.length).toBe(0);
  });

  it("double: a folder without INFO_UF2.TXT gets the BOOTSEL hint", async () => {
    const drive = new Uf2DriveDouble({ infoText: null, label: "USB STICK" });
    const e = await failure(flashUf2(drive, makeUf2(firmware(512)), {}));
    expect(isFlashError(e, "NoResponse")).toBe(true);
    expect((e as { hint?: string }).hint).toBe("Pick the RPI-RP2 (or RP2350) drive that appears when you hold BOOTSEL while plugging the Pico in");
  });

  it("double: the drive vanishing early is Disconnected, not success", async () => {
    const file = makeUf2(firmware(200_000, 3));
    const drive = new Uf2DriveDouble({ unplugAfterBytes: 70_000 });
    const e = await failure(flashUf2(drive, file, {}));
    expect(isFlashError(e, "Disconnected")).toBe(true);
    expect(drive.rebooted).toBe(false);
  });

  it("double: the drive vanishing with NotReadableError after the last byte still counts as success", async () => {
    const image = firmware(5000, 9);
    const drive = new Uf2DriveDouble({ goneErrorName: "NotReadableError" });
    const r = await flashUf2(drive, makeUf2(image), {});
    expect(r.driveVanished).toBe(true);
    expect(Buffer.from(drive.read(XIP_BASE, image.length)).equals(Buffer.from(image))).toBe(true);
  });

  it("double: a universal file (RP2040 run, then RP2350 run) succeeds on both drives", async () => {
    const forPico = firmware(40_000, 11);
    const forPico2 = firmware(150_000, 12);
    const universal = new Uint8Array([...makeUf2(forPico), ...makeUf2(forPico2, { family: UF2_FAMILY.RP2350_ARM_S })]);
    const pico = new Uf2DriveDouble({ chip: "RP2040" });
    // The RP2040 ROM reboots after its own blocks; the RP2350 blocks behind them meet a vanished drive.
    expect((await flashUf2(pico, universal, {})).driveVanished).toBe(true);
    expect(Buffer.from(pico.read(XIP_BASE, forPico.length)).equals(Buffer.from(forPico))).toBe(true);
    expect(pico.landed.length).toBe(makeUf2(forPico).length / 512);
    const pico2 = new Uf2DriveDouble({ chip: "RP2350" });
    expect((await flashUf2(pico2, universal, {})).chip).toBe("RP2350");
    expect(Buffer.from(pico2.read(XIP_BASE, forPico2.length)).equals(Buffer.from(forPico2))).toBe(true);
  });

  it("double: cancel stops the copy with Cancelled and the ROM does not reboot", async () => {
    const controller = new AbortController();
    const drive = new Uf2DriveDouble();
    // The person presses Cancel while the first chunk is on its way.
    const cancelling: DriveDirectory = {
      getFileHandle: async (name, options) => {
        const h = await drive.getFileHandle(name, options);
        return {
          getFile: () => h.getFile(),
          createWritable: async () => {
            const w = await h.createWritable();
            return { ...w, write: async (d: Uint8Array<ArrayBuffer>) => (await w.write(d), controller.abort()) };
          },
        };
      },
    };
    const e = await failure(flashUf2(cancelling, makeUf2(firmware(300_000)), { signal: controller.signal }));
    expect(isFlashError(e, "Cancelled")).toBe(true);
    expect(drive.rebooted).toBe(false);
    expect(drive.landed.length).toBe(128);
  });
});
