import { describe, expect, it } from "vitest";
import { PlotParser } from "./parse";
import { PlotRecorder } from "./recorder";
import { csvCell, csvFileName, csvName, plotCsv } from "./csv";

function record(lines: Array<[number, string]>): PlotRecorder {
  const parser = new PlotParser();
  const r = new PlotRecorder();
  for (const [at, text] of lines) for (const row of parser.push(text)) r.add(row, at);
  return r;
}

describe("plotCsv", () => {
  it("writes a time column and one column per series, numbers exactly as printed", () => {
    const r = record([
      [5000, "i,sin,cos\r\n"],
      [5000, "0, 0.0000, 1.0000\r\n"],
      [5050, "1, 0.1987, 0.9801\r\n"],
      [5100, "2, 1e-05, -0.0\r\n"],
    ]);
    expect(plotCsv(r.series)).toBe(
      "time_s,i,sin,cos\r\n0.000,0,0.0000,1.0000\r\n0.050,1,0.1987,0.9801\r\n0.100,2,1e-05,-0.0\r\n",
    );
  });

  it("leaves a cell empty where a series had no reading at that instant", () => {
    const r = record([
      [0, "temp:21.5\n"],
      [1000, "hum:40\n"],
      [2000, "temp:21.7 hum:41\n"],
    ]);
    expect(plotCsv(r.series)).toBe("time_s,temp,hum\r\n0.000,21.5,\r\n1.000,,40\r\n2.000,21.7,41\r\n");
  });

  it("holds only what the ring kept", () => {
    const parser = new PlotParser();
    const r = new PlotRecorder({ capacity: 3 });
    for (let i = 0; i < 10; i++) for (const row of parser.push(`${i}\n`)) r.add(row, i * 1000);
    expect(plotCsv(r.series)).toBe("time_s,value 1\r\n7.000,7\r\n8.000,8\r\n9.000,9\r\n");
  });

  it("is just the header line when nothing was recorded", () => {
    expect(plotCsv([])).toBe("time_s\r\n");
  });
});

describe("csv cells", () => {
  it("quotes separators, quotes, line breaks and edge spaces", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(" x")).toBe('" x"');
  });

  it("defuses a name a spreadsheet would run as a formula", () => {
    expect(csvName("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvName("@x")).toBe("'@x");
    expect(csvName("temp °C")).toBe("temp °C");
  });

  it("names the file after the local time", () => {
    expect(csvFileName(new Date(2026, 2, 14, 15, 22, 33))).toBe("mote-plot-2026-03-14-152233.csv");
  });
});
