/** The time windows the plotter offers, widest last. */
export interface PlotWindow {
  key: string;
  label: string;
  /** Width in ms; null shows everything kept. */
  ms: number | null;
  /** For the chart's accessible name: "over the last 30 seconds". */
  words: string;
}

export const WINDOWS: readonly PlotWindow[] = [
  { key: "10s", label: "10 s", ms: 10_000, words: "over the last 10 seconds" },
  { key: "30s", label: "30 s", ms: 30_000, words: "over the last 30 seconds" },
  { key: "1m", label: "1 min", ms: 60_000, words: "over the last minute" },
  { key: "5m", label: "5 min", ms: 300_000, words: "over the last 5 minutes" },
  { key: "all", label: "All", ms: null, words: "everything recorded" },
];

const DEFAULT_KEY = "30s";

/** The window with `key`, or the default (30 s) for an unknown or missing key. */
export function windowByKey(key: string | null): PlotWindow {
  return WINDOWS.find((w) => w.key === key) ?? WINDOWS.find((w) => w.key === DEFAULT_KEY)!;
}

export function describeWindow(key: string): string {
  return windowByKey(key).words;
}
