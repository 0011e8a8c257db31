/**
 * CSV export of everything the recorder keeps: a time column (seconds since the first sample, to the millisecond)
 * and one column per series in first-appearance order, each cell the number exactly as the board printed it, empty
 * where that series had no reading at that instant. RFC 4180: CRLF line ends, quotes only where needed.
 */
import type { Series } from "./recorder";

export const TIME_COLUMN = "time_s";

/** A cell as CSV: quoted when it holds a separator, a quote, a line break or edge spaces. */
export function csvCell(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A column name: names come from the board, so one that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`)
 * is written with a leading apostrophe. The parser's name rules already refuse those; this holds even if they change.
 */
export function csvName(name: string): string {
  return csvCell(/^[=+\-@\t\r]/.test(name) ? `'${name}` : name);
}

export function plotCsv(series: readonly Series[]): string {
  const lines = [[TIME_COLUMN, ...series.map((s) => csvName(s.name))].join(",")];
  const at = series.map(() => 0);
  for (;;) {
    let t = Infinity;
    for (let k = 0; k < series.length; k++) if (at[k] < series[k].ring.length) t = Math.min(t, series[k].ring.timeAt(at[k]));
    if (t === Infinity) break;
    const cells = [(t / 1000).toFixed(3)];
    for (let k = 0; k < series.length; k++) {
      const ring = series[k].ring;
      if (at[k] < ring.length && ring.timeAt(at[k]) === t) cells.push(csvCell(ring.textAt(at[k]++)));
      else cells.push("");
    }
    lines.push(cells.join(","));
  }
  return lines.join("\r\n") + "\r\n";
}

/** `mote-plot-2026-03-14-152233.csv`, from the local time of `date`. */
export function csvFileName(date: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  const day = `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}`;
  return `mote-plot-${day}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}.csv`;
}
