/**
 * Builds what the chart draws for a time window: one shared x column (seconds) and one y column per series, as
 * uPlot's aligned data wants. Pure.
 *
 * Series are sampled at the rows they came in, so a positional row gives every series the same instant and a
 * `name:value` row only some; the merge puts a gap (null) where a series has no sample at an instant. When the
 * window holds more samples than the chart has pixel columns, each column keeps each series' lowest and highest
 * value, in the order they happened: what a line drawn through every sample would show at that width, for a cost
 * bounded by the width instead of by the number of samples.
 */
import type { SampleRing } from "./ring";

export interface AlignedWindow {
  /** Seconds since the first sample. */
  x: number[];
  /** One column per ring, null where the series has no (finite) value. */
  y: Array<Array<number | null>>;
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
 * The samples of `rings` with times in [fromMs, toMs], aligned. `columns` is the chart's width in pixels: past
 * two samples per column in any series, the window is decimated to min/max pairs per column.
 */
export function alignWindow(rings: readonly SampleRing[], fromMs: number, toMs: number, columns: number): AlignedWindow {
  const slices = slicesOf(rings, fromMs, toMs);
  const widest = Math.max(0, ...slices.map((s) => s.hi - s.lo));
  const buckets = Math.max(1, Math.floor(columns));
  if (widest <= 2 * buckets || toMs <= fromMs) return merge(slices);
  return decimate(slices, fromMs, toMs, buckets);
}

/** Every sample, merged on time. */
function merge(slices: Slice[]): AlignedWindow {
  const x: number[] = [];
  const y: Array<Array<number | null>> = slices.map(() => []);
  const at = slices.map((s) => s.lo);
  for (;;) {
    let t = Infinity;
    for (let k = 0; k < slices.length; k++) if (at[k] < slices[k].hi) t = Math.min(t, slices[k].ring.timeAt(at[k]));
    if (t === Infinity) break;
    x.push(t / 1000);
    for (let k = 0; k < slices.length; k++) {
      const s = slices[k];
      if (at[k] < s.hi && s.ring.timeAt(at[k]) === t) {
        y[k].push(finite(s.ring.valueAt(at[k])));
        at[k]++;
      } else {
        y[k].push(null);
      }
    }
  }
  return { x, y, decimated: false };
}

/** Per pixel column: each series' two extremes, earlier first, at a quarter and three quarters of the column. */
function decimate(slices: Slice[], fromMs: number, toMs: number, buckets: number): AlignedWindow {
  const width = (toMs - fromMs) / buckets;
  const first = slices.map(() => new Array<number | null>(buckets).fill(null));
  const second = slices.map(() => new Array<number | null>(buckets).fill(null));
  const used = new Uint8Array(buckets);
  slices.forEach((s, k) => extremes(s, fromMs, width, buckets, first[k], second[k], used));
  const x: number[] = [];
  const y: Array<Array<number | null>> = slices.map(() => []);
  for (let b = 0; b < buckets; b++) {
    if (!used[b]) continue;
    x.push((fromMs + (b + 0.25) * width) / 1000, (fromMs + (b + 0.75) * width) / 1000);
    for (let k = 0; k < slices.length; k++) y[k].push(first[k][b], second[k][b]);
  }
  return { x, y, decimated: true };
}

/**
 * One series' extremes per bucket, into `first`/`second` (earlier extreme first). The hot loop of a wide window:
 * plain array reads and local variables only, and a division only where a bucket ends.
 */
function extremes(
  s: Slice,
  fromMs: number,
  width: number,
  buckets: number,
  first: Array<number | null>,
  second: Array<number | null>,
  used: Uint8Array,
): void {
  const { times, values, runs } = s.ring.runs(s.lo, s.hi);
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
      const t = times[i];
      if (t >= next) {
        if (bucket >= 0 && min !== Infinity) {
          used[bucket] = 1;
          first[bucket] = minAt <= maxAt ? min : max;
          second[bucket] = minAt <= maxAt ? max : min;
        }
        bucket = Math.min(buckets - 1, Math.floor((t - fromMs) / width));
        next = bucket === buckets - 1 ? Infinity : fromMs + (bucket + 1) * width;
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
