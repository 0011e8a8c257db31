// Settings: every choice applies the moment it is made (no Save button to forget) and is remembered across visits.
import { useEffect, useId, useState } from "react";
import { BAUD_RATES, isLinked, useConnection } from "../store/connection";
import {
  FONT_SIZE_MAX,
  FONT_SIZE_MIN,
  LINE_ENDINGS,
  THEME_CHOICES,
  settingsStore,
  useSettings,
  type LineEnding,
  type ThemeChoice,
} from "../store/settings";
import { useResolvedTheme } from "../store/theme";
import { closeDialog } from "./dialogs";
import { Modal } from "../ui/Modal";

const THEME_LABELS: Record<ThemeChoice, string> = { system: "System", light: "Light", dark: "Dark" };
const ENDING_LABELS: Record<LineEnding, string> = { cr: "CR (MicroPython)", lf: "LF", crlf: "CR LF" };

export function SettingsDialog() {
  const s = useSettings((st) => st);
  const resolved = useResolvedTheme();
  const baud = useConnection((c) => c.baud);
  const linked = useConnection((c) => isLinked(c.connection) && c.board === "serial");
  const set = settingsStore.getState();

  return (
    <Modal title="Settings" onClose={closeDialog} className="settings-dialog">
      <div className="settings-dialog__body">
        <fieldset className="settings-dialog__group">
          <legend>Theme</legend>
          <div className="settings-dialog__segmented">
            {THEME_CHOICES.map((choice) => (
              <label key={choice} data-checked={s.theme === choice}>
                <input
                  type="radio"
                  name="mote-theme"
                  value={choice}
                  checked={s.theme === choice}
                  onChange={() => set.setTheme(choice)}
                  data-autofocus={s.theme === choice ? true : undefined}
                />
                {THEME_LABELS[choice]}
              </label>
            ))}
          </div>
          <p className="settings-dialog__hint">
            {s.theme === "system" ? `Follows your system: ${resolved} now.` : `Always ${resolved}.`}
          </p>
        </fieldset>

        <FontSizeField label="Editor font size" value={s.editorFontSize} onApply={set.setEditorFontSize} />
        <FontSizeField label="Terminal font size" value={s.terminalFontSize} onApply={set.setTerminalFontSize} />

        <label className="settings-dialog__row">
          <span>Enter sends</span>
          <select aria-label="Enter sends" value={s.lineEnding} onChange={(e) => set.setLineEnding(e.target.value as LineEnding)}>
            {LINE_ENDINGS.map((ending) => (
              <option key={ending} value={ending}>
                {ENDING_LABELS[ending]}
              </option>
            ))}
          </select>
        </label>

        <label className="settings-dialog__row">
          <span>Serial baud rate</span>
          <select
            aria-label="Serial baud rate"
            value={baud}
            disabled={linked}
            onChange={(e) => useConnection.getState().setBaud(Number(e.target.value))}
          >
            {BAUD_RATES.map((b) => (
              <option key={b} value={b}>
                {b} baud
              </option>
            ))}
          </select>
        </label>
        {linked ? <p className="settings-dialog__hint">Disconnect the serial board to change its baud rate.</p> : null}

        <label className="settings-dialog__row settings-dialog__check">
          <input type="checkbox" checked={s.formatOnSave} onChange={(e) => set.setFormatOnSave(e.target.checked)} />
          <span>Format on save (Ruff formats Python files when you save)</span>
        </label>
      </div>
      <footer className="settings-dialog__footer">
        <button type="button" className="btn" onClick={() => set.reset()}>
          Reset to defaults
        </button>
        <button type="button" className="btn btn-run" onClick={closeDialog}>
          Done
        </button>
      </footer>
    </Modal>
  );
}

/**
 * A number field that applies every valid value as it is typed, and on leaving puts back the value in force, so a
 * half-typed or out-of-range number never reaches the editor and nothing typed is silently kept as something else.
 */
function FontSizeField({ label, value, onApply }: { label: string; value: number; onApply: (n: number) => void }) {
  const hintId = useId();
  const [draft, setDraft] = useState(String(value));
  useEffect(() => setDraft(String(value)), [value]);
  const n = Number(draft);
  const valid = draft.trim() !== "" && Number.isInteger(n) && n >= FONT_SIZE_MIN && n <= FONT_SIZE_MAX;
  return (
    <label className="settings-dialog__row">
      <span>{label}</span>
      <input
        type="number"
        aria-label={label}
        aria-describedby={hintId}
        aria-invalid={!valid}
        min={FONT_SIZE_MIN}
        max={FONT_SIZE_MAX}
        step={1}
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value);
          const v = Number(e.target.value);
          if (e.target.value.trim() !== "" && Number.isInteger(v) && v >= FONT_SIZE_MIN && v <= FONT_SIZE_MAX) onApply(v);
        }}
        onBlur={() => setDraft(String(value))}
      />
      <span id={hintId} className={valid ? "settings-dialog__unit" : "settings-dialog__unit settings-dialog__invalid"}>
        {valid ? "px" : `${FONT_SIZE_MIN} to ${FONT_SIZE_MAX} px; ${value} is kept`}
      </span>
    </label>
  );
}
