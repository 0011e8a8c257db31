import { describe, expect, it } from "vitest";
import { latin1 } from "./bytes";
import { parsePyBytesRepr, pyBytes } from "./pyLiteral";

describe("parsePyBytesRepr", () => {
  it("reads the reprs a board prints", () => {
    expect(latin1(parsePyBytesRepr("b'abc'")!)).toBe("abc");
    expect(latin1(parsePyBytesRepr(`b"it's"`)!)).toBe("it's");
    expect(latin1(parsePyBytesRepr("b'a\\'b\\\\c\\n\\r\\t\\x00\\xff'")!)).toBe("a'b\\c\n\r\t\x00\xff");
    expect(parsePyBytesRepr("b''")).toEqual(new Uint8Array());
  });

  it("round-trips every byte value written by pyBytes", () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(parsePyBytesRepr(pyBytes(all))).toEqual(all);
  });

  it("refuses anything that is not exactly one bytes literal", () => {
    for (const bad of ["abc", "'abc'", "b'abc", "b'a'b'", "b'\\x4'", "b'\\q'", "b'tab\there'", "b'ü'", "b'end\\'"]) {
      expect(parsePyBytesRepr(bad), bad).toBeNull();
    }
  });
});
