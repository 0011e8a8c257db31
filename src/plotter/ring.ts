/**
 * A fixed-capacity ring of samples for one series: arrival time, line number (the row's place in the output, for
 * plotting by line instead of by time), value, and the value's text as printed. When full,
 * each new sample replaces the oldest, so memory is bounded by the capacity however long the board prints.
 * Indices are logical: 0 is the oldest sample kept, length - 1 the newest.
 */
export class SampleRing {
  private readonly times: Float64Array;
  private readonly lines: Float64Array;
  private readonly values: Float64Array;
  private readonly texts: string[];
  private head = 0; // physical index of the oldest sample
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`ring capacity must be a positive integer, not ${capacity}`);
    this.times = new Float64Array(capacity);
    this.lines = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
    this.texts = new Array<string>(capacity).fill("");
  }

  get length(): number {
    return this.count;
  }

  /** Appends a sample; times and line numbers must not decrease (the recorder guarantees it). */
  push(time: number, value: number, text: string, line = 0): void {
    const at = (this.head + this.count) % this.capacity;
    this.times[at] = time;
    this.lines[at] = line;
    this.values[at] = value;
    this.texts[at] = text;
    if (this.count < this.capacity) this.count++;
    else this.head = (this.head + 1) % this.capacity;
  }

  private physical(i: number): number {
    return (this.head + i) % this.capacity;
  }

  timeAt(i: number): number {
    return this.times[this.physical(i)];
  }

  lineAt(i: number): number {
    return this.lines[this.physical(i)];
  }

  valueAt(i: number): number {
    return this.values[this.physical(i)];
  }

  textAt(i: number): string {
    return this.texts[this.physical(i)];
  }

  /**
   * The raw arrays and the one or two physical runs, oldest first, that hold logical [lo, hi): for loops over many
   * samples, which then cost an array read each instead of a modulo and a call. Read-only by contract.
   */
  runs(
    lo: number,
    hi: number,
  ): { times: Float64Array; lines: Float64Array; values: Float64Array; runs: Array<[start: number, end: number]> } {
    const out = { times: this.times, lines: this.lines, values: this.values, runs: [] as Array<[number, number]> };
    if (hi <= lo) return out;
    const start = this.physical(lo);
    const end = start + (hi - lo);
    if (end <= this.capacity) out.runs.push([start, end]);
    else out.runs.push([start, this.capacity], [0, end - this.capacity]);
    return out;
  }

  /** The first logical index whose time is >= `time` (length when none is). */
  lowerBound(time: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timeAt(mid) < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
    // Drop the texts too, so a cleared plot does not keep old strings alive.
    this.texts.fill("");
  }
}
