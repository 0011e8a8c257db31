/**
 * The "Flash firmware" flow as data: pick a board and a firmware (or a local file), press Start flashing, watch the
 * progress, land in the new firmware's REPL. The method follows the board: esptool-js for ESP chips, a copy onto the
 * UF2 boot drive for RP2 boards, DfuSe over WebUSB for STM32 (pyboard). Words live in src/firmware/flashWords.ts.
 */
import { create } from "zustand";
import { FlashError } from "../flash/errors";
import type { FlashProgress } from "../flash/types";
import { useConnection } from "./connection";
import { flashLinks, type CatalogBoard, type CatalogFirmware, type SerialPortLike } from "./flashLinks";

/** The catalog board for a detected chip: its generic board when there is one ("ESP32-C3" -> ESP32_GENERIC_C3). */
export function boardForChip(chip: string, boards: readonly CatalogBoard[]): CatalogBoard | undefined {
  const key = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
  const matching = boards.filter((b) => b.family === "esp" && key(b.mcu) === key(chip));
  return matching.find((b) => /GENERIC/.test(b.id)) ?? matching[0];
}

export enum FlashStep {
  Choose = "choose",
  /** Downloading the firmware, or waiting for the person to pick the port / drive / USB device. */
  Preparing = "preparing",
  Flashing = "flashing",
  Reconnecting = "reconnecting",
  Done = "done",
  Failed = "failed",
}

export type FlashMethod = "esp" | "uf2" | "dfu";

export type CatalogState =
  | { status: "idle" | "loading" }
  | { status: "ready"; boards: CatalogBoard[]; cachedNote?: string }
  | { status: "unavailable"; error: unknown };

/** How the flow ended, as data for the words. */
export type FlashOutcome =
  | { kind: "connected" }
  /** Native USB (ESP32-S3/C3...) or a UF2/DFU board: a new serial port appears; the person chooses it. */
  | { kind: "choosePort"; reason: "reenumerated" | "newDevice" }
  /** Flashed, but the REPL did not come up on the same port. */
  | { kind: "connectFailed"; error: unknown };

/** "Detect board" (ESP over serial): which chip answered, so the matching board is picked for the person. */
export type DetectState =
  | { status: "idle" | "running" }
  | { status: "found"; chip: string; description: string; boardId: string | null }
  | { status: "failed"; error: unknown };

export interface LocalImage {
  name: string;
  bytes: Uint8Array;
}

export interface FlashState {
  open: boolean;
  step: FlashStep;
  catalog: CatalogState;
  boardId: string | null;
  firmwares: CatalogFirmware[] | null;
  firmwareUrl: string | null;
  local: LocalImage | null;
  /** ESP only: erase the whole flash first (on by default unless the board already runs MicroPython). */
  erase: boolean;
  /** The image being flashed: its name, size and sha256, shown as it is checked. */
  image: { name: string; size: number; sha256: string } | null;
  download: { done: number; total: number } | null;
  progress: FlashProgress | null;
  log: string[];
  error: unknown;
  outcome: FlashOutcome | null;
  detect: DetectState;

  openDialog(): void;
  /** Ask for the serial port, identify the ESP chip on it, and pick its board (the port is kept for flashing). */
  detectBoard(): Promise<void>;
  close(): void;
  selectBoard(id: string): Promise<void>;
  selectFirmware(url: string): void;
  pickLocal(file: LocalImage | null): void;
  setErase(erase: boolean): void;
  start(): Promise<void>;
  cancel(): void;
  retry(): void;
  /** After a re-enumeration: choose the board's new port and connect. */
  choosePort(): Promise<void>;
}

const MAX_LOG = 200;
let controller: AbortController | null = null;
// The port "Detect board" used: flashing reuses it instead of asking again.
let detectedPort: SerialPortLike | null = null;

/** Which flasher a choice needs: a local file's kind decides, else the board's family. */
export function methodFor(board: CatalogBoard | undefined, local: LocalImage | null): FlashMethod | null {
  const name = local?.name.toLowerCase() ?? "";
  if (name.endsWith(".uf2")) return "uf2";
  if (name.endsWith(".dfu")) return "dfu";
  if (name.endsWith(".bin")) return "esp";
  if (local) return null;
  if (board?.family === "esp") return "esp";
  if (board?.family === "rp2") return "uf2";
  if (board?.family === "stm32") return "dfu";
  return null;
}

export function currentBoard(s: Pick<FlashState, "catalog" | "boardId">): CatalogBoard | undefined {
  return s.catalog.status === "ready" ? s.catalog.boards.find((b) => b.id === s.boardId) : undefined;
}

export const useFlash = create<FlashState>()((set, get) => {
  const log = (line: string) => set({ log: [...get().log, line].slice(-MAX_LOG) });
  const onProgress = (progress: FlashProgress) => {
    set({ progress, step: FlashStep.Flashing });
    if (progress.message) log(progress.message);
  };

  async function loadCatalog(): Promise<void> {
    if (get().catalog.status === "loading" || get().catalog.status === "ready") return;
    set({ catalog: { status: "loading" } });
    try {
      const { boards, cachedNote } = await flashLinks.loadCatalog();
      set({ catalog: { status: "ready", boards, cachedNote } });
    } catch (error) {
      set({ catalog: { status: "unavailable", error } });
    }
  }

  async function imageBytes(signal: AbortSignal): Promise<{ bytes: Uint8Array; name: string }> {
    const { local, firmwareUrl } = get();
    if (local) {
      set({ image: { name: local.name, size: local.bytes.length, sha256: await flashLinks.sha256Hex(local.bytes) } });
      return local;
    }
    if (!firmwareUrl) throw new FlashError("BadImage", "Choose a firmware or a local file first.");
    set({ download: { done: 0, total: 0 } });
    const { bytes, sha256 } = await flashLinks.fetchFirmware(firmwareUrl, {
      signal,
      onProgress: (done, total) => set({ download: { done, total } }),
    });
    const name = decodeURIComponent(firmwareUrl.slice(firmwareUrl.lastIndexOf("/") + 1));
    set({ image: { name, size: bytes.length, sha256 }, download: null });
    return { bytes, name };
  }

  /** Release the serial port the REPL holds, so the flasher (or the person's chooser) can have it. */
  async function releaseBoard(): Promise<void> {
    const c = useConnection.getState();
    if (c.device || c.connection !== "disconnected") await c.disconnect();
  }

  /** The person closed a chooser: nothing happened, so back to choosing, without an error. */
  function back(): void {
    set({ step: FlashStep.Choose });
  }

  async function reconnect(port: SerialPortLike): Promise<void> {
    set({ step: FlashStep.Reconnecting });
    const ok = await useConnection.getState().connectPort(port);
    const error = useConnection.getState().error;
    set({ step: FlashStep.Done, outcome: ok ? { kind: "connected" } : { kind: "connectFailed", error } });
  }

  return {
    open: false,
    step: FlashStep.Choose,
    catalog: { status: "idle" },
    boardId: null,
    firmwares: null,
    firmwareUrl: null,
    local: null,
    erase: true,
    image: null,
    download: null,
    progress: null,
    log: [],
    error: null,
    outcome: null,
    detect: { status: "idle" },

    async detectBoard() {
      await releaseBoard();
      const port = await flashLinks.requestSerialPort();
      if (!port) return;
      set({ detect: { status: "running" } });
      try {
        const found = await flashLinks.detectEsp(port);
        detectedPort = port;
        const catalog = get().catalog;
        const board = catalog.status === "ready" ? boardForChip(found.chip, catalog.boards) : undefined;
        set({ detect: { status: "found", chip: found.chip, description: found.description, boardId: board?.id ?? null } });
        if (board) await get().selectBoard(board.id);
      } catch (error) {
        detectedPort = null;
        set({ detect: { status: "failed", error } });
      }
    },

    openDialog() {
      // A board that already answers as MicroPython keeps its files unless the person asks for an erase.
      const runsMicroPython = useConnection.getState().board === "serial" && useConnection.getState().device !== null;
      detectedPort = null;
      set({ open: true, step: FlashStep.Choose, error: null, outcome: null, progress: null, log: [], erase: !runsMicroPython, detect: { status: "idle" } });
      void loadCatalog();
    },

    close() {
      if (get().step === FlashStep.Flashing || get().step === FlashStep.Preparing) return;
      set({ open: false });
    },

    async selectBoard(id) {
      set({ boardId: id, firmwares: null, firmwareUrl: null });
      try {
        const firmwares = await flashLinks.firmwareFor(id);
        if (get().boardId !== id) return;
        // Latest stable first (the catalog's order): preselected.
        const first = firmwares.find((f) => !f.preview) ?? firmwares[0];
        set({ firmwares, firmwareUrl: first?.url ?? null });
      } catch (error) {
        if (get().boardId === id) set({ firmwares: [], error });
      }
    },

    selectFirmware(url) {
      set({ firmwareUrl: url, local: null });
    },

    pickLocal(file) {
      set({ local: file });
    },

    setErase(erase) {
      set({ erase });
    },

    async start() {
      const s = get();
      const method = methodFor(currentBoard(s), s.local);
      if (!method) {
        set({ step: FlashStep.Failed, error: new FlashError("BadImage", "Mote cannot tell how to flash this file.", "Pick a .bin (ESP), .uf2 (Pico) or .dfu (pyboard) file.") });
        return;
      }
      controller = new AbortController();
      const { signal } = controller;
      set({ step: FlashStep.Preparing, error: null, outcome: null, progress: null, log: [], image: null });
      try {
        if (method === "esp") {
          // Ask for the port before downloading: the chooser needs the click's user activation.
          await releaseBoard();
          const port = detectedPort ?? (await flashLinks.requestSerialPort());
          if (!port) return back();
          const { bytes } = await imageBytes(signal);
          const outcome = await flashLinks.flashEsp(port, bytes, { erase: get().erase, signal, onProgress, onLog: log });
          if (outcome.needsNewPort) set({ step: FlashStep.Done, outcome: { kind: "choosePort", reason: "reenumerated" } });
          else await reconnect(port);
        } else if (method === "uf2") {
          const drive = await flashLinks.pickDrive();
          if (!drive) return back();
          const { bytes } = await imageBytes(signal);
          await releaseBoard();
          await flashLinks.flashUf2(drive, bytes, { signal, onProgress, onLog: log });
          set({ step: FlashStep.Done, outcome: { kind: "choosePort", reason: "newDevice" } });
        } else {
          const device = await flashLinks.requestDfuDevice();
          if (!device) return back();
          const { bytes } = await imageBytes(signal);
          await releaseBoard();
          await flashLinks.flashDfu(device, bytes, { signal, onProgress, onLog: log });
          set({ step: FlashStep.Done, outcome: { kind: "choosePort", reason: "newDevice" } });
        }
      } catch (error) {
        set({ step: FlashStep.Failed, error, download: null });
      } finally {
        controller = null;
        // A port used for flashing may be gone (native USB re-enumerates): a retry asks for it again.
        detectedPort = null;
      }
    },

    cancel() {
      controller?.abort();
    },

    retry() {
      set({ step: FlashStep.Choose, error: null, progress: null, outcome: null });
    },

    async choosePort() {
      const port = await flashLinks.requestSerialPort();
      if (!port) return;
      await reconnect(port);
    },
  };
});
