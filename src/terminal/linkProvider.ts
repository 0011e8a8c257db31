import type { IBufferRange, ILink, ILinkProvider, Terminal } from "@xterm/xterm";
import { findTracebackRefs, type TracebackRef } from "./tracebackLinks";

/**
 * Underlines `File "NAME", line N` in the terminal and reports clicks. A long traceback line may wrap over several
 * rows, so the whole logical line is read before matching and matches are mapped back to row/column ranges.
 */
export class TracebackLinkProvider implements ILinkProvider {
  constructor(
    private readonly terminal: Terminal,
    private readonly onActivate: (ref: TracebackRef) => void,
  ) {}

  provideLinks(bufferLineNumber: number, callback: (links: ILink[] | undefined) => void): void {
    const buffer = this.terminal.buffer.active;
    const cols = this.terminal.cols;
    // Walk back to the first row of this wrapped line (rows are 0-based in the buffer API, 1-based here).
    let first = bufferLineNumber - 1;
    while (first > 0 && buffer.getLine(first)?.isWrapped) first--;
    let text = "";
    let row = first;
    for (;;) {
      const line = buffer.getLine(row);
      if (!line) break;
      const next = buffer.getLine(row + 1);
      const wraps = next?.isWrapped ?? false;
      // Untrimmed rows keep column arithmetic exact across the wrap.
      text += line.translateToString(!wraps).slice(0, wraps ? cols : undefined);
      if (!wraps) break;
      row++;
    }
    const toPos = (offset: number) => ({ x: (offset % cols) + 1, y: first + Math.floor(offset / cols) + 1 });
    const links: ILink[] = findTracebackRefs(text)
      .map((ref): ILink => {
        const range: IBufferRange = { start: toPos(ref.start), end: toPos(ref.end - 1) };
        return {
          range,
          text: text.slice(ref.start, ref.end),
          decorations: { pointerCursor: true, underline: true },
          activate: () => this.onActivate(ref),
        };
      })
      // xterm asks per row; report only links that touch the row it asked about.
      .filter((l) => l.range.start.y <= bufferLineNumber && l.range.end.y >= bufferLineNumber);
    callback(links.length > 0 ? links : undefined);
  }
}
