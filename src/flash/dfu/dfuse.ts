/**
 * Flashing an STM32 board (pyboard and friends) through the STM32 system bootloader's DfuSe interface over WebUSB:
 * erase the pages the file's elements cover (from the memory layout the interface names), download each element in
 * wTransferSize blocks, read everything back and compare, then leave DFU so the new firmware starts.
 */
import { FlashError } from "../errors";
import type { FlashOptions } from "../types";
import { progressReporter } from "../progress";
import {
  DFU,
  pagesCovering,
  stateName,
  parseConfigurationDescriptor,
  parseMemoryLayout,
  parseStringDescriptor,
  segmentAt,
  type DfuFunctional,
  type DfuUsbDevice,
  type InterfaceEntry,
  type MemoryLayout,
} from "./dfuProtocol";
import { describeError, DfuSession, hex, isUsbGone, PLUG_BACK_HINT } from "./dfuSession";
import type { DfuseImage, DfuseTarget } from "./dfuseFile";

export const WINUSB_HINT = "Windows needs the WinUSB driver for the STM32 BOOTLOADER device (Zadig)";
const DFU_MODE_HINT =
  "Put the board in DFU mode: connect the DFU (BOOT0) pin to 3.3 V and press RESET, then pick the \"STM32 BOOTLOADER\" device.";
/** The STM32 system bootloader's wTransferSize, used when the functional descriptor cannot be read. */
const DEFAULT_TRANSFER_SIZE = 2048;

export interface DfuseTuning {
  sleep?: (ms: number) => Promise<void>;
  transferTimeoutMs?: number;
  operationTimeoutMs?: number;
}

export interface DfuseFlashResult {
  erasedPages: number[];
  bytesWritten: number;
  transferSize: number;
  layouts: Record<number, MemoryLayout>;
}

interface Plan {
  target: DfuseTarget;
  layout: MemoryLayout;
  pages: { address: number; size: number }[];
}

export async function flashDfuse(
  device: DfuUsbDevice,
  file: DfuseImage,
  o: FlashOptions = {},
  tuning: DfuseTuning = {},
): Promise<DfuseFlashResult> {
  const report = progressReporter(o.onProgress);
  const log = (line: string) => o.onLog?.(line);
  const checkCancel = () => {
    if (o.signal?.aborted) {
      throw new FlashError("Cancelled", "Flashing was cancelled.", "The board's flash may hold a partial image: flash again before using it.");
    }
  };
  checkCancel();
  report({ phase: "connecting", done: 0, total: file.totalBytes, message: "Opening the DFU device" }, true);

  try {
    if (!device.opened) await device.open();
    if (!device.configuration) await device.selectConfiguration(device.configurations[0]?.configurationValue ?? 1);
  } catch (e) {
    throw new FlashError("NoResponse", "The browser could not open the STM32 DFU device.", WINUSB_HINT, describeError(e));
  }
  const dfuInterface = device.configuration?.interfaces.find((i) =>
    i.alternates.some((a) => a.interfaceClass === 0xfe && a.interfaceSubclass === 0x01),
  );
  if (!dfuInterface) throw new FlashError("Unsupported", "This USB device is not in DFU mode.", DFU_MODE_HINT);
  try {
    await device.claimInterface(dfuInterface.interfaceNumber);
  } catch (e) {
    throw new FlashError("NoResponse", "The browser could not claim the STM32 DFU interface.", WINUSB_HINT, describeError(e));
  }

  const session = new DfuSession(device, dfuInterface.interfaceNumber, {
    sleep: tuning.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
    transferTimeoutMs: tuning.transferTimeoutMs ?? 5000,
    operationTimeoutMs: tuning.operationTimeoutMs ?? 30_000,
  });
  const { functional, entries } = await readDescriptors(session);
  const transferSize = functional?.transferSize || DEFAULT_TRANSFER_SIZE;
  log(`DFU interface ${dfuInterface.interfaceNumber}, transfer size ${transferSize}${functional ? "" : " (assumed)"}`);
  if (file.vendorId !== 0xffff && (file.vendorId !== device.vendorId || file.productId !== device.productId)) {
    log(`Note: the file names USB id ${hex(file.vendorId).slice(4)}:${hex(file.productId).slice(4)}, the board is ${hex(device.vendorId).slice(4)}:${hex(device.productId).slice(4)}`);
  }

  // Plan everything (layouts, pages) before the first erase, so a file that does not fit is refused untouched.
  const layouts: Record<number, MemoryLayout> = {};
  const plans: Plan[] = [];
  for (const target of file.targets) {
    const alt = dfuInterface.alternates.find((a) => a.alternateSetting === target.alternateSetting);
    if (!alt) throw new FlashError("WrongChip", `The file is for DFU alternate setting ${target.alternateSetting}, which this board does not offer.`);
    const name = alt.interfaceName || (await readInterfaceName(session, entries, dfuInterface.interfaceNumber, target.alternateSetting));
    const layout = name ? parseMemoryLayout(name) : null;
    if (!layout) throw new FlashError("Unsupported", "The board's DFU interface does not describe its memory (not a DfuSe bootloader).", DFU_MODE_HINT, name ?? "");
    layouts[target.alternateSetting] = layout;
    const pages = new Map<number, number>();
    for (const el of target.elements) {
      for (let a = el.address; a < el.address + el.data.length; ) {
        const seg = segmentAt(layout, a);
        if (!seg || !seg.writable) {
          throw new FlashError(
            "WrongChip",
            `The firmware writes to 0x${hex(a)}, which this board's ${layout.name} does not have.`,
            "Choose the firmware made for this board.",
            describeLayout(layout),
          );
        }
        a = Math.min(seg.end, el.address + el.data.length);
      }
      for (const p of pagesCovering(layout, el.address, el.data.length)) {
        const seg = segmentAt(layout, p);
        if (seg?.erasable) pages.set(p, seg.pageSize);
      }
    }
    plans.push({ target, layout, pages: [...pages].sort((a, b) => a[0] - b[0]).map(([address, size]) => ({ address, size })) });
  }

  const erasedPages: number[] = [];
  let bytesWritten = 0;
  let failedInManifest = false;
  try {
    for (const plan of plans) {
      await selectAlt(device, dfuInterface.interfaceNumber, plan.target.alternateSetting);
      await session.toIdle();
      log(`${plan.layout.name}: erasing ${plan.pages.length} page(s)`);
      const eraseTotal = plan.pages.reduce((n, p) => n + p.size, 0);
      let erased = 0;
      report({ phase: "erasing", done: 0, total: eraseTotal }, true);
      for (const page of plan.pages) {
        checkCancel();
        await session.erasePage(page.address);
        erasedPages.push(page.address);
        erased += page.size;
        report({ phase: "erasing", done: erased, total: eraseTotal });
      }

      const total = plan.target.elements.reduce((n, e) => n + e.data.length, 0);
      let done = 0;
      report({ phase: "writing", done: 0, total }, true);
      for (const el of plan.target.elements) {
        log(`Writing ${el.data.length} bytes at 0x${hex(el.address)}`);
        for (let off = 0; off < el.data.length; ) {
          const full = Math.floor((el.data.length - off) / transferSize) * transferSize;
          const run = full > 0 ? full : el.data.length - off;
          await session.setAddress(el.address + off);
          for (let sent = 0, block = 2; sent < run; block++) {
            checkCancel();
            const chunk = el.data.subarray(off + sent, off + sent + Math.min(transferSize, run - sent));
            await session.download(block, chunk, `write at 0x${hex(el.address + off + sent)}`);
            sent += chunk.length;
            done += chunk.length;
            bytesWritten += chunk.length;
            report({ phase: "writing", done, total });
          }
          off += run;
        }
      }

      let verified = 0;
      report({ phase: "verifying", done: 0, total }, true);
      await session.abort();
      for (const el of plan.target.elements) {
        checkCancel();
        const back = await session.read(el.address, el.data.length, transferSize, (n) => {
          verified += n;
          report({ phase: "verifying", done: verified, total });
        });
        const at = firstDifference(back, el.data);
        if (at >= 0) {
          throw new FlashError(
            "VerifyFailed",
            `What the board holds at 0x${hex(el.address + at)} differs from the firmware file.`,
            "Flash again; if it keeps failing, the board's flash may be write-protected or worn.",
            `expected 0x${el.data[at].toString(16)}, read 0x${back[at].toString(16)}`,
          );
        }
      }
    }

    // Leave DFU: point at the image's start, then a zero-length DNLOAD makes the bootloader manifest and jump to it.
    report({ phase: "resetting", done: 0, total: 0, message: "Starting the new firmware" }, true);
    const start = plans[0].target.elements[0].address;
    await selectAlt(device, dfuInterface.interfaceNumber, plans[0].target.alternateSetting);
    await session.setAddress(start);
    failedInManifest = true;
    const r = await session.out(DFU.DNLOAD, 2, new Uint8Array(0), "leave");
    if (r === "stall") log("The bootloader stayed in DFU mode: press RESET to start the new firmware.");
    else {
      const st = await session.getStatus().catch(() => undefined);
      if (st) log(`Bootloader: ${stateName(st.state)}, starting the firmware`);
    }
  } catch (e) {
    // The bootloader resets as soon as it manifests: a vanishing device now is the expected end, not a failure.
    // Leave the bootloader idle, so a retry (or dfu-util) starts clean.
    if (e instanceof FlashError && e.code === "Cancelled") await session.abort().catch(() => {});
    if (!(failedInManifest && e instanceof FlashError && (e.code === "Disconnected" || e.code === "NoResponse"))) {
      if (e instanceof FlashError) throw e;
      throw new FlashError(isUsbGone(e) ? "Disconnected" : "DeviceError", "Flashing over DFU failed.", PLUG_BACK_HINT, describeError(e));
    }
  }
  await device.close().catch(() => {});
  report({ phase: "done", done: bytesWritten, total: bytesWritten }, true);
  return { erasedPages, bytesWritten, transferSize, layouts };
}

async function selectAlt(device: DfuUsbDevice, interfaceNumber: number, alt: number): Promise<void> {
  try {
    await device.selectAlternateInterface(interfaceNumber, alt);
  } catch (e) {
    if (isUsbGone(e)) throw new FlashError("Disconnected", "The board went away from USB while flashing.", PLUG_BACK_HINT, describeError(e));
    throw new FlashError("NoResponse", `The board refused DFU alternate setting ${alt}.`, WINUSB_HINT, describeError(e));
  }
}

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

function describeLayout(l: MemoryLayout): string {
  return l.segments.map((s) => `0x${hex(s.start)}-0x${hex(s.end)}${s.writable ? "" : " (read-only)"}`).join(", ");
}

/** The configuration descriptor carries wTransferSize (DFU functional descriptor) and the interface string ids. */
async function readDescriptors(session: DfuSession): Promise<{ functional?: DfuFunctional; entries: InterfaceEntry[] }> {
  try {
    const r = await session.device.controlTransferIn(
      { requestType: "standard", recipient: "device", request: 6, value: 0x0200, index: 0 },
      1024,
    );
    if (r.status !== "ok" || !r.data) return { entries: [] };
    const parsed = parseConfigurationDescriptor(new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength));
    return { functional: parsed.functional, entries: parsed.interfaces };
  } catch (e) {
    if (isUsbGone(e)) throw new FlashError("Disconnected", "The board went away from USB.", PLUG_BACK_HINT, describeError(e));
    return { entries: [] };
  }
}

/** Chromium fills interfaceName from the string descriptor; where it did not, read the string ourselves. */
async function readInterfaceName(session: DfuSession, entries: InterfaceEntry[], iface: number, alt: number): Promise<string | undefined> {
  const index = entries.find((e) => e.interfaceNumber === iface && e.alternateSetting === alt)?.iInterface;
  if (!index) return undefined;
  const r = await session.device
    .controlTransferIn({ requestType: "standard", recipient: "device", request: 6, value: 0x0300 | index, index: 0x0409 }, 255)
    .catch(() => undefined);
  if (!r || r.status !== "ok" || !r.data) return undefined;
  return parseStringDescriptor(new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength));
}
