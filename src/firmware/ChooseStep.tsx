// Choosing what to flash: a board from micropython.org's list and one of its firmwares, or a file from the computer.
import { useEffect, useRef } from "react";
import { currentBoard, methodFor, useFlash } from "../store/flash";
import type { CatalogBoard, CatalogFirmware } from "../store/flashLinks";
import { describeFlashError, formatSize, METHOD_HELP } from "./flashWords";

const FAMILIES: Array<[CatalogBoard["family"], string]> = [
  ["esp", "ESP32 / ESP8266"],
  ["rp2", "Raspberry Pi Pico (RP2040 / RP2350)"],
  ["stm32", "pyboard / STM32"],
];

export function firmwareLabel(f: CatalogFirmware): string {
  const parts = [f.version];
  if (f.date) parts.push(f.date);
  if (f.variant) parts.push(f.variant);
  if (f.preview) parts.push("preview");
  return `${parts.join(" · ")} (.${f.kind})`;
}

export function ChooseStep() {
  const s = useFlash();
  const board = currentBoard(s);
  const method = methodFor(board, s.local);
  const firstRef = useRef<HTMLSelectElement>(null);
  useEffect(() => firstRef.current?.focus(), []);
  const ready = !!method && (!!s.local || !!s.firmwareUrl);
  const chosen = s.firmwares?.find((f) => f.url === s.firmwareUrl);

  return (
    <div className="flash-dialog__body">
      <CatalogLine />
      {s.catalog.status === "ready" ? (
        <label className="flash-dialog__field">
          <span>Board</span>
          <select ref={firstRef} aria-label="Board to flash" value={s.boardId ?? ""} onChange={(e) => void s.selectBoard(e.target.value)}>
            <option value="" disabled>
              Choose your board…
            </option>
            {FAMILIES.map(([family, label]) => (
              <optgroup key={family} label={label}>
                {s.catalog.status === "ready"
                  ? s.catalog.boards
                      .filter((b) => b.family === family)
                      .map((b) => (
                        <option key={b.id} value={b.id}>
                          {b.vendor ? `${b.name} (${b.vendor})` : b.name}
                        </option>
                      ))
                  : null}
              </optgroup>
            ))}
          </select>
        </label>
      ) : null}
      <DetectLine />
      {board && s.firmwares ? (
        <label className="flash-dialog__field">
          <span>Firmware</span>
          <select aria-label="Firmware version" value={s.firmwareUrl ?? ""} onChange={(e) => s.selectFirmware(e.target.value)} disabled={!!s.local}>
            {s.firmwares.length === 0 ? <option value="">No firmware listed for this board</option> : null}
            {s.firmwares.map((f) => (
              <option key={f.url} value={f.url}>
                {firmwareLabel(f)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {chosen && !s.local ? <p className="flash-dialog__meta">File: {chosen.url.slice(chosen.url.lastIndexOf("/") + 1)} (its sha256 is shown once downloaded)</p> : null}

      <label className="flash-dialog__field">
        <span>Or a file from your computer</span>
        <input
          type="file"
          aria-label="Firmware file"
          accept=".bin,.uf2,.dfu"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            s.pickLocal(file ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null);
          }}
        />
      </label>
      {s.local ? (
        <p className="flash-dialog__meta">
          {s.local.name}, {formatSize(s.local.bytes.length)}
          {method ? "" : " — not a .bin, .uf2 or .dfu file"}
        </p>
      ) : null}

      {method === "esp" ? (
        <label className="flash-dialog__check">
          <input type="checkbox" checked={s.erase} onChange={(e) => s.setErase(e.target.checked)} />
          Erase the whole flash first (removes the board's files; needed when it does not run MicroPython yet)
        </label>
      ) : null}
      {method ? <p className="flash-dialog__help">{METHOD_HELP[method]}</p> : null}

      <div className="flash-dialog__choices">
        <button type="button" className="flash-dialog__primary" disabled={!ready} onClick={() => void s.start()}>
          Start flashing
        </button>
        <button type="button" onClick={() => s.close()}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function CatalogLine() {
  const catalog = useFlash((s) => s.catalog);
  if (catalog.status === "loading" || catalog.status === "idle") {
    return <p className="flash-dialog__meta">Loading the board list from micropython.org…</p>;
  }
  if (catalog.status === "unavailable") {
    const m = describeFlashError(catalog.error);
    return (
      <p className="flash-dialog__notice" role="status">
        Mote could not load the board list ({m.text}). Pick a firmware file from your computer instead.
      </p>
    );
  }
  return catalog.status === "ready" && catalog.cachedNote ? <p className="flash-dialog__meta">{catalog.cachedNote}</p> : null;
}

/** "Detect board": for ESP boards on a serial port, find the chip and pick its board. */
function DetectLine() {
  const detect = useFlash((s) => s.detect);
  let text = "ESP32 / ESP8266 on a USB cable? Mote can find out which chip it is.";
  let hint: string | undefined;
  if (detect.status === "running") text = "Talking to the board's bootloader… (no answer? hold BOOT and press RESET)";
  if (detect.status === "found") {
    text = detect.boardId ? `Found an ${detect.description}: its board is picked below.` : `Found an ${detect.description}, which is not in the board list: pick its board or a file.`;
  }
  if (detect.status === "failed") {
    const m = describeFlashError(detect.error);
    text = m.text;
    hint = m.hint;
  }
  return (
    <div className="flash-dialog__detect">
      <p className="flash-dialog__meta" role="status" aria-label="Board detection">
        {text}
        {hint ? ` ${hint}` : ""}
      </p>
      <button type="button" onClick={() => void useFlash.getState().detectBoard()} disabled={detect.status === "running"}>
        Detect board
      </button>
    </div>
  );
}
