/**
 * Builds what the chart draws for a time window: one shared x column and one y column per series, as uPlot's
 * aligned data wants. Pure. The window is always chosen by arrival time; x is either that time (seconds since the
 * first sample) or the row's line number, which spreads out lines that arrived together in one burst.
 *
 * Series are sampled at the rows they came in, so a positional row gives every series the same instant and a
 * `name:value` row only some; the merge puts a gap (null) where a series has no sample at an instant. When the
 * window holds more samples than the chart has pixel columns, each column keeps each series' lowest and highest
 * value, in the order they happened: what a line drawn through every sample would show at that width, for a cost
 * bounded by the width instead of by the number of samples.
 */
import type { SampleRing } from "./ring";

export type XAxis = "time" | "line";

export interface AlignedWindow {
  /** Seconds since the first sample, or line numbers. */
  x: number[];
  /** One column per ring, null where the series has no (finite) value. */
  y: Array<Array<number | null>>;
  /** The x span the window covers, in the units of `x`. */
  range: [number, number];
  /** True when columns hold min/max pairs rather than every sample. */
  decimated: boolean;
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

interface Slice {
  ring: SampleRing;
  lo: number;
  hi: number;
}

function slicesOf(rings: readonly SampleRing[], fromMs: number, toMs: number): Slice[] {
  // Times are at least 1 µs apart (the recorder's rule), so this upper bound includes a sample exactly at toMs.
  return rings.map((ring) => ({ ring, lo: ring.lowerBound(fromMs), hi: ring.lowerBound(toMs + 1e-4) }));
}

/**
 * The samples of `rings` with times in [fromMs, toMs], aligned, with x by time or by line. `columns` is the
 * chart's width in pixels: past two samples per column in any series, the window is decimated to min/max pairs.
 */
export function alignWindow(
  rings: readonly SampleRing[],
  fromMs: number,
  toMs: number,
  columns: number,
  by: XAxis = "time",
): AlignedWindow {
  const slices = slicesOf(rings, fromMs, toMs);
  const span = by === "time" ? ([fromMs, toMs] as [number, number]) : lineSpan(slices);
  const range: [number, number] = by === "time" ? [fromMs / 1000, toMs / 1000] : span;
  const widest = Math.max(0, ...slices.map((s) => s.hi - s.lo));
  const buckets = Math.max(1, Math.floor(columns));
  if (widest <= 2 * buckets || span[1] <= span[0]) return { ...merge(slices, by), range, decimated: false };
  return { ...decimate(slices, span, buckets, by), range, decimated: true };
}

/** First and last line number in the window. */
function lineSpan(slices: Slice[]): [number, number] {
  let first = Infinity;
  let last = -Infinity;
  for (const s of slices) {
    if (s.hi <= s.lo) continue;
    first = Math.min(first, s.ring.lineAt(s.lo));
    last = Math.max(last, s.ring.lineAt(s.hi - 1));
  }
  return first === Infinity ? [0, 0] : [first, last];
}

/** Every sample, merged on its row (time and line number are both unique per row). */
function merge(slices: Slice[], by: XAxis): Pick<AlignedWindow, "x" | "y"> {
  const x: number[] = [];
  const y: Array<Array<number | null>> = slices.map(() => []);
  const at = slices.map((s) => s.lo);
  const pos = (s: Slice, i: number) => (by === "time" ? s.ring.timeAt(i) : s.ring.lineAt(i));
  for (;;) {
    let p = Infinity;
    for (let k = 0; k < slices.length; k++) if (at[k] < slices[k].hi) p = Math.min(p, pos(slices[k], at[k]));
    if (p === Infinity) break;
    x.push(by === "time" ? p / 1000 : p);
    for (let k = 0; k < slices.length; k++) {
      const s = slices[k];
      if (at[k] < s.hi && pos(s, at[k]) === p) {
        y[k].push(finite(s.ring.valueAt(at[k])));
        at[k]++;
      } else {
        y[k].push(null);
      }
    }
  }
  return { x, y };
}

/** Per pixel column: each series' two extremes, earlier first, at a quarter and three quarters of the column. */
function decimate(slices: Slice[], span: [number, number], buckets: number, by: XAxis): Pick<AlignedWindow, "x" | "y"> {
  const [from, to] = span;
  const width = (to - from) / buckets;
  const first = slices.map(() => new Array<number | null>(buckets).fill(null));
  const second = slices.map(() => new Array<number | null>(buckets).fill(null));
  const used = new Uint8Array(buckets);
  slices.forEach((s, k) => extremes(s, from, width, buckets, by, first[k], second[k], used));
  const x: number[] = [];
  const y: Array<Array<number | null>> = slices.map(() => []);
  const unit = by === "time" ? 1000 : 1;
  for (let b = 0; b < buckets; b++) {
    if (!used[b]) continue;
    x.push((from + (b + 0.25) * width) / unit, (from + (b + 0.75) * width) / unit);
    for (let k = 0; k < slices.length; k++) y[k].push(first[k][b], second[k][b]);
  }
  return { x, y };
}

/**
 * One series' extremes per bucket, into `first`/`second` (earlier extreme first). The hot loop of a wide window:
 * plain array reads and local variables only, and a division only where a bucket ends.
 */
function extremes(
  s: Slice,
  from: number,
  width: number,
  buckets: number,
  by: XAxis,
  first: Array<number | null>,
  second: Array<number | null>,
  used: Uint8Array,
): void {
  const { times, lines, values, runs } = s.ring.runs(s.lo, s.hi);
  const positions = by === "time" ? times : lines;
  let bucket = -1;
  let next = -Infinity; // where the current bucket ends
  let min = Infinity;
  let max = -Infinity;
  // Sample counts at which the min and max were seen, to put them in the order they happened.
  let seq = 0;
  let minAt = 0;
  let maxAt = 0;
  for (const [start, end] of runs) {
    for (let i = start; i < end; i++) {
      const p = positions[i];
      if (p >= next) {
        if (bucket >= 0 && min !== Infinity) {
          used[bucket] = 1;
          first[bucket] = minAt <= maxAt ? min : max;
          second[bucket] = minAt <= maxAt ? max : min;
        }
        bucket = Math.min(buckets - 1, Math.floor((p - from) / width));
        next = bucket === buckets - 1 ? Infinity : from + (bucket + 1) * width;
        min = Infinity;
        max = -Infinity;
      }
      const v = values[i];
      seq++;
      if (!(v > -Infinity && v < Infinity)) continue; // NaN and ±Infinity are gaps
      if (v < min) {
        min = v;
        minAt = seq;
      }
      if (v > max) {
        max = v;
        maxAt = seq;
      }
    }
  }
  if (bucket >= 0 && min !== Infinity) {
    used[bucket] = 1;
    first[bucket] = minAt <= maxAt ? min : max;
    second[bucket] = minAt <= maxAt ? max : min;
  }
}
