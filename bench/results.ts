import { writeFileSync } from "node:fs";

/** One figure of `npm run bench`: a value, its unit, and what it is compared with (if anything). */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The baseline this figure is a ratio to, or a goal it is judged against, in words. */
  baseline?: string;
  /** value / baseline as a plain ratio, where there is one. */
  ratio?: number;
  goal?: string;
  ok?: boolean;
  note?: string;
}

export function printTable(figures: Figure[]): void {
  const rows = figures.map((f) => [
    f.name,
    `${round(f.value)} ${f.unit}`,
    f.ratio === undefined ? "" : `${round(f.ratio)}×`,
    f.baseline ?? "",
    f.goal ? `${f.goal} ${f.ok === undefined ? "" : f.ok ? "✓" : "✗"}` : "",
  ]);
  const head = ["figure", "value", "ratio", "compared with", "goal"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join("  ");
  console.log(line(head));
  console.log(widths.map((w) => "─".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

export function writeResults(path: string, figures: Figure[]): void {
  writeFileSync(path, JSON.stringify({ date: new Date().toISOString(), figures }, null, 2) + "\n");
}

export const round = (n: number) => (Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 100) / 100);

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
