/**
 * The chart's colours, read from the theme's CSS variables and resolved to what canvas accepts. The series palette
 * is picked by the panel's brightness, so it follows a theme however the theme is switched.
 */

/** Okabe–Ito-like hues: lighter on dark panels, deeper on light ones, told apart by most colour-blind eyes. */
export const DARK_PALETTE = ["#56b4e9", "#f0a030", "#3fcf9f", "#e58bc0", "#e8dc5a", "#ff8a70", "#a9a1ff", "#b8c2cc"];
export const LIGHT_PALETTE = ["#0b6fb0", "#c25e00", "#008060", "#b0306a", "#7d6a00", "#c0392b", "#5a4fcf", "#4a5560"];
export const PALETTE_SIZE = DARK_PALETTE.length;

export interface Theme {
  series: string[];
  axis: string;
  grid: string;
  font: string;
}

/** Resolves the theme's colours to what canvas accepts, via a hidden probe inside the chart's host. */
export function readTheme(host: HTMLElement): Theme {
  const probe = document.createElement("span");
  probe.style.display = "none";
  host.append(probe);
  const resolve = (value: string) => {
    probe.style.color = "";
    probe.style.color = value;
    return getComputedStyle(probe).color;
  };
  const theme: Theme = {
    series: isLight(resolve("var(--panel, var(--bg, #151a21))")) ? LIGHT_PALETTE : DARK_PALETTE,
    axis: resolve("var(--muted)"),
    grid: resolve("var(--plot-grid, var(--border))"),
    font: `11px ${getComputedStyle(host).getPropertyValue("--font-ui").trim() || "system-ui, sans-serif"}`,
  };
  probe.remove();
  return theme;
}

/** Whether a resolved `rgb(r, g, b)` colour is light (relative luminance above one half). */
export function isLight(rgb: string): boolean {
  const [r, g, b] = (rgb.match(/[\d.]+/g) ?? ["0", "0", "0"]).slice(0, 3).map((c) => {
    const v = Number(c) / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.5;
}
