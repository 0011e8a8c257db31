import { describe, expect, it, vi } from "vitest";
import { SHORTCUTS, installShortcuts, matchShortcut } from "./shortcuts";
import { keydown as key } from "../terminal/testing/keys";

const noSel = { terminalSelection: false };

describe("matchShortcut", () => {
  it("maps F5, Ctrl-S and Ctrl-Shift-C", () => {
    expect(matchShortcut(key("F5"), noSel)).toBe("run");
    expect(matchShortcut(key("s", { ctrlKey: true }), noSel)).toBe("save");
    expect(matchShortcut(key("s", { metaKey: true }), noSel)).toBe("save");
    expect(matchShortcut(key("C", { ctrlKey: true, shiftKey: true }), noSel)).toBe("stop");
  });

  it("leaves Ctrl-Shift-C to the terminal when it has a selection", () => {
    expect(matchShortcut(key("C", { ctrlKey: true, shiftKey: true }), { terminalSelection: true })).toBeNull();
  });

  it("ignores plain Ctrl-C, typing, and Ctrl-Shift-S", () => {
    expect(matchShortcut(key("c", { ctrlKey: true }), noSel)).toBeNull();
    expect(matchShortcut(key("s"), noSel)).toBeNull();
    expect(matchShortcut(key("S", { ctrlKey: true, shiftKey: true }), noSel)).toBeNull();
  });
});

describe("installShortcuts", () => {
  it("prevents the browser default, runs the action once per press, and uninstalls", () => {
    let handler: ((e: KeyboardEvent) => void) | undefined;
    const target = {
      addEventListener: vi.fn((_t: string, h: (e: KeyboardEvent) => void) => (handler = h)),
      removeEventListener: vi.fn(),
    };
    const actions = { run: vi.fn(), save: vi.fn(), stop: vi.fn(), settings: vi.fn(), help: vi.fn() };
    const off = installShortcuts(target as never, () => noSel, actions);
    const ev = (k: string, repeat = false) =>
      ({ ...key(k), repeat, preventDefault: vi.fn(), stopPropagation: vi.fn() }) as unknown as KeyboardEvent;
    const e1 = ev("F5");
    handler!(e1);
    expect(e1.preventDefault).toHaveBeenCalled();
    handler!(ev("F5", true));
    expect(actions.run).toHaveBeenCalledTimes(1);
    const plain = ev("a");
    handler!(plain);
    expect(plain.preventDefault).not.toHaveBeenCalled();
    off();
    expect(target.removeEventListener).toHaveBeenCalledWith("keydown", handler, true);
  });
});

describe("SHORTCUTS (the table the help dialog lists)", () => {
  it("lists every action once, and each listed key triggers its own action", () => {
    const actions = SHORTCUTS.map((s) => s.action);
    expect(new Set(actions).size).toBe(actions.length);
    const pressed: Record<string, ReturnType<typeof key>> = {
      F5: key("F5"),
      "Ctrl-Shift-C": key("C", { ctrlKey: true, shiftKey: true }),
      "Ctrl-S": key("s", { ctrlKey: true }),
      "Ctrl-,": key(",", { ctrlKey: true }),
      F1: key("F1"),
    };
    for (const s of SHORTCUTS) {
      expect(pressed[s.keys], `no test key for ${s.keys}`).toBeDefined();
      expect(matchShortcut(pressed[s.keys], noSel)).toBe(s.action);
    }
  });

  it("opens the help with F1 and Settings with Ctrl-, (Cmd-, on a Mac), leaving Ctrl-/ to the editor", () => {
    expect(matchShortcut(key("F1"), noSel)).toBe("help");
    expect(matchShortcut(key(",", { metaKey: true }), noSel)).toBe("settings");
    expect(matchShortcut(key("/", { ctrlKey: true }), noSel)).toBeNull();
    expect(matchShortcut(key("F1", { shiftKey: true }), noSel)).toBeNull();
  });
});
