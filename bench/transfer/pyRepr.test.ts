import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseBytesRepr, pyBytesRepr } from "./pyRepr";

// The baselines must put on the wire exactly what CPython's repr() would (mpremote sends that): compare with it.
const cases = [
  Uint8Array.from({ length: 256 }, (_, i) => i),
  new TextEncoder().encode(`it's a "quote" \\ and\ttabs\r\n`),
  new TextEncoder().encode("only ' single"),
  new Uint8Array(0),
  Uint8Array.from({ length: 300 }, (_, i) => (i * 7919 + 13) & 255),
];

describe("Python bytes repr (bench baselines)", () => {
  it("matches CPython's repr() byte for byte and parses back", () => {
    const hex = cases.map((c) => Buffer.from(c).toString("hex")).join(",");
    const script = "import sys\nfor h in sys.argv[1].split(','): print(repr(bytes.fromhex(h)))";
    const lines = execFileSync("python3", ["-c", script, hex], { encoding: "latin1" }).split("\n");
    cases.forEach((c, i) => {
      expect(pyBytesRepr(c)).toBe(lines[i]);
      expect(parseBytesRepr(lines[i])).toEqual(c);
    });
  });

  it("refuses text that is not a bytes literal", () => {
    expect(() => parseBytesRepr("'abc'")).toThrow(/not a bytes literal/);
  });
});
