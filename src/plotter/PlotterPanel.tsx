import { useCallback, useEffect, useRef, useState } from "react";
import type { DeviceApi } from "../device/api";
import { saveBytesAs } from "../boardFiles/download";
import { readPref, writePref } from "../store/prefs";
import { csvFileName, plotCsv } from "./csv";
import { attachPlotFeed } from "./feed";
import { plotRecorder } from "./session";
import type { XAxis } from "./align";
import { PlotView, type LatestValue } from "./view";
import { WINDOWS, describeWindow, windowByKey } from "./windows";
import "./plotter.css";

/** Text updates (legend values, the screen-reader summary) at most this often; the chart follows every frame. */
const TEXT_EVERY_MS = 250;

interface Shown {
  latest: LatestValue[];
  /** The seconds the chart spans, for the summary. */
  to: number;
  refused: readonly string[];
}

/**
 * The plotter beside the terminal: a live chart of the numbers the board prints, with a legend that shows and
 * hides series, Pause/Resume, a time window, Clear and Export CSV. Loaded lazily (see PlotterBeside). Recording goes
 * on while paused; Pause freezes what is shown, Resume jumps to the latest.
 */
export default function PlotterPanel({ device }: { device: DeviceApi | null }) {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<PlotView | null>(null);
  const refreshTextRef = useRef<() => void>(() => {});
  const [windowKey, setWindowKey] = useState(() => windowByKey(readPref("plotWindow")).key);
  const [xAxis, setXAxis] = useState<XAxis>(() => (readPref("plotAxis") === "line" ? "line" : "time"));
  const [paused, setPaused] = useState(false);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const [shown, setShown] = useState<Shown>({ latest: [], to: 0, refused: [] });
  const windowMs = windowByKey(windowKey).ms;

  // The feed listens beside the terminal while the panel is open.
  useEffect(() => (device ? attachPlotFeed(device, plotRecorder) : undefined), [device]);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refreshText = () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      const view = viewRef.current;
      if (view) setShown({ latest: view.latest(), to: view.shownSeconds, refused: plotRecorder.refusedSeries });
    };
    const view = new PlotView(host, plotRecorder, {
      windowMs,
      xAxis,
      onDrawn: () => {
        timer ??= setTimeout(refreshText, TEXT_EVERY_MS);
      },
    });
    viewRef.current = view;
    refreshTextRef.current = refreshText;
    refreshText();
    return () => {
      if (timer !== null) clearTimeout(timer);
      view.destroy();
      viewRef.current = null;
      refreshTextRef.current = () => {};
    };
    // The view is made once; window, pause and hidden series reach it through the effects below.
  }, []);

  useEffect(() => viewRef.current?.setWindow(windowMs), [windowMs]);
  useEffect(() => {
    viewRef.current?.setPaused(paused);
    // What Pause holds is what the chart shows now, not the text of up to TEXT_EVERY_MS ago.
    refreshTextRef.current();
  }, [paused]);
  useEffect(() => viewRef.current?.setHidden(hidden), [hidden]);
  useEffect(() => viewRef.current?.setXAxis(xAxis), [xAxis]);

  const chooseWindow = (key: string) => {
    setWindowKey(key);
    writePref("plotWindow", key);
  };

  const chooseAxis = (axis: XAxis) => {
    setXAxis(axis);
    writePref("plotAxis", axis);
  };

  const toggleSeries = (name: string) =>
    setHidden((prev) => {
      const next = new Set(prev);
      if (!next.delete(name)) next.add(name);
      return next;
    });

  const clear = useCallback(() => {
    plotRecorder.clear();
    setHidden(new Set());
    viewRef.current?.drawNow();
  }, []);

  const exportCsv = () => {
    saveBytesAs(csvFileName(new Date()), new TextEncoder().encode(plotCsv(plotRecorder.series)));
  };

  const empty = shown.latest.length === 0;
  const names = shown.latest.map((s) => s.name);
  const windowWords = describeWindow(windowKey);
  const summary = empty
    ? "No readings yet."
    : `${paused ? "Paused at" : "At"} ${shown.to.toFixed(1)} s: ${shown.latest
        .map((s) => `${s.name} ${s.text === "" ? "no reading" : s.text}${hidden.has(s.name) ? " (hidden)" : ""}`)
        .join(", ")}.`;

  return (
    <section className="plotter" aria-label="Plotter">
      <header className="panel-header plot-toolbar">
        <span className="panel-title">Plotter</span>
        <button type="button" className="icon-button" onClick={() => setPaused((p) => !p)} disabled={empty && !paused}>
          {paused ? "Resume" : "Pause"}
        </button>
        <select
          className="plot-window"
          aria-label="Time window"
          value={windowKey}
          onChange={(e) => chooseWindow(e.currentTarget.value)}
        >
          {WINDOWS.map((w) => (
            <option key={w.key} value={w.key}>
              {w.label}
            </option>
          ))}
        </select>
        <select
          className="plot-window"
          aria-label="X axis"
          title="Plot by arrival time, or by line (spreads out lines that came all at once)"
          value={xAxis}
          onChange={(e) => chooseAxis(e.currentTarget.value === "line" ? "line" : "time")}
        >
          <option value="time">time</option>
          <option value="line">line</option>
        </select>
        <span className="plot-spacer" />
        <button type="button" className="icon-button" onClick={clear} disabled={empty}>
          Clear
        </button>
        <button type="button" className="icon-button" onClick={exportCsv} disabled={empty}>
          Export CSV
        </button>
      </header>

      {empty ? null : (
        <ul className="plot-legend" aria-label="Series">
          {shown.latest.map((s) => (
            <li key={s.name} className="plot-legend-item">
              <button
                type="button"
                className="plot-series"
                aria-pressed={!hidden.has(s.name)}
                title={`${hidden.has(s.name) ? "Show" : "Hide"} ${s.name}`}
                onClick={() => toggleSeries(s.name)}
              >
                <span className="plot-swatch" style={{ background: s.colour }} aria-hidden="true" />
                {s.name}
              </button>
              {/* The summary below says the same for screen readers, once, in words. */}
              <span className="plot-value" aria-hidden="true">
                {s.text}
              </span>
            </li>
          ))}
        </ul>
      )}

      <div className="plot-body">
        <div
          className="plot-chart"
          ref={hostRef}
          role="img"
          aria-label={
            empty ? "Empty chart" : `Line chart of ${names.join(", ")}, ${windowWords}${xAxis === "line" ? ", by line" : ""}`
          }
          aria-describedby="plot-latest"
          data-paused={paused ? "true" : "false"}
        />
        {empty ? (
          <div className="plot-empty">
            <p>Nothing to plot yet. Print numbers from the board, one reading per line:</p>
            <pre>{'print(t, temp)         # 12 21.5\nprint("temp:", temp)   # temp: 21.5\nprint("t,temp")        # names the columns'}</pre>
            {device ? null : <p>Connect a board to plot what it prints.</p>}
          </div>
        ) : null}
      </div>

      {paused ? <p className="plot-note">Paused: still recording. Resume shows the latest.</p> : null}
      {shown.refused.length ? (
        <p className="plot-note">
          Plots the first {plotRecorder.maxSeries} series; not plotted: {shown.refused.slice(0, 5).join(", ")}
          {shown.refused.length > 5 ? "…" : ""}.
        </p>
      ) : null}
      <section className="visually-hidden" aria-label="Latest values">
        <p id="plot-latest">{summary}</p>
      </section>
    </section>
  );
}
