/**
 * Where the plot's numbers come from: the device's output events, heard alongside the terminal (a second listener
 * on the same event, never in the terminal's path). Each chunk is decoded, split into lines and parsed at once, and
 * its rows are stamped with the time the chunk arrived; drawing happens later, once per frame, in the view.
 */
import type { DeviceApi, OutputStream } from "../device/api";
import { PlotParser } from "./parse";
import type { PlotRecorder } from "./recorder";

export type Clock = () => number;

export interface PlotFeed {
  /** One chunk of device output, as the `output` event delivers it. */
  push(data: Uint8Array, stream: OutputStream): void;
  /** Forget any partial line and the header names (a new board, or a new link). */
  reset(): void;
}

export function createPlotFeed(recorder: PlotRecorder, clock: Clock = () => performance.now()): PlotFeed {
  const parser = new PlotParser();
  let decoder = new TextDecoder();
  return {
    push(data, stream) {
      // A traceback is never a reading; stdout and the REPL's own output are one stream of lines.
      if (stream === "stderr") return;
      const rows = parser.push(decoder.decode(data, { stream: true }));
      if (rows.length === 0) return;
      recorder.addAll(rows, clock());
    },
    reset() {
      parser.reset();
      decoder = new TextDecoder();
    },
  };
}

/** Subscribes a new feed to `device`'s output; returns the unsubscribe. */
export function attachPlotFeed(device: Pick<DeviceApi, "on">, recorder: PlotRecorder, clock?: Clock): () => void {
  const feed = createPlotFeed(recorder, clock);
  return device.on("output", (data, stream) => feed.push(data, stream));
}
