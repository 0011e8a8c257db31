import { describe, expect, test } from "vitest";
import {
  CONNECTED_TEXT,
  decodeRequest,
  decodeResponse,
  DENIED_TEXT,
  encodeChunk,
  encodeRequest,
  encodeResponse,
  LoginWatch,
  MAX_NAME_BYTES,
  nameProblem,
  Op,
  passwordProblem,
  PASSWORD_PROMPT,
  REQUEST_BYTES,
} from "./protocol";
import { completePrefix, splitBetweenChars } from "./utf8";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("WebREPL wire format", () => {
  test("a put request is 82 bytes laid out as <2sBBQLH64s, little-endian, name NUL-padded", () => {
    const req = encodeRequest(Op.Put, 0x01020304, utf8("/main.py"));
    expect(req.length).toBe(REQUEST_BYTES);
    expect(Array.from(req.subarray(0, 4))).toEqual([0x57, 0x41, 1, 0]);
    expect(Array.from(req.subarray(4, 12))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(req.subarray(12, 16))).toEqual([4, 3, 2, 1]);
    expect(Array.from(req.subarray(16, 18))).toEqual([8, 0]);
    expect(new TextDecoder().decode(req.subarray(18, 26))).toBe("/main.py");
    expect(req.subarray(26).every((b) => b === 0)).toBe(true);
    const back = decodeRequest(req);
    expect(back).toMatchObject({ signature: "WA", op: Op.Put, size: 0x01020304, nameLength: 8 });
    expect(new TextDecoder().decode(back.name)).toBe("/main.py");
  });

  test("names: 63 bytes travel, 64 do not (the board needs a NUL in its 64-byte field); NUL and non-UTF-8 refused", () => {
    const longest = utf8(`/${"a".repeat(MAX_NAME_BYTES - 1)}`);
    expect(longest.length).toBe(63);
    expect(nameProblem(longest)).toBeNull();
    expect(() => encodeRequest(Op.Get, 0, longest)).not.toThrow();
    const tooLong = utf8(`/${"a".repeat(MAX_NAME_BYTES)}`);
    expect(nameProblem(tooLong)).toMatch(/64 bytes long; WebREPL carries at most 63/);
    expect(() => encodeRequest(Op.Put, 1, tooLong)).toThrow(/at most 63/);
    // Counted in bytes, not characters: 32 two-byte letters are 64 bytes.
    expect(nameProblem(utf8("é".repeat(32)))).toMatch(/64 bytes/);
    expect(nameProblem(Uint8Array.of(0x2f, 0x61, 0, 0x62))).toMatch(/NUL/);
    expect(nameProblem(Uint8Array.of(0x2f, 0xff))).toMatch(/not UTF-8/);
    expect(nameProblem(new Uint8Array(0))).toMatch(/empty/);
    expect(() => encodeRequest(Op.GetVersion, 0)).not.toThrow();
  });

  test("responses are WB + u16 status; anything else is not a response", () => {
    expect(Array.from(encodeResponse(0))).toEqual([0x57, 0x42, 0, 0]);
    expect(decodeResponse(encodeResponse(0x0102))).toBe(0x0102);
    expect(decodeResponse(Uint8Array.of(0x57, 0x41, 0, 0))).toBeNull();
    expect(decodeResponse(Uint8Array.of(0x57, 0x42, 0))).toBeNull();
  });

  test("get chunks carry a u16 length and at most 256 bytes", () => {
    expect(Array.from(encodeChunk(Uint8Array.of(9, 8)))).toEqual([2, 0, 9, 8]);
    expect(Array.from(encodeChunk(new Uint8Array(256)).subarray(0, 2))).toEqual([0, 1]);
    expect(() => encodeChunk(new Uint8Array(257))).toThrow();
  });

  test("passwords: 1..9 bytes without line breaks", () => {
    expect(passwordProblem("secret")).toBeNull();
    expect(passwordProblem("123456789")).toBeNull();
    expect(passwordProblem("1234567890")).toMatch(/4 to 9 characters/);
    expect(passwordProblem("")).toMatch(/password/);
    expect(passwordProblem("ab\rc")).toMatch(/line break/);
  });

  test("login watch: prompt and outcome found however the text is split", () => {
    const whole = `${PASSWORD_PROMPT}${CONNECTED_TEXT}hello`;
    for (let cut = 1; cut < whole.length; cut++) {
      const w = new LoginWatch();
      const first = w.feed(whole.slice(0, cut));
      const done = first.some((e) => e.kind === "accepted");
      const events = [...first, ...w.feed(whole.slice(cut))];
      expect(events.map((e) => e.kind)).toEqual(["prompt", "accepted"]);
      // Text after acceptance belongs to the terminal: part in `rest`, the rest in frames the watch no longer sees.
      const accepted = events[1] as { rest: string };
      expect(accepted.rest + (done ? whole.slice(cut) : "")).toBe("hello");
    }
    const denied = new LoginWatch();
    expect([...denied.feed("Pass"), ...denied.feed("word: "), ...denied.feed(DENIED_TEXT)].map((e) => e.kind)).toEqual([
      "prompt",
      "denied",
    ]);
    // "Access denied" before any prompt is not an answer to a password we never sent.
    expect(new LoginWatch().feed(DENIED_TEXT)).toEqual([]);
  });

  test("utf8: prefixes and pieces end between characters", () => {
    const b = utf8("aé€😀");
    expect(completePrefix(b)).toBe(b.length);
    for (let cut = 0; cut <= b.length; cut++) {
      const prefix = b.subarray(0, cut);
      const n = completePrefix(prefix);
      expect(() => new TextDecoder("utf-8", { fatal: true }).decode(prefix.subarray(0, n))).not.toThrow();
      expect(cut - n).toBeLessThanOrEqual(3);
    }
    const text = utf8("€".repeat(100));
    const pieces = splitBetweenChars(text, 16);
    expect(pieces.every((p) => p.length <= 16 && p.length % 3 === 0)).toBe(true);
    expect(pieces.reduce((n, p) => n + p.length, 0)).toBe(text.length);
  });
});
