// The person's settings (Settings dialog): theme, what Enter sends to the board, font sizes, format on save. Each is
// remembered through prefs.ts and read back validated, so a stale or hand-edited value falls back to the default
// instead of breaking the app. The serial baud rate is a setting too, but it lives in store/connection.ts (the
// toolbar's baud choice and the dialog's are the same value).
import { useStore } from "zustand";
import { createStore, type StoreApi } from "zustand/vanilla";
import type { LineEnding } from "../terminal/input";
import { readPref, writePref } from "./prefs";

export type ThemeChoice = "system" | "light" | "dark";
export const THEME_CHOICES: readonly ThemeChoice[] = ["system", "light", "dark"];

/** What the terminal sends when Enter is pressed. MicroPython's REPL expects CR, which is what xterm sends. */
export type { LineEnding };
export const LINE_ENDINGS: readonly LineEnding[] = ["cr", "lf", "crlf"];

export const FONT_SIZE_MIN = 10;
export const FONT_SIZE_MAX = 28;

export interface Settings {
  theme: ThemeChoice;
  lineEnding: LineEnding;
  editorFontSize: number;
  terminalFontSize: number;
  formatOnSave: boolean;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = {
  theme: "system",
  lineEnding: "cr",
  // What the editor and the terminal used before there were settings.
  editorFontSize: 14,
  terminalFontSize: 13,
  formatOnSave: false,
};

export interface SettingsState extends Settings {
  setTheme(theme: ThemeChoice): void;
  setLineEnding(ending: LineEnding): void;
  setEditorFontSize(size: number): void;
  setTerminalFontSize(size: number): void;
  setFormatOnSave(on: boolean): void;
  /** Every setting back to its default (the baud rate is not touched). */
  reset(): void;
}

/** Where settings are remembered; prefs.ts (localStorage) in the app, a Map in tests. */
export interface SettingsStorage {
  read(key: string): string | null;
  write(key: string, value: string): void;
}

const KEYS = {
  theme: "theme",
  lineEnding: "lineEnding",
  editorFontSize: "editorFontSize",
  terminalFontSize: "terminalFontSize",
  // The key the editor's status-line checkbox used before Settings existed, so that choice carries over.
  formatOnSave: "formatOnSave",
} as const satisfies Record<keyof Settings, string>;

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/** A font size as a whole number within bounds; anything unreadable is the fallback. */
export function clampFontSize(value: unknown, fallback: number): number {
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(n) || (typeof value === "string" && value.trim() === "")) return fallback;
  return Math.min(FONT_SIZE_MAX, Math.max(FONT_SIZE_MIN, Math.round(n)));
}

export function readSettings(storage: SettingsStorage): Settings {
  const d = DEFAULT_SETTINGS;
  const fmt = storage.read(KEYS.formatOnSave);
  return {
    theme: oneOf(storage.read(KEYS.theme), THEME_CHOICES, d.theme),
    lineEnding: oneOf(storage.read(KEYS.lineEnding), LINE_ENDINGS, d.lineEnding),
    editorFontSize: clampFontSize(storage.read(KEYS.editorFontSize) ?? d.editorFontSize, d.editorFontSize),
    terminalFontSize: clampFontSize(storage.read(KEYS.terminalFontSize) ?? d.terminalFontSize, d.terminalFontSize),
    formatOnSave: fmt === null ? d.formatOnSave : fmt === "1",
  };
}

function serialise(key: keyof Settings, value: Settings[keyof Settings]): string {
  if (key === "formatOnSave") return value ? "1" : "0";
  return String(value);
}

export function createSettingsStore(storage: SettingsStorage): StoreApi<SettingsState> {
  return createStore<SettingsState>()((set, get) => {
    const put = <K extends keyof Settings>(key: K, value: Settings[K]) => {
      if (get()[key] === value) return;
      storage.write(KEYS[key], serialise(key, value));
      set({ [key]: value } as Pick<Settings, K>);
    };
    return {
      ...readSettings(storage),
      setTheme: (theme) => put("theme", oneOf(theme, THEME_CHOICES, get().theme)),
      setLineEnding: (ending) => put("lineEnding", oneOf(ending, LINE_ENDINGS, get().lineEnding)),
      setEditorFontSize: (size) => put("editorFontSize", clampFontSize(size, get().editorFontSize)),
      setTerminalFontSize: (size) => put("terminalFontSize", clampFontSize(size, get().terminalFontSize)),
      setFormatOnSave: (on) => put("formatOnSave", on),
      reset() {
        for (const key of Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>) put(key, DEFAULT_SETTINGS[key]);
      },
    };
  });
}

export const settingsStore = createSettingsStore({ read: readPref, write: writePref });

/** React hook over settingsStore; non-React code uses settingsStore.getState(). */
export const useSettings = <T,>(pick: (s: SettingsState) => T): T => useStore(settingsStore, pick);
