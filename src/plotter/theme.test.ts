import { describe, expect, it } from "vitest";
import { DARK_PALETTE, LIGHT_PALETTE, isLight } from "./theme";

describe("theme", () => {
  it("tells light panels from dark ones by luminance", () => {
    expect(isLight("rgb(21, 26, 33)")).toBe(false); // the dark theme's --panel
    expect(isLight("rgb(247, 248, 250)")).toBe(true);
    expect(isLight("rgb(255, 255, 255)")).toBe(true);
    expect(isLight("rgba(0, 0, 0, 0)")).toBe(false);
  });

  it("has one colour per series slot in each palette, all distinct", () => {
    for (const palette of [DARK_PALETTE, LIGHT_PALETTE]) {
      expect(palette).toHaveLength(8);
      expect(new Set(palette).size).toBe(8);
    }
  });
});
