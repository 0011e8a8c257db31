/**
 * One claimed DFU interface: the DFU 1.1 requests and the DfuSe command / download / upload sequences, with every
 * USB failure turned into a FlashError. Sequences follow AN3156 and what dfu-util does against the STM32 bootloader:
 * a DNLOAD is followed by GETSTATUS polls (sleeping bwPollTimeout between) until dfuDNLOAD-IDLE; UPLOAD needs dfuIDLE,
 * so an ABORT comes between a SET_ADDRESS and the upload.
 */
import { FlashError } from "../errors";
import {
  DFU,
  DFUSE_CMD,
  DfuState,
  parseStatus,
  stateName,
  statusName,
  type DfuStatus,
  type DfuUsbDevice,
  type UsbControlSetup,
} from "./dfuProtocol";

export const PLUG_BACK_HINT = "Plug the board back in, put it in DFU mode again (BOOT0 / DFU pin to 3.3 V, then reset), and flash again.";

export function isUsbGone(e: unknown): boolean {
  const name = (e as { name?: unknown })?.name;
  const message = String((e as { message?: unknown })?.message ?? e);
  return name === "NotFoundError" || name === "NetworkError" || /disconnected|device.*(lost|gone)|no device/i.test(message);
}

export function describeError(e: unknown): string {
  const err = e as { name?: string; message?: string };
  return `${err?.name ?? "Error"}: ${err?.message ?? String(e)}`;
}

export interface SessionOptions {
  sleep: (ms: number) => Promise<void>;
  /** Upper bound for one control transfer (WebUSB has none of its own). */
  transferTimeoutMs: number;
  /** Upper bound for one operation's status polling (an erase of a 128 KiB sector takes seconds). */
  operationTimeoutMs: number;
}

export class DfuSession {
  constructor(
    readonly device: DfuUsbDevice,
    readonly interfaceNumber: number,
    private readonly o: SessionOptions,
  ) {}

  private setup(request: number, value: number): UsbControlSetup {
    return { requestType: "class", recipient: "interface", request, value, index: this.interfaceNumber };
  }

  /** Runs one transfer with a bound; removal becomes Disconnected. */
  private async transfer<T>(what: string, run: () => Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new FlashError("Timeout", `The board did not answer the DFU ${what} request.`, PLUG_BACK_HINT)),
        this.o.transferTimeoutMs,
      );
    });
    try {
      return await Promise.race([run(), timeout]);
    } catch (e) {
      if (e instanceof FlashError) throw e;
      if (isUsbGone(e)) throw new FlashError("Disconnected", "The board went away from USB while flashing.", PLUG_BACK_HINT, describeError(e));
      throw new FlashError("DeviceError", `The DFU ${what} request failed.`, PLUG_BACK_HINT, describeError(e));
    } finally {
      clearTimeout(timer);
    }
  }

  async out(request: number, value: number, data?: Uint8Array, what = "download"): Promise<"ok" | "stall"> {
    const r = await this.transfer(what, () => this.device.controlTransferOut(this.setup(request, value), data));
    return r.status;
  }

  async in(request: number, value: number, length: number, what = "upload"): Promise<Uint8Array | "stall"> {
    const r = await this.transfer(what, () => this.device.controlTransferIn(this.setup(request, value), length));
    if (r.status !== "ok") return "stall";
    const v = r.data;
    return v ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength).slice() : new Uint8Array(0);
  }

  async getStatus(): Promise<DfuStatus> {
    const r = await this.in(DFU.GETSTATUS, 0, 6, "GETSTATUS");
    if (r === "stall" || r.length < 6) {
      throw new FlashError("NoResponse", "The board's DFU bootloader did not report its status.", PLUG_BACK_HINT);
    }
    return parseStatus(new DataView(r.buffer, r.byteOffset, r.byteLength));
  }

  async clearStatus(): Promise<void> {
    await this.out(DFU.CLRSTATUS, 0, undefined, "CLRSTATUS");
  }

  async abort(): Promise<void> {
    await this.out(DFU.ABORT, 0, undefined, "ABORT");
  }

  /** Brings the interface to dfuIDLE from wherever an earlier (maybe failed) session left it. */
  async toIdle(): Promise<void> {
    for (let i = 0; i < 4; i++) {
      const st = await this.getStatus();
      if (st.state === DfuState.dfuIDLE) return;
      if (st.state === DfuState.dfuERROR) await this.clearStatus();
      else await this.abort();
    }
    const st = await this.getStatus();
    throw new FlashError("DeviceError", `The DFU bootloader is stuck in ${stateName(st.state)}.`, PLUG_BACK_HINT, statusName(st.status));
  }

  /** After a DNLOAD: poll until the device is done with it, or report its error status. */
  private async settle(what: string): Promise<void> {
    const started = Date.now();
    for (;;) {
      const st = await this.getStatus();
      if (st.state === DfuState.dfuDNLOAD_IDLE && st.status === 0) return;
      if (st.state === DfuState.dfuERROR || st.status !== 0) {
        await this.clearStatus().catch(() => {});
        throw new FlashError(
          "DeviceError",
          `The board's bootloader refused to ${what}: ${statusName(st.status)}.`,
          "Check that the firmware is made for this board; then reset it into DFU mode and try again.",
          `${statusName(st.status)} in ${stateName(st.state)}`,
        );
      }
      if (st.state !== DfuState.dfuDNBUSY && st.state !== DfuState.dfuDNLOAD_SYNC) {
        throw new FlashError("DeviceError", `The DFU bootloader went to an unexpected state (${stateName(st.state)}) while asked to ${what}.`, PLUG_BACK_HINT);
      }
      if (Date.now() - started > this.o.operationTimeoutMs) {
        throw new FlashError("Timeout", `The board took too long to ${what}.`, PLUG_BACK_HINT);
      }
      await this.o.sleep(st.pollTimeout);
    }
  }

  async download(block: number, data: Uint8Array, what: string): Promise<void> {
    const r = await this.out(DFU.DNLOAD, block, data);
    if (r === "stall") {
      const st = await this.getStatus();
      await this.clearStatus().catch(() => {});
      throw new FlashError("DeviceError", `The board's bootloader refused to ${what}: ${statusName(st.status)}.`, PLUG_BACK_HINT, stateName(st.state));
    }
    await this.settle(what);
  }

  async command(cmd: number, address: number | undefined, what: string): Promise<void> {
    const bytes = new Uint8Array(address === undefined ? 1 : 5);
    bytes[0] = cmd;
    if (address !== undefined) new DataView(bytes.buffer).setUint32(1, address >>> 0, true);
    await this.download(0, bytes, what);
  }

  setAddress(address: number): Promise<void> {
    return this.command(DFUSE_CMD.SET_ADDRESS, address, `set the address 0x${hex(address)}`);
  }

  erasePage(address: number): Promise<void> {
    return this.command(DFUSE_CMD.ERASE, address, `erase the page at 0x${hex(address)}`);
  }

  /** Reads `length` bytes at `address` (leaves the interface in dfuIDLE). */
  async read(address: number, length: number, transferSize: number, onBytes?: (n: number) => void): Promise<Uint8Array> {
    const out = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      // A fresh address for each short tail keeps the block-to-address rule unambiguous.
      const full = Math.floor((length - done) / transferSize) * transferSize;
      const runLength = full > 0 ? full : length - done;
      const size = full > 0 ? transferSize : length - done;
      await this.setAddress(address + done);
      await this.abort();
      for (let got = 0, block = 2; got < runLength; block++) {
        const r = await this.in(DFU.UPLOAD, block, size);
        if (r === "stall") {
          const st = await this.getStatus();
          await this.clearStatus().catch(() => {});
          throw new FlashError("DeviceError", `The board's bootloader refused to read 0x${hex(address + done)}: ${statusName(st.status)}.`, PLUG_BACK_HINT);
        }
        if (r.length !== size) {
          throw new FlashError("VerifyFailed", `The board returned ${r.length} bytes instead of ${size} while reading back.`, PLUG_BACK_HINT);
        }
        out.set(r, done);
        done += size;
        got += size;
        onBytes?.(size);
      }
      await this.abort();
    }
    return out;
  }
}

export function hex(n: number): string {
  return (n >>> 0).toString(16).padStart(8, "0");
}
