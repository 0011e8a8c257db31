import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, clampFontSize, createSettingsStore, readSettings, type SettingsStorage } from "./settings";
import { resolveTheme } from "./theme";

/** localStorage's contract (strings in, strings or null out) over a Map, so each test starts from a known state. */
function memoryStorage(initial: Record<string, string> = {}): SettingsStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return { data, read: (k) => data.get(k) ?? null, write: (k, v) => void data.set(k, v) };
}

describe("settings store", () => {
  it("starts from the defaults: System theme, CR (what xterm sends today), 14/13 px, no format on save", () => {
    const s = createSettingsStore(memoryStorage()).getState();
    expect({ ...s }).toMatchObject(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toEqual({ theme: "system", lineEnding: "cr", editorFontSize: 14, terminalFontSize: 13, formatOnSave: false });
  });

  it("remembers every change, and a new store (the next visit) reads them back", () => {
    const storage = memoryStorage();
    const store = createSettingsStore(storage);
    store.getState().setTheme("light");
    store.getState().setLineEnding("crlf");
    store.getState().setEditorFontSize(18);
    store.getState().setTerminalFontSize(16);
    store.getState().setFormatOnSave(true);
    expect(readSettings(storage)).toEqual({ theme: "light", lineEnding: "crlf", editorFontSize: 18, terminalFontSize: 16, formatOnSave: true });
    expect({ ...createSettingsStore(storage).getState() }).toMatchObject({ theme: "light", editorFontSize: 18, formatOnSave: true });
  });

  it("keeps the editor checkbox's old key and format, so an earlier Format on save choice carries over", () => {
    expect(createSettingsStore(memoryStorage({ formatOnSave: "1" })).getState().formatOnSave).toBe(true);
    const storage = memoryStorage();
    createSettingsStore(storage).getState().setFormatOnSave(true);
    expect(storage.data.get("formatOnSave")).toBe("1");
  });

  it("falls back to defaults for stale or hand-edited values instead of breaking", () => {
    const s = readSettings(memoryStorage({ theme: "solarized", lineEnding: "\\n", editorFontSize: "huge", terminalFontSize: "", formatOnSave: "yes" }));
    expect(s).toEqual({ ...DEFAULT_SETTINGS, formatOnSave: false });
  });

  it("clamps font sizes into 10..28 and rounds them, from the store and from storage", () => {
    const store = createSettingsStore(memoryStorage({ editorFontSize: "99" }));
    expect(store.getState().editorFontSize).toBe(28);
    store.getState().setEditorFontSize(3);
    expect(store.getState().editorFontSize).toBe(10);
    store.getState().setTerminalFontSize(15.6);
    expect(store.getState().terminalFontSize).toBe(16);
    store.getState().setTerminalFontSize(Number.NaN);
    expect(store.getState().terminalFontSize).toBe(16);
    expect(clampFontSize("12", 14)).toBe(12);
    expect(clampFontSize(" ", 14)).toBe(14);
  });

  it("refuses a theme or line ending it does not know (typed input from the DOM is just a string)", () => {
    const store = createSettingsStore(memoryStorage());
    store.getState().setTheme("sepia" as never);
    store.getState().setLineEnding("cr\\n" as never);
    expect(store.getState().theme).toBe("system");
    expect(store.getState().lineEnding).toBe("cr");
  });

  it("writes nothing and notifies no one when a value does not change", () => {
    const storage = memoryStorage();
    const store = createSettingsStore(storage);
    let calls = 0;
    store.subscribe(() => calls++);
    store.getState().setTheme("system");
    store.getState().setEditorFontSize(14);
    expect(calls).toBe(0);
    expect(storage.data.size).toBe(0);
  });

  it("Reset to defaults puts every setting back and remembers that", () => {
    const storage = memoryStorage({ theme: "dark", lineEnding: "lf", editorFontSize: "20", formatOnSave: "1" });
    const store = createSettingsStore(storage);
    store.getState().reset();
    expect(readSettings(storage)).toEqual(DEFAULT_SETTINGS);
  });
});

describe("resolveTheme", () => {
  it.each([
    ["light", true, "light"],
    ["light", false, "light"],
    ["dark", false, "dark"],
    ["dark", null, "dark"],
    ["system", true, "dark"],
    ["system", false, "light"],
    // No preference stated by the OS: Mote's own dark look.
    ["system", null, "dark"],
  ] as const)("%s with the system preferring dark=%s is %s", (choice, systemDark, expected) => {
    expect(resolveTheme(choice, systemDark)).toBe(expected);
  });
});
