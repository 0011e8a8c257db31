import { beforeEach, describe, expect, it, vi } from "vitest";
import { FlashError } from "../flash/errors";
import { describeFlashError } from "../firmware/flashWords";

// Doubles of the flashing doorway (browser choosers, catalog, flashers) and of the connection store: this file tests
// the dialog's state machine only. The flashers have their own tests against protocol doubles (src/flash/**).
const calls: string[] = [];
const links = vi.hoisted(() => ({
  loadCatalog: vi.fn(),
  firmwareFor: vi.fn(),
  fetchFirmware: vi.fn(),
  sha256Hex: vi.fn(async () => "ab".repeat(32)),
  requestSerialPort: vi.fn(),
  pickDrive: vi.fn(),
  requestDfuDevice: vi.fn(),
  detectEsp: vi.fn(),
  flashEsp: vi.fn(),
  flashUf2: vi.fn(),
  flashDfu: vi.fn(),
}));
vi.mock("./flashLinks", () => ({ flashLinks: links }));

const conn = vi.hoisted(() => ({
  state: { board: "virtual" as "virtual" | "serial", device: null as object | null, connection: "disconnected", error: null as unknown },
  connectPort: vi.fn(),
  disconnect: vi.fn(),
}));
vi.mock("./connection", () => ({
  useConnection: {
    getState: () => ({ ...conn.state, connectPort: conn.connectPort, disconnect: conn.disconnect }),
  },
}));

const { FlashStep, useFlash, methodFor, boardForChip } = await import("./flash");

const BOARDS = [
  { id: "ESP32_GENERIC", name: "ESP32", mcu: "esp32", family: "esp" },
  { id: "ESP32_GENERIC_C3", name: "ESP32-C3", mcu: "esp32c3", family: "esp" },
  { id: "RPI_PICO", name: "Pico", mcu: "rp2040", family: "rp2" },
  { id: "PYBV11", name: "pyboard v1.1", mcu: "stm32f4", family: "stm32" },
];
const FIRMWARES = [
  { version: "v1.25.0-preview", preview: true, kind: "bin", url: "https://micropython.org/resources/firmware/p.bin" },
  { version: "v1.24.1", date: "2024-11-29", preview: false, kind: "bin", url: "https://micropython.org/resources/firmware/a.bin" },
  { version: "v1.24.0", preview: false, kind: "bin", url: "https://micropython.org/resources/firmware/b.bin" },
];
const IMAGE = new Uint8Array([0xe9, 1, 2, 3]);
const PORT = { label: "port" };

async function chooseBoard(id: string) {
  useFlash.getState().openDialog();
  await vi.waitFor(() => expect(useFlash.getState().catalog.status).toBe("ready"));
  await useFlash.getState().selectBoard(id);
}

beforeEach(() => {
  calls.length = 0;
  useFlash.setState({ open: false, step: FlashStep.Choose, catalog: { status: "idle" }, boardId: null, firmwares: null, firmwareUrl: null, local: null });
  conn.state = { board: "virtual", device: null, connection: "disconnected", error: null };
  conn.connectPort.mockReset().mockImplementation(async () => (calls.push("connectPort"), true));
  conn.disconnect.mockReset().mockImplementation(async () => void calls.push("disconnect"));
  links.loadCatalog.mockReset().mockResolvedValue({ boards: BOARDS });
  links.firmwareFor.mockReset().mockResolvedValue(FIRMWARES);
  links.fetchFirmware.mockReset().mockImplementation(async (_url: string, o: { onProgress?: (d: number, t: number) => void }) => {
    calls.push("fetch");
    o.onProgress?.(2, 4);
    return { bytes: IMAGE, sha256: "cd".repeat(32) };
  });
  links.requestSerialPort.mockReset().mockImplementation(async () => (calls.push("requestPort"), PORT));
  links.pickDrive.mockReset().mockImplementation(async () => (calls.push("pickDrive"), { drive: true }));
  links.requestDfuDevice.mockReset().mockImplementation(async () => (calls.push("requestUsb"), { usb: true }));
  links.detectEsp.mockReset().mockImplementation(async () => (calls.push("detect"), { chip: "ESP32-C3", description: "ESP32-C3 (QFN32) (revision v0.4)" }));
  links.flashEsp.mockReset().mockImplementation(async () => (calls.push("flashEsp"), { chip: "ESP32", needsNewPort: false }));
  links.flashUf2.mockReset().mockImplementation(async () => void calls.push("flashUf2"));
  links.flashDfu.mockReset().mockImplementation(async () => void calls.push("flashDfu"));
});

describe("flash dialog store (doorway and connection are doubles)", () => {
  it("preselects the latest stable firmware, asks for the port before downloading, flashes, and reconnects", async () => {
    await chooseBoard("ESP32_GENERIC");
    expect(useFlash.getState().firmwareUrl).toBe(FIRMWARES[1].url);
    await useFlash.getState().start();
    // The chooser needs the click's user activation, which a slow download would outlast.
    expect(calls).toEqual(["requestPort", "fetch", "flashEsp", "connectPort"]);
    expect(links.flashEsp.mock.calls[0][0]).toBe(PORT);
    expect(links.flashEsp.mock.calls[0][1]).toBe(IMAGE);
    const s = useFlash.getState();
    expect(s.step).toBe(FlashStep.Done);
    expect(s.outcome).toEqual({ kind: "connected" });
    expect(s.image).toEqual({ name: "a.bin", size: IMAGE.length, sha256: "cd".repeat(32) });
  });

  it("releases a connected serial board first and does not erase it by default", async () => {
    conn.state = { board: "serial", device: {}, connection: "connected", error: null };
    await chooseBoard("ESP32_GENERIC");
    expect(useFlash.getState().erase).toBe(false);
    await useFlash.getState().start();
    expect(calls[0]).toBe("disconnect");
    expect(links.flashEsp.mock.calls[0][2]).toMatchObject({ erase: false });
  });

  it("erases by default when no MicroPython board is connected", async () => {
    await chooseBoard("ESP32_GENERIC");
    expect(useFlash.getState().erase).toBe(true);
    await useFlash.getState().start();
    expect(links.flashEsp.mock.calls[0][2]).toMatchObject({ erase: true });
  });

  it("a native-USB chip ends asking for its new port, and Choose port connects to it", async () => {
    links.flashEsp.mockResolvedValue({ chip: "ESP32-C3", needsNewPort: true });
    await chooseBoard("ESP32_GENERIC_C3");
    await useFlash.getState().start();
    expect(useFlash.getState().outcome).toEqual({ kind: "choosePort", reason: "reenumerated" });
    expect(conn.connectPort).not.toHaveBeenCalled();
    await useFlash.getState().choosePort();
    expect(conn.connectPort).toHaveBeenCalledWith(PORT);
    expect(useFlash.getState().outcome).toEqual({ kind: "connected" });
  });

  it("a Pico goes through the drive picker, and a pyboard through WebUSB", async () => {
    await chooseBoard("RPI_PICO");
    await useFlash.getState().start();
    expect(calls).toEqual(["pickDrive", "fetch", "flashUf2"]);
    expect(useFlash.getState().outcome).toEqual({ kind: "choosePort", reason: "newDevice" });
    calls.length = 0;
    await chooseBoard("PYBV11");
    await useFlash.getState().start();
    expect(calls).toEqual(["requestUsb", "fetch", "flashDfu"]);
  });

  it("closing a chooser goes back to choosing, quietly and without downloading", async () => {
    links.requestSerialPort.mockResolvedValue(null);
    await chooseBoard("ESP32_GENERIC");
    await useFlash.getState().start();
    expect(useFlash.getState().step).toBe(FlashStep.Choose);
    expect(useFlash.getState().error).toBeNull();
    expect(links.fetchFirmware).not.toHaveBeenCalled();
  });

  it("a flasher's failure is shown with its words and hint, and Try again returns to choosing", async () => {
    links.flashEsp.mockRejectedValue(new FlashError("WrongChip", "This firmware is for ESP32-C3, but the board is an ESP32"));
    await chooseBoard("ESP32_GENERIC");
    await useFlash.getState().start();
    const s = useFlash.getState();
    expect(s.step).toBe(FlashStep.Failed);
    const words = describeFlashError(s.error);
    expect(words.text).toMatch(/ESP32-C3.*ESP32/);
    expect(words.hint).toMatch(/firmware made for this board/);
    useFlash.getState().retry();
    expect(useFlash.getState().step).toBe(FlashStep.Choose);
  });

  it("Cancel aborts the signal the flasher holds", async () => {
    let seen: AbortSignal | undefined;
    links.flashEsp.mockImplementation(async (_p: unknown, _i: unknown, o: { signal: AbortSignal }) => {
      seen = o.signal;
      useFlash.getState().cancel();
      throw new FlashError("Cancelled", "Flashing was cancelled.");
    });
    await chooseBoard("ESP32_GENERIC");
    await useFlash.getState().start();
    expect(seen?.aborted).toBe(true);
    expect(describeFlashError(useFlash.getState().error).code).toBe("Cancelled");
  });

  it("a local file decides the method by its kind, and an unknown kind is refused before anything happens", async () => {
    expect(methodFor(undefined, { name: "FIRMWARE.UF2", bytes: IMAGE })).toBe("uf2");
    expect(methodFor(undefined, { name: "pyb.dfu", bytes: IMAGE })).toBe("dfu");
    expect(methodFor(undefined, { name: "esp.bin", bytes: IMAGE })).toBe("esp");
    useFlash.getState().openDialog();
    useFlash.getState().pickLocal({ name: "notes.txt", bytes: IMAGE });
    await useFlash.getState().start();
    expect(useFlash.getState().step).toBe(FlashStep.Failed);
    expect(describeFlashError(useFlash.getState().error).code).toBe("BadImage");
    expect(calls).toEqual([]);
  });

  it("an unreachable catalog leaves the local file path open", async () => {
    links.loadCatalog.mockRejectedValue(new FlashError("Network", "micropython.org could not be reached"));
    useFlash.getState().openDialog();
    await vi.waitFor(() => expect(useFlash.getState().catalog.status).toBe("unavailable"));
    useFlash.getState().pickLocal({ name: "pico.uf2", bytes: IMAGE });
    await useFlash.getState().start();
    expect(calls).toEqual(["pickDrive", "flashUf2"]);
    expect(useFlash.getState().image?.sha256).toBe("ab".repeat(32));
  });

  it("Detect board finds the chip, picks its board and firmware, and flashing reuses that port", async () => {
    useFlash.getState().openDialog();
    await vi.waitFor(() => expect(useFlash.getState().catalog.status).toBe("ready"));
    await useFlash.getState().detectBoard();
    const s = useFlash.getState();
    expect(s.detect).toMatchObject({ status: "found", chip: "ESP32-C3", boardId: "ESP32_GENERIC_C3" });
    expect(s.boardId).toBe("ESP32_GENERIC_C3");
    expect(s.firmwareUrl).toBe(FIRMWARES[1].url);
    await useFlash.getState().start();
    expect(calls).toEqual(["requestPort", "detect", "fetch", "flashEsp", "connectPort"]);
    expect(boardForChip("ESP8266", BOARDS as never)).toBeUndefined();
  });

  it("a chip that does not answer leaves the words and hint, and the person can still pick by hand", async () => {
    links.detectEsp.mockRejectedValue(new FlashError("NoResponse", "The board did not answer: it is not in download mode.", "Hold BOOT, press and release RESET, then try again"));
    await chooseBoard("ESP32_GENERIC");
    await useFlash.getState().detectBoard();
    const d = useFlash.getState().detect;
    expect(d.status).toBe("failed");
    expect(describeFlashError(d.status === "failed" ? d.error : null).hint).toMatch(/BOOT/);
    expect(useFlash.getState().boardId).toBe("ESP32_GENERIC");
  });
});
