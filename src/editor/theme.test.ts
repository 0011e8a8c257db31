import { describe, expect, it } from "vitest";
import { FALLBACK_PALETTE, buildTheme, cssColorToHex, readPalette } from "./theme";

describe("cssColorToHex", () => {
  it.each([
    ["#abc", "#aabbcc"],
    [" #AABBCC ", "#aabbcc"],
    ["#aabbcc80", "#aabbcc"],
    ["rgb(255, 0, 16)", "#ff0010"],
    ["rgba(1,2,3,0.5)", "#010203"],
    ["rgb(1 2 3 / 50%)", "#010203"],
  ])("%j -> %j", (input, out) => expect(cssColorToHex(input)).toBe(out));

  it.each(["", "red", "var(--x)", "hsl(0 0% 0%)"])("can't read %j", (input) => expect(cssColorToHex(input)).toBeNull());
});

describe("palette", () => {
  it("uses shell variables where readable and falls back elsewhere", () => {
    const vars: Record<string, string> = { "--bg": "#101010", "--accent": "tomato" };
    const p = readPalette((n) => vars[n] ?? "");
    expect(p).toEqual({ ...FALLBACK_PALETTE, bg: "#101010" });
    const theme = buildTheme(p);
    expect(theme.colors["editor.background"]).toBe("#101010");
    expect(theme.colors["editor.selectionBackground"]).toMatch(/^#[0-9a-f]{8}$/);
  });
});
