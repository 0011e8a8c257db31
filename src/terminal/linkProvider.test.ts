import type { ILink, Terminal } from "@xterm/xterm";
import { describe, expect, it } from "vitest";
import { TracebackLinkProvider } from "./linkProvider";
import type { TracebackRef } from "./tracebackLinks";

/** Just enough of xterm's buffer API: rows of `cols` cells, with wrapped continuation rows flagged. */
function fakeTerminal(rows: Array<{ text: string; wrapped?: boolean }>, cols: number): Terminal {
  return {
    cols,
    buffer: {
      active: {
        getLine: (y: number) =>
          rows[y] && {
            isWrapped: rows[y].wrapped ?? false,
            translateToString: (trimRight?: boolean) => {
              const padded = rows[y].text.padEnd(cols, " ");
              return trimRight ? padded.trimEnd() : padded;
            },
          },
      },
    },
  } as unknown as Terminal;
}

function linksFor(term: Terminal, row: number, onActivate: (r: TracebackRef) => void = () => {}): ILink[] {
  let out: ILink[] = [];
  new TracebackLinkProvider(term, onActivate).provideLinks(row, (links) => (out = links ?? []));
  return out;
}

describe("TracebackLinkProvider", () => {
  it("underlines the reference on its row (1-based, end inclusive) and activates with the parsed ref", () => {
    const term = fakeTerminal([{ text: "Traceback (most recent call last):" }, { text: '  File "<stdin>", line 3, in <module>' }], 80);
    const seen: TracebackRef[] = [];
    const links = linksFor(term, 2, (r) => seen.push(r));
    expect(links).toHaveLength(1);
    expect(links[0].range).toEqual({ start: { x: 3, y: 2 }, end: { x: 2 + 'File "<stdin>", line 3'.length, y: 2 } });
    links[0].activate({} as MouseEvent, links[0].text);
    expect(seen).toEqual([expect.objectContaining({ file: "<stdin>", line: 3 })]);
    expect(linksFor(term, 1)).toEqual([]);
  });

  it("finds a reference that wraps onto the next row, from either row", () => {
    // 20 columns: 'File "/lib/util.py", line 12' starts at column 3 of row 1 and ends on row 2.
    const full = '  File "/lib/util.py", line 12, in f';
    const term = fakeTerminal(
      [
        { text: full.slice(0, 20) },
        { text: full.slice(20), wrapped: true },
      ],
      20,
    );
    for (const row of [1, 2]) {
      const links = linksFor(term, row);
      expect(links).toHaveLength(1);
      const end = 2 + 'File "/lib/util.py", line 12'.length; // exclusive offset in the joined line
      expect(links[0].range).toEqual({ start: { x: 3, y: 1 }, end: { x: ((end - 1) % 20) + 1, y: 2 } });
    }
  });

  it("offers nothing on a row without references", () => {
    expect(linksFor(fakeTerminal([{ text: ">>> print(1)" }], 40), 1)).toEqual([]);
  });
});
