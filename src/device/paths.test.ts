import { describe, expect, it } from "vitest";
import { basename, displayName, fromBytes, isWithin, join, normalize, parent, pyPath, toBytes } from "./paths";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("board paths", () => {
  it.each([
    ["a.py", "/", "/a.py"],
    ["a.py", "/flash", "/flash/a.py"],
    ["./lib//x.py", "/flash", "/flash/lib/x.py"],
    ["/lib/./x/../y.py", "/flash", "/lib/y.py"],
    ["..", "/flash", "/"],
    ["", "/flash", "/flash"],
    ["a'b\"c", "/", "/a'b\"c"],
    ["back\\slash", "/", "/back\\slash"],
    ["new\nline", "/", "/new\nline"],
    ["ünï€😀.py", "/", "/ünï€😀.py"],
    ["-rf", "/", "/-rf"],
    ["...", "/", "/..."],
    ["d/", "/", "/d"],
  ])("normalizes %j against %j to %j", (path, cwd, want) => {
    expect(normalize(path, cwd)).toBe(want);
  });

  it.each(["..", "../x", "/..", "a/../../x", "/flash/../../x"])("refuses %j, which climbs above the root", (path) => {
    expect(() => normalize(path, "/")).toThrow(expect.objectContaining({ code: "Unsupported", message: expect.stringContaining("climbs above") }));
  });

  it("refuses NUL and names over 255 UTF-8 bytes, accepts exactly 255", () => {
    expect(() => normalize("/a\0b")).toThrow(expect.objectContaining({ code: "Unsupported", message: expect.stringContaining("NUL") }));
    expect(normalize(`/${"a".repeat(255)}`)).toBe(`/${"a".repeat(255)}`);
    expect(() => normalize(`/${"a".repeat(256)}`)).toThrow(expect.objectContaining({ message: expect.stringContaining("256 bytes") }));
    // 85 three-byte characters are 255 bytes; one more two-byte character is too many.
    expect(normalize(`/${"€".repeat(85)}`)).toBe(`/${"€".repeat(85)}`);
    expect(() => normalize(`/${"€".repeat(85)}é`)).toThrow(expect.objectContaining({ message: expect.stringContaining("257 bytes") }));
    // A name the board already reported is let through whatever its length, so it can still be deleted.
    expect(normalize(`/d/${"a".repeat(300)}`, "/", { existing: true })).toBe(`/d/${"a".repeat(300)}`);
    expect(() => normalize("/a\0b", "/", { existing: true })).toThrow(expect.objectContaining({ code: "Unsupported" }));
    // Undecodable bytes count one each, as on the board.
    expect(() => normalize(`/${"\udcff".repeat(256)}`)).toThrow(expect.objectContaining({ code: "Unsupported" }));
  });

  it("joins, and takes parents and basenames", () => {
    expect(join("/lib", "a", "b.py")).toBe("/lib/a/b.py");
    expect(join("/lib", "/abs", "c")).toBe("/abs/c");
    expect(() => join("/", "..", "x")).toThrow(expect.objectContaining({ code: "Unsupported" }));
    expect(parent("/lib/a/b.py")).toBe("/lib/a");
    expect(parent("/x")).toBe("/");
    expect(parent("/")).toBe("/");
    expect(basename("/lib/a/b.py")).toBe("b.py");
    expect(basename("/")).toBe("");
    expect(isWithin("/lib/a", "/lib")).toBe(true);
    expect(isWithin("/lib", "/lib")).toBe(true);
    expect(isWithin("/library", "/lib")).toBe(false);
    expect(isWithin("/anything", "/")).toBe(true);
  });

  it.each([
    ["plain", "706c61696e"],
    ["ü€😀", "c3bce282acf09f9880"],
    ["a\udcffb", "61ff62"],
    ["\udc80\udcc3\udca9", "80c3a9"], // escapes are bytes, even when they spell valid UTF-8 (as Python's encode does)
  ])("encodes %j to bytes %s", (s, want) => {
    expect(hex(toBytes(s))).toBe(want);
  });

  it("refuses lone surrogates that are not escapes", () => {
    expect(() => toBytes("a\ud800b")).toThrow(expect.objectContaining({ code: "Unsupported" }));
    expect(() => toBytes("\udc41")).toThrow(expect.objectContaining({ code: "Unsupported" }));
  });

  it.each([
    ["61ff62", "a\udcffb"],
    ["c0af", "\udcc0\udcaf"], // overlong "/"
    ["eda080", "\udced\udca0\udc80"], // an encoded surrogate
    ["f4908080", "\udcf4\udc90\udc80\udc80"], // above U+10FFFF
    ["e282", "\udce2\udc82"], // truncated sequence
    ["e28241", "\udce2\udc82A"],
    ["f09f9880", "😀"],
    ["ff", "\udcff"],
  ])("decodes bytes %s as surrogateescape gives %j", (h, want) => {
    expect(fromBytes(Buffer.from(h, "hex"))).toBe(want);
  });

  it("round-trips every byte string losslessly (seeded random bytes, biased to UTF-8 lead and continuation bytes)", () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) / 0x1000000;
    const pool = [0x41, 0x2f, 0x80, 0xbf, 0xc2, 0xc3, 0xe0, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0xa0, 0x90];
    for (let i = 0; i < 3000; i++) {
      const b = Uint8Array.from({ length: 1 + Math.floor(rand() * 12) }, () => (rand() < 0.6 ? pool[Math.floor(rand() * pool.length)] : Math.floor(rand() * 256)));
      const s = fromBytes(b);
      expect(hex(toBytes(s))).toBe(hex(b));
      expect(fromBytes(toBytes(s))).toBe(s);
    }
  });

  it("agrees with TextDecoder on valid UTF-8", () => {
    const text = "héllo wörld € 😀 \u0000 \u07ff \uffff";
    expect(fromBytes(new TextEncoder().encode(text))).toBe(text);
    expect(hex(toBytes(text))).toBe(hex(new TextEncoder().encode(text)));
  });

  it.each([
    ["plain.py", "plain.py"],
    ["new\nline", "new\\nline"],
    ["tab\tcr\r", "tab\\tcr\\r"],
    ["bell\x07", "bell\\x07"],
    ["a\udcffb", "a\\xffb"],
    ["back\\slash", "back\\\\slash"],
    ["evil\u202etxt.exe", "evil\\u202etxt.exe"],
    ["ünï€😀", "ünï€😀"],
  ])("displays %j as %j", (name, want) => {
    expect(displayName(name)).toBe(want);
  });

  it("never displays two different names the same way", () => {
    expect(displayName("\\xff")).not.toBe(displayName("\udcff"));
    expect(displayName("\\n")).not.toBe(displayName("\n"));
  });

  it.each([
    ["/a'b\"c", "b'/a\\'b\"c'"],
    ["/back\\slash", "b'/back\\\\slash'"],
    ["/new\nline", "b'/new\\x0aline'"],
    ["/ü", "b'/\\xc3\\xbc'"],
    ["/x\udcff", "b'/x\\xff'"],
  ])("gives %j to the board as the bytes literal %s", (path, want) => {
    expect(pyPath(path)).toBe(want);
  });
});
