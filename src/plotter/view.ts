/**
 * The chart: uPlot on a host element, fed from a PlotRecorder. It draws at most once per animation frame, and only
 * when the recorder changed since the last frame, so a board printing hundreds of lines a second costs one redraw
 * per frame, not one per line (and nothing while the tab is hidden); it keeps to ~30 redraws a second, fewer when a
 * draw is costly. Paused, it stops following the recorder and holds the instant it paused at; changing the window
 * or the shown series re-draws that same instant.
 *
 * Colours follow the theme however it is switched (a class, an attribute, inline variables, the system setting): the
 * panel's background, resolved through a probe element, picks the dark or the light series palette, and the axes take
 * `--muted` and `--border`. A theme change rebuilds the chart; `latest()` hands the legend the same colours.
 */
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { alignWindow, type XAxis } from "./align";
import type { PlotRecorder, Series } from "./recorder";
import { PALETTE_SIZE, readTheme, type Theme } from "./theme";

/** Just under two 60 Hz frames: every other frame at most. */
const MIN_DRAW_GAP_MS = 30;

export interface PlotViewOptions {
  /** Width of the time window in ms, or null for everything kept. */
  windowMs: number | null;
  /** What x is: arrival time, or line number (spreads out lines that came in one burst). */
  xAxis?: XAxis;
  /** Called with the time each frame's draw took (ms): the bench's frame cost. */
  onFrame?(ms: number): void;
  /** Called after each draw, so the panel can refresh its text (latest values). */
  onDrawn?(): void;
}

export interface LatestValue {
  name: string;
  slot: number;
  /** The colour the chart draws this series in. */
  colour: string;
  /** As printed; empty when the series has no reading in the view yet. */
  text: string;
}


const fmtSeconds = (v: number, step: number) => `${v.toFixed(step < 1 ? (step < 0.1 ? 2 : 1) : 0)} s`;
// Line numbers are whole; uPlot may still split a short span at halves, which get no label.
const fmtLine = (v: number) => (Number.isInteger(v) ? `#${v}` : "");

export class PlotView {
  private chart: uPlot | null = null;
  private chartNames: string[] = [];
  private hidden = new Set<string>();
  private windowMs: number | null;
  private xAxis: XAxis;
  private paused = false;
  /** While paused: the newest time the view shows. */
  private frozenAt: number | null = null;
  private frame: number | null = null;
  private drawnVersion = -1;
  /** When the last draw ended and what it cost, for the frame budget. */
  private lastDrawEnd = -Infinity;
  private lastDrawMs = 0;
  private xRange: [number, number] = [0, 1];
  private shownTo: number | null = null;
  private theme: Theme | null = null;
  private readonly disposers: Array<() => void> = [];

  constructor(
    private readonly host: HTMLElement,
    private readonly recorder: PlotRecorder,
    private readonly options: PlotViewOptions,
  ) {
    this.windowMs = options.windowMs;
    this.xAxis = options.xAxis ?? "time";
    this.disposers.push(recorder.subscribe(() => this.schedule()));
    const resize = new ResizeObserver(() => this.resize());
    resize.observe(host);
    this.disposers.push(() => resize.disconnect());
    // A theme is a class, attribute or style on <html>, or the system's choice.
    const retheme = () => this.retheme();
    const attrs = new MutationObserver(retheme);
    for (const el of [document.documentElement, document.body]) {
      attrs.observe(el, { attributes: true, attributeFilter: ["class", "style", "data-theme"] });
    }
    const scheme = matchMedia("(prefers-color-scheme: dark)");
    scheme.addEventListener("change", retheme);
    this.disposers.push(() => attrs.disconnect(), () => scheme.removeEventListener("change", retheme));
    this.schedule();
  }

  setWindow(ms: number | null): void {
    this.windowMs = ms;
    this.drawNow();
  }

  setXAxis(axis: XAxis): void {
    if (axis === this.xAxis) return;
    this.xAxis = axis;
    // The axis labels differ (seconds or line numbers): a new chart.
    this.chart?.destroy();
    this.chart = null;
    this.drawNow();
  }

  setHidden(names: ReadonlySet<string>): void {
    this.hidden = new Set(names);
    this.chart?.batch(() => {
      this.chartNames.forEach((name, i) => this.chart!.setSeries(i + 1, { show: !this.hidden.has(name) }));
    });
  }

  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    this.frozenAt = paused ? this.shownTo : null;
    if (!paused) this.schedule();
  }

  /** Draws now, whatever the frame clock (after Clear, a window change, a series toggle). */
  drawNow(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
    this.draw();
  }

  /** Each series' value at the newest instant the view shows. */
  latest(): LatestValue[] {
    const to = this.shownTo;
    const palette = (this.theme ??= readTheme(this.host)).series;
    return this.recorder.series.map((s) => {
      const colour = palette[s.slot % PALETTE_SIZE];
      if (to === null) return { name: s.name, slot: s.slot, colour, text: "" };
      const i = s.ring.lowerBound(to + 1e-4) - 1;
      return { name: s.name, slot: s.slot, colour, text: i >= 0 ? s.ring.textAt(i) : "" };
    });
  }

  /** The newest instant shown, in seconds since the first sample (0 when empty). */
  get shownSeconds(): number {
    return (this.shownTo ?? 0) / 1000;
  }

  destroy(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
    for (const d of this.disposers.splice(0)) d();
    this.chart?.destroy();
    this.chart = null;
  }

  private schedule(): void {
    if (this.frame !== null || this.paused) return;
    this.frame = requestAnimationFrame((now) => {
      this.frame = null;
      if (this.paused || this.recorder.version === this.drawnVersion) return;
      // A budget: at most ~30 redraws a second (smooth enough for a chart, and half the cost of every frame while the
      // terminal is busy with a flood), and after a draw that cost d ms a wait of 3d, so however much the board prints
      // and however wide the window, the chart takes at most about a quarter of the main thread from the terminal.
      if (now - this.lastDrawEnd < Math.max(MIN_DRAW_GAP_MS, 3 * this.lastDrawMs)) {
        this.schedule();
        return;
      }
      this.draw();
    });
  }

  private draw(): void {
    const t0 = performance.now();
    this.drawnVersion = this.recorder.version;
    const series = this.recorder.series;
    const last = this.recorder.lastTime;
    if (series.length === 0 || last === null) {
      this.chart?.destroy();
      this.chart = null;
      this.chartNames = [];
      this.shownTo = null;
      this.frozenAt = null;
      this.options.onDrawn?.();
      return;
    }
    const to = this.paused && this.frozenAt !== null ? Math.min(this.frozenAt, last) : last;
    const earliest = Math.min(...series.map((s) => (s.ring.length ? s.ring.timeAt(0) : Infinity)));
    let from = this.windowMs === null ? earliest : Math.max(earliest, to - this.windowMs);
    // One instant is no span: show the second before it.
    if (to - from < 1) from = to - 1000;
    if (!this.chart || !sameNames(this.chartNames, series)) this.build(series);
    const chart = this.chart!;
    const data = alignWindow(
      series.map((s) => s.ring),
      from,
      to,
      Math.max(50, chart.bbox.width / devicePixelRatio),
      this.xAxis,
    );
    // One line is no span either: show the line before it.
    this.xRange = data.range[1] > data.range[0] ? data.range : [data.range[1] - 1, data.range[1]];
    this.shownTo = to;
    if (this.paused) this.frozenAt = to;
    chart.batch(() => chart.setData([data.x, ...data.y] as uPlot.AlignedData));
    this.lastDrawEnd = performance.now();
    this.lastDrawMs = this.lastDrawEnd - t0;
    this.options.onFrame?.(this.lastDrawMs);
    this.options.onDrawn?.();
  }

  private build(series: readonly Series[]): void {
    this.chart?.destroy();
    const theme = (this.theme ??= readTheme(this.host));
    const axis = (): uPlot.Axis => ({
      stroke: theme.axis,
      font: theme.font,
      grid: { stroke: theme.grid, width: 1 },
      ticks: { stroke: theme.grid, width: 1 },
    });
    this.chartNames = series.map((s) => s.name);
    const { width, height } = this.size();
    this.chart = new uPlot(
      {
        width,
        height,
        legend: { show: false },
        cursor: { show: false },
        select: { show: false, left: 0, top: 0, width: 0, height: 0 },
        scales: { x: { time: false, range: () => this.xRange } },
        axes: [
          {
            ...axis(),
            values: (_u, splits) => {
              const step = splits.length > 1 ? Math.abs(splits[1] - splits[0]) : 1;
              return splits.map((v) => (this.xAxis === "time" ? fmtSeconds(v, step) : fmtLine(v)));
            },
          },
          { ...axis(), size: 56 },
        ],
        series: [
          {},
          ...series.map((s) => ({
            label: s.name,
            stroke: theme.series[s.slot % PALETTE_SIZE],
            width: 1.5,
            show: !this.hidden.has(s.name),
          })),
        ],
      },
      [[], ...series.map(() => [])],
      this.host,
    );
  }

  private size(): { width: number; height: number } {
    return { width: Math.max(120, this.host.clientWidth), height: Math.max(80, this.host.clientHeight) };
  }

  private resize(): void {
    if (!this.chart) return;
    this.chart.setSize(this.size());
    this.drawNow();
  }

  private retheme(): void {
    // Classes and styles on <html>/<body> change for other reasons too (a drag in progress): rebuild only for colours.
    const next = readTheme(this.host);
    if (this.theme && JSON.stringify(next) === JSON.stringify(this.theme)) return;
    this.theme = next;
    if (!this.chart) return;
    this.chart.destroy();
    this.chart = null;
    this.drawNow();
  }
}

function sameNames(names: readonly string[], series: readonly Series[]): boolean {
  return names.length === series.length && series.every((s, i) => s.name === names[i]);
}
