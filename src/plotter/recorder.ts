/**
 * The plot's data: one bounded SampleRing per series, in the order the series first appeared, time-stamped on
 * arrival. Pure (the clock is passed in). Listeners hear "something changed" so a view can schedule one redraw per
 * frame; they are never handed the rows themselves, so a fast board costs them nothing per line.
 */
import type { PlotRow } from "./parse";
import { SampleRing } from "./ring";

/** About ten minutes of one series at 100 lines/s: the 5 min window stays full at the rate the plotter is built for. */
export const DEFAULT_CAPACITY = 60_000;
/** As many series as the palette has distinct colours (and as Arduino's plotter draws). */
export const MAX_SERIES = 8;

export interface Series {
  readonly name: string;
  /** Position in first-appearance order: the colour slot, and the CSV column. */
  readonly slot: number;
  readonly ring: SampleRing;
}

export interface RecorderOptions {
  capacity?: number;
  maxSeries?: number;
}

export class PlotRecorder {
  readonly capacity: number;
  readonly maxSeries: number;
  private readonly byName = new Map<string, Series>();
  private readonly list: Series[] = [];
  private readonly listeners = new Set<() => void>();
  /** Clock reading of the first sample since the last clear; times are kept in ms after it. */
  private origin: number | null = null;
  private last = -Infinity;
  private lines = 0;
  private changes = 0;
  private refused = new Set<string>();
  // The series of the last row's names array: the parser reuses one array per width, so most rows skip the lookup.
  private lastNames: readonly string[] | null = null;
  private lastSeries: Array<Series | null> = [];

  constructor(options: RecorderOptions = {}) {
    this.capacity = options.capacity ?? DEFAULT_CAPACITY;
    this.maxSeries = options.maxSeries ?? MAX_SERIES;
  }

  get series(): readonly Series[] {
    return this.list;
  }

  /** Bumps on every change; a view compares it with the last one it drew. */
  get version(): number {
    return this.changes;
  }

  /** Names of series beyond maxSeries that were seen and not recorded. */
  get refusedSeries(): readonly string[] {
    return [...this.refused];
  }

  /** Time of the newest sample (ms after the first), or null when empty. */
  get lastTime(): number | null {
    return this.origin === null ? null : this.last;
  }

  /**
   * Records one row that arrived at clock time `at` (ms). Every value of the row gets the same time and the same
   * line number (1 for the first row since the last clear).
   */
  add(row: PlotRow, at: number): void {
    if (this.record(row, at)) this.changed();
  }

  /** Records rows that arrived together (one chunk) at `at`, telling listeners once. */
  addAll(rows: readonly PlotRow[], at: number): void {
    let any = false;
    for (const row of rows) any = this.record(row, at) || any;
    if (any) this.changed();
  }

  private record(row: PlotRow, at: number): boolean {
    if (row.names.length === 0) return false;
    if (this.origin === null) this.origin = at;
    // Strictly increasing, so one row is one instant on the x axis even when a chunk brings many lines at once.
    const t = Math.max(at - this.origin, this.last + 0.001);
    if (row.names !== this.lastNames) {
      this.lastNames = row.names;
      this.lastSeries = row.names.map((n) => this.seriesFor(n));
    }
    let recorded = false;
    const line = this.lines + 1;
    for (let i = 0; i < row.names.length; i++) {
      const series = this.lastSeries[i];
      if (!series) continue;
      series.ring.push(t, row.values[i], row.texts[i], line);
      recorded = true;
    }
    if (!recorded) return false;
    this.lines = line;
    this.last = t;
    return true;
  }

  private seriesFor(name: string): Series | null {
    const known = this.byName.get(name);
    if (known) return known;
    if (this.list.length >= this.maxSeries) {
      if (!this.refused.has(name) && this.refused.size < 64) {
        this.refused.add(name);
        this.changed();
      }
      return null;
    }
    const series: Series = { name, slot: this.list.length, ring: new SampleRing(this.capacity) };
    this.byName.set(name, series);
    this.list.push(series);
    return series;
  }

  clear(): void {
    for (const s of this.list) s.ring.clear();
    this.list.length = 0;
    this.byName.clear();
    this.refused.clear();
    this.lastNames = null;
    this.lastSeries = [];
    this.origin = null;
    this.last = -Infinity;
    this.lines = 0;
    this.changed();
  }

  /** `listener` runs after every change, synchronously: keep it to scheduling work. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.changes++;
    for (const l of this.listeners) l();
  }
}
