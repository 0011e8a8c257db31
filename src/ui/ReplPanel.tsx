import { useMemo } from "react";
import { showNotice, useConnection } from "../store/connection";
import { useSettings } from "../store/settings";
import { useResolvedTheme } from "../store/theme";
import { useWorkspace } from "../store/workspace";
import { PlotterBeside, PlotterToggle } from "../plotter/PlotterBeside";
import { ReplTerminal } from "../terminal/ReplTerminal";
import { resolveTracebackFile, type TracebackRef } from "../terminal/tracebackLinks";

/** Jumps the editor to the line a traceback names; `<stdin>` is the file that was last run. */
function openTraceback(ref: TracebackRef): void {
  const ws = useWorkspace.getState();
  const path = resolveTracebackFile(ref.file, useConnection.getState().lastRunPath, Object.keys(ws.files));
  if (!path || !ws.revealLine(path, ref.line)) {
    showNotice(`${ref.file} is not a file in this project, so Mote cannot show line ${ref.line}.`);
  }
}

/** The terminal (and the plotter beside it, listening to the same output), wired to the connection store. */
export function ReplPanel() {
  const device = useConnection((s) => s.device);
  const connection = useConnection((s) => s.connection);
  const runtime = useConnection((s) => s.runtime);
  const board = useConnection((s) => s.board);
  const lastRunPath = useConnection((s) => s.lastRunPath);
  const status = useMemo(
    () => ({ connection, runtime, board, lastRunPath }),
    [connection, runtime, board, lastRunPath],
  );
  const fontSize = useSettings((s) => s.terminalFontSize);
  const lineEnding = useSettings((s) => s.lineEnding);
  const theme = useResolvedTheme();
  return (
    <PlotterBeside device={device}>
      <ReplTerminal
        device={device}
        status={status}
        onTracebackLink={openTraceback}
        fontSize={fontSize}
        lineEnding={lineEnding}
        theme={theme}
        actions={<PlotterToggle />}
      />
    </PlotterBeside>
  );
}
