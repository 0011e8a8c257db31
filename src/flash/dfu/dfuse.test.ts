import { describe, expect, it } from "vitest";
import { crc32 as zlibCrc32 } from "node:zlib";
import { isFlashError } from "../errors";
import type { FlashProgress } from "../types";
import { pagesCovering, parseMemoryLayout, type DfuUsbDevice } from "./dfuProtocol";
import { flashDfuse, WINUSB_HINT } from "./dfuse";
import { buildDfuseFile, crc32, parseDfuseFile } from "./dfuseFile";
import { DfuseDouble, STM32F405_LAYOUTS } from "./testing/dfuseDouble";

const noSleep = { sleep: async () => {} };

function bytes(length: number, seed: number): Uint8Array {
  const b = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1664525 + 1013904223) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

/** A pyboard-like image: the ISR vector + code at 0x08000000 and a second element in the 128 KiB sectors. */
const low = bytes(20_000, 1); // spans the first two 16 KiB sectors, ends mid-block
const high = bytes(5_000, 2);
const HIGH_AT = 0x08020000;
const twoElements = () => buildDfuseFile([{ alternateSetting: 0, name: "ST...", elements: [{ address: 0x08000000, data: low }, { address: HIGH_AT, data: high }] }]);

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected a failure");
}

function failureSync(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("expected a failure");
}

describe("DfuSe file", () => {
  it("uses the standard CRC-32 and dfu-util's complemented dwCRC", () => {
    const check = new TextEncoder().encode("123456789");
    expect(crc32(check)).toBe(0xcbf43926);
    const file = twoElements();
    const stored = new DataView(file.buffer).getUint32(file.length - 4, true);
    expect(stored).toBe(~zlibCrc32(file.subarray(0, file.length - 4)) >>> 0);
  });

  it("reads targets, elements and the suffix", () => {
    const img = parseDfuseFile(twoElements());
    expect(img.targets).toHaveLength(1);
    expect(img.targets[0]).toMatchObject({ alternateSetting: 0, name: "ST..." });
    expect(img.targets[0].elements.map((e) => [e.address, e.data.length])).toEqual([[0x08000000, 20_000], [HIGH_AT, 5_000]]);
    expect(Buffer.from(img.targets[0].elements[1].data).equals(Buffer.from(high))).toBe(true);
    expect(img).toMatchObject({ vendorId: 0x0483, productId: 0xdf11, bcdDfu: 0x011a, totalBytes: 25_000 });
  });

  it("refuses a bad CRC, a truncated file, sizes that do not add up, and no elements", () => {
    const file = twoElements();
    const flipped = file.slice();
    flipped[400] ^= 0x40;
    expect(isFlashError(failureSync(() => parseDfuseFile(flipped)), "BadImage")).toBe(true);
    expect(isFlashError(failureSync(() => parseDfuseFile(file.subarray(0, file.length - 100))), "BadImage")).toBe(true);
    // A consistent CRC over inconsistent sizes: the element claims more than its target holds.
    const liar = buildDfuseFile([{ alternateSetting: 0, elements: [{ address: 0x08000000, data: bytes(64, 3) }] }]);
    const v = new DataView(liar.buffer);
    v.setUint32(11 + 274 + 4, 65, true);
    v.setUint32(liar.length - 4, ~zlibCrc32(liar.subarray(0, liar.length - 4)) >>> 0, true);
    expect((failureSync(() => parseDfuseFile(liar)) as Error).message).toMatch(/sizes do not add up/);
    const empty = buildDfuseFile([{ alternateSetting: 0, elements: [] }]);
    expect(isFlashError(failureSync(() => parseDfuseFile(empty)), "BadImage")).toBe(true);
  });
});

describe("memory layout", () => {
  it("parses the STM32F405 flash string and finds the pages a range covers", () => {
    const l = parseMemoryLayout(STM32F405_LAYOUTS[0])!;
    expect(l.name).toBe("Internal Flash");
    expect(l.segments.map((s) => [s.start, s.end, s.pageSize, s.writable])).toEqual([
      [0x08000000, 0x08010000, 16384, true],
      [0x08010000, 0x08020000, 65536, true],
      [0x08020000, 0x08100000, 131072, true],
    ]);
    expect(pagesCovering(l, 0x08003000, 0x10000)).toEqual([0x08000000, 0x08004000, 0x08008000, 0x0800c000, 0x08010000]);
    expect(parseMemoryLayout(STM32F405_LAYOUTS[1])!.segments[0]).toMatchObject({ start: 0x1fffc000, pageSize: 16, erasable: false, writable: true });
  });
});

describe("flashDfuse against the STM32 bootloader double", () => {
  it("double: two elements land at their addresses, only the needed pages are erased, and the board leaves DFU", async () => {
    const dev = new DfuseDouble();
    const phases: FlashProgress["phase"][] = [];
    const r = await flashDfuse(dev, parseDfuseFile(twoElements()), { onProgress: (p) => phases.push(p.phase) }, noSleep);
    expect(Buffer.from(dev.read(0x08000000, low.length)).equals(Buffer.from(low))).toBe(true);
    expect(Buffer.from(dev.read(HIGH_AT, high.length)).equals(Buffer.from(high))).toBe(true);
    expect(dev.erasedPages).toEqual([0x08000000, 0x08004000, HIGH_AT]);
    expect(r.erasedPages).toEqual(dev.erasedPages);
    // Untouched sector keeps its old content.
    expect(dev.read(0x08008000, 4)).toEqual(Uint8Array.from([0, 1, 2, 3].map((i) => ((0x8000 + i) * 13 + 5) & 0xff)));
    expect(dev.leftDfu).toBe(true);
    expect(dev.readUnprotectSent).toBe(false);
    expect(r.transferSize).toBe(2048);
    expect(new Set(phases)).toEqual(new Set(["connecting", "erasing", "writing", "verifying", "resetting", "done"]));
  });

  it("double: reads the layout from the string descriptor when the browser gives no interface name", async () => {
    const dev = new DfuseDouble({ hideInterfaceNames: true });
    await flashDfuse(dev, parseDfuseFile(twoElements()), {}, noSleep);
    expect(Buffer.from(dev.read(HIGH_AT, high.length)).equals(Buffer.from(high))).toBe(true);
  });

  it("double: a corrupt .dfu is refused before the board is touched", async () => {
    const dev = new DfuseDouble();
    const file = twoElements();
    const bad = file.slice();
    bad[file.length - 1] ^= 1;
    const e = await failure((async () => flashDfuse(dev, parseDfuseFile(bad), {}, noSleep))());
    expect(isFlashError(e, "BadImage")).toBe(true);
    expect(dev.requests).toHaveLength(0);
    expect(dev.opened).toBe(false);
  });

  it("double: a file for addresses the board lacks is WrongChip, before any erase", async () => {
    const dev = new DfuseDouble();
    const file = buildDfuseFile([{ alternateSetting: 0, elements: [{ address: 0x08100000, data: bytes(100, 4) }] }]);
    const e = await failure(flashDfuse(dev, parseDfuseFile(file), {}, noSleep));
    expect(isFlashError(e, "WrongChip")).toBe(true);
    expect(dev.erasedPages).toEqual([]);
  });

  it("double: unplugged mid-write is Disconnected", async () => {
    const dev = new DfuseDouble({ unplugAfterDataBlocks: 3 });
    const e = await failure(flashDfuse(dev, parseDfuseFile(twoElements()), {}, noSleep));
    expect(isFlashError(e, "Disconnected")).toBe(true);
    expect(dev.leftDfu).toBe(false);
  });

  it("double: writing over an unerased page surfaces the bootloader's errPROG as DeviceError", async () => {
    const dev = new DfuseDouble();
    // A session that "forgets" to erase: the device's real refusal is what the person sees.
    const e = await failure(
      flashDfuse(
        bind(dev, {
          controlTransferOut: (s, d) => (d && d[0] === 0x41 && s.value === 0 ? dev.controlTransferOut(s, Uint8Array.of(0x21, 0, 0, 0, 8)) : dev.controlTransferOut(s, d)),
        }),
        parseDfuseFile(twoElements()),
        {},
        noSleep,
      ),
    );
    expect(e).toMatchObject({ code: "DeviceError" });
    expect((e as Error).message).toMatch(/errPROG/);
  });

  it("double: a device that cannot be opened gets the Windows driver hint", async () => {
    const dev = new DfuseDouble();
    const e = await failure(
      flashDfuse(bind(dev, { open: async () => Promise.reject(new DOMException("Access denied.", "SecurityError")) }), parseDfuseFile(twoElements()), {}, noSleep),
    );
    expect(isFlashError(e, "NoResponse")).toBe(true);
    expect((e as { hint?: string }).hint).toBe(WINUSB_HINT);
  });

  it("double: cancel during writing stops with Cancelled", async () => {
    const dev = new DfuseDouble();
    const c = new AbortController();
    const e = await failure(
      flashDfuse(dev, parseDfuseFile(twoElements()), { signal: c.signal, onProgress: (p) => p.phase === "writing" && c.abort() }, noSleep),
    );
    expect(isFlashError(e, "Cancelled")).toBe(true);
    expect(dev.leftDfu).toBe(false);
    expect(dev.state).toBe(2); // dfuIDLE: a retry starts clean
    await flashDfuse(dev, parseDfuseFile(twoElements()), {}, noSleep);
    expect(Buffer.from(dev.read(0x08000000, low.length)).equals(Buffer.from(low))).toBe(true);
  });
});

/** A view of the double with some methods replaced (its state getters stay live). */
function bind(dev: DfuseDouble, overrides: Partial<Pick<DfuUsbDevice, "open" | "controlTransferOut">>): DfuUsbDevice {
  const view = {
    vendorId: dev.vendorId,
    productId: dev.productId,
    get opened() {
      return dev.opened;
    },
    get configuration() {
      return dev.configuration;
    },
    configurations: dev.configurations,
    open: () => dev.open(),
    close: () => dev.close(),
    selectConfiguration: (v: number) => dev.selectConfiguration(v),
    claimInterface: (n: number) => dev.claimInterface(n),
    selectAlternateInterface: (n: number, a: number) => dev.selectAlternateInterface(n, a),
    controlTransferIn: dev.controlTransferIn.bind(dev),
    controlTransferOut: dev.controlTransferOut.bind(dev),
  };
  return Object.assign(view, overrides);
}
