import { Component, lazy, Suspense, useMemo, useState, type ReactNode } from "react";
import type { DeviceApi } from "../device/api";
import { usePlotterOpen } from "./openState";
import "./beside.css";

/** The `Plotter` toggle, for the REPL's header. */
export function PlotterToggle() {
  const open = usePlotterOpen((s) => s.open);
  const toggle = usePlotterOpen((s) => s.toggle);
  return (
    <button
      type="button"
      className="icon-button"
      aria-pressed={open}
      title="Plot the numbers the board prints, beside the terminal"
      onClick={toggle}
    >
      <span aria-hidden="true">∿</span> Plotter
    </button>
  );
}

/** A failed chunk load (offline, a new deploy) says so and offers a retry instead of blanking the app. */
class LoadBoundary extends Component<{ onRetry(): void; children: ReactNode }, { error: string | null }> {
  override state = { error: null as string | null };
  static getDerivedStateFromError(e: unknown) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <section className="plotter plotter-placeholder" aria-label="Plotter">
        <p role="alert">The plotter could not load ({this.state.error}). Check the connection to Mote, then retry.</p>
        <button
          type="button"
          className="icon-button"
          onClick={() => {
            this.setState({ error: null });
            this.props.onRetry();
          }}
        >
          Retry
        </button>
      </section>
    );
  }
}

/**
 * Lays `children` (the terminal) out with the plotter on its right while it is open. The panel and uPlot are a
 * lazy chunk, fetched the first time the plotter opens, so the app shell does not carry them.
 */
export function PlotterBeside({ device, children }: { device: DeviceApi | null; children: ReactNode }) {
  const open = usePlotterOpen((s) => s.open);
  const [attempt, setAttempt] = useState(0);
  // A rejected lazy() stays rejected; a retry needs a fresh one.
  const Panel = useMemo(() => lazy(() => import("./PlotterPanel")), [attempt]);
  return (
    <div className="plot-beside">
      <div className="plot-beside-main">{children}</div>
      {open ? (
        <LoadBoundary onRetry={() => setAttempt((n) => n + 1)}>
          <Suspense
            fallback={
              <section className="plotter plotter-placeholder" aria-label="Plotter" aria-busy="true">
                <p>Loading the plotter…</p>
              </section>
            }
          >
            <Panel device={device} />
          </Suspense>
        </LoadBoundary>
      ) : null}
    </div>
  );
}
