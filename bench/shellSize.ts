import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Figure } from "./results";

/**
 * The JS a browser must download before the app shell paints: the entry script and its modulepreloads, as listed in
 * the built index.html. Monaco must not be among them; its chunk is measured apart.
 */
export function shellSize(dist: string): Figure[] {
  const html = readFileSync(path.join(dist, "index.html"), "utf8");
  const urls = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map((m) => m[1]);
  const gz = (file: string) => gzipSync(readFileSync(path.join(dist, file.replace(/^\//, "")))).length;
  const shell = urls.reduce((n, u) => n + gz(u), 0);
  const assets = readdirSync(path.join(dist, "assets"));
  const monaco = assets.filter((f) => /monaco|editor\.api|monacoSetup/i.test(f) && f.endsWith(".js"));
  const monacoGz = monaco.reduce((n, f) => n + gz(`assets/${f}`), 0);
  const strayWorkers = assets.filter((f) => /(ts|css|html|json)\.worker/i.test(f));
  // uPlot must come with the plotter's lazy chunk, never in the shell: its chart class name marks it.
  const plotter = assets.filter((f) => /^PlotterPanel-.*\.js$/.test(f));
  const plotterGz = plotter.reduce((n, f) => n + gz(`assets/${f}`), 0);
  const uplotInShell = urls.some((u) => readFileSync(path.join(dist, u.replace(/^\//, "")), "utf8").includes("u-over"));
  return [
    {
      name: "app shell JS (gz, before Monaco)",
      value: shell / 1024,
      unit: "KiB",
      goal: "≤ 250 KiB",
      ok: shell / 1024 <= 250,
      note: urls.join(" "),
    },
    { name: "Monaco chunk (gz, lazy)", value: monacoGz / 1024, unit: "KiB", note: monaco.join(" ") },
    {
      name: "Plotter chunk with uPlot (gz, lazy)",
      value: plotterGz / 1024,
      unit: "KiB",
      goal: "not in the shell",
      ok: plotter.length > 0 && !uplotInShell,
      note: plotter.join(" ") || "no PlotterPanel chunk found",
    },
    {
      name: "TS/CSS/HTML/JSON workers in build",
      value: strayWorkers.length,
      unit: "files",
      goal: "0",
      ok: strayWorkers.length === 0,
    },
  ];
}
