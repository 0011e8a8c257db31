import { describe, expect, it } from "vitest";
import { applyLineEnding, classifyTerminalKey } from "./input";
import { keydown as key } from "./testing/keys";

describe("classifyTerminalKey", () => {
  it("takes Ctrl-V and Ctrl-Shift-V as paste", () => {
    expect(classifyTerminalKey(key("v", { ctrlKey: true }), false)).toBe("paste");
    expect(classifyTerminalKey(key("V", { ctrlKey: true, shiftKey: true }), false)).toBe("paste");
  });
  it("copies on Ctrl-Shift-C only with a selection", () => {
    expect(classifyTerminalKey(key("C", { ctrlKey: true, shiftKey: true }), true)).toBe("copy");
    expect(classifyTerminalKey(key("C", { ctrlKey: true, shiftKey: true }), false)).toBeNull();
  });
  it("keeps Ctrl-C as interrupt even with a selection, and Ctrl-D as end-of-file", () => {
    expect(classifyTerminalKey(key("c", { ctrlKey: true }), true)).toBe("interrupt");
    expect(classifyTerminalKey(key("d", { ctrlKey: true }), false)).toBe("eof");
  });
  it("ignores plain keys, key-ups and Alt chords", () => {
    expect(classifyTerminalKey(key("v"), false)).toBeNull();
    expect(classifyTerminalKey({ ...key("v", { ctrlKey: true }), type: "keyup" }, false)).toBeNull();
    expect(classifyTerminalKey(key("v", { ctrlKey: true, altKey: true }), false)).toBeNull();
  });
});

describe("applyLineEnding (what Enter sends, from Settings)", () => {
  it("keeps xterm's CR by default and leaves other input untouched", () => {
    expect(applyLineEnding("\r", "cr")).toBe("\r");
    expect(applyLineEnding("print(1)", "lf")).toBe("print(1)");
    expect(applyLineEnding("\x03", "crlf")).toBe("\x03");
  });
  it("turns each Enter into LF or CR LF", () => {
    expect(applyLineEnding("\r", "lf")).toBe("\n");
    expect(applyLineEnding("\r", "crlf")).toBe("\r\n");
    expect(applyLineEnding("a\rb\r", "crlf")).toBe("a\r\nb\r\n");
  });
});
