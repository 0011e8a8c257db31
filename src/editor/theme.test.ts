import { describe, expect, it } from "vitest";
import { FALLBACK_PALETTE, buildTheme, cssColorToHex, readPalette, themeName } from "./theme";

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

describe("light and dark editor themes", () => {
  it("builds on Monaco's light base for light and its dark base for dark, with readable token colours for each", () => {
    const p = readPalette(() => "");
    const light = buildTheme(p, "light");
    const dark = buildTheme(p, "dark");
    expect(light.base).toBe("vs");
    expect(dark.base).toBe("vs-dark");
    const comment = (t: typeof light) => t.rules.find((r) => r.token === "comment")?.foreground;
    expect(comment(light)).not.toBe(comment(dark));
    expect(themeName("light")).not.toBe(themeName("dark"));
  });

  it("takes the editor's own surface (--editor-bg, --editor-line) over the shell's when a palette has one", () => {
    const vars: Record<string, string> = { "--bg": "#eef1f5", "--panel": "#ffffff", "--editor-bg": "#ffffff", "--editor-line": "#f3f5f8" };
    const p = readPalette((n) => vars[n] ?? "");
    expect(p.bg).toBe("#ffffff");
    expect(p.panel).toBe("#f3f5f8");
  });
});
