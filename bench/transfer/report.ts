import { round, type Figure } from "../results";
import type { Outcome } from "./harness";

/** The goals from the issue, keyed by link, payload and direction. */
const GOALS: Array<{ link: RegExp; payload?: Outcome["payload"]; direction: Outcome["direction"]; min: number }> = [
  { link: /115200/, payload: "random", direction: "upload", min: 90 },
  { link: /115200/, payload: "source", direction: "upload", min: 200 },
  { link: /115200/, direction: "download", min: 85 },
  { link: /1,000,000/, payload: "random", direction: "upload", min: 80 },
];

export const percentOfLink = (o: Outcome) => (o.status === "ok" ? (o.bytes / (o.ms / 1000) / o.capacity) * 100 : NaN);

function goalFor(o: Pick<Outcome, "link" | "payload" | "direction">) {
  return GOALS.find((g) => g.link.test(o.link) && (!g.payload || g.payload === o.payload) && g.direction === o.direction);
}

const cell = (o?: Outcome) =>
  !o ? "-" : o.status === "ok" ? `${round(percentOfLink(o))}%` : o.status === "unavailable" ? "n/a" : o.status.toUpperCase();

function rowsOf(outcomes: Outcome[]) {
  const keys = [...new Set(outcomes.map((o) => `${o.link}|${o.payload}|${o.direction}`))];
  return keys.map((k) => {
    const group = outcomes.filter((o) => `${o.link}|${o.payload}|${o.direction}` === k);
    const by = (name: string) => group.find((o) => o.scheme === name);
    return { first: group[0], mote: by("Mote"), mp: by("mpremote"), viper: by("ViperIDE") };
  });
}

const ratio = (a?: Outcome, b?: Outcome) => {
  if (!a || !b || a.status !== "ok" || b.status !== "ok") return undefined;
  return percentOfLink(a) / percentOfLink(b);
};

/** Figures for bench-results.json: one per scheme and case, plus Mote's ratio to each baseline. */
export function transferFigures(outcomes: Outcome[]): Figure[] {
  const figures: Figure[] = [];
  for (const o of outcomes) {
    const name = `transfer ${o.direction} ${o.payload} ${o.bytes / 1024} KiB, ${o.link}: ${o.scheme}`;
    const speed = o.status === "ok" ? `${o.bytes} B in ${Math.round(o.ms)} ms = ${Math.round(o.bytes / (o.ms / 1000))} B/s` : "";
    const why = o.status === "ok" ? "" : `${o.status.toUpperCase()}: ${o.detail ?? ""}`;
    const fig: Figure = { name, value: percentOfLink(o), unit: "% of link", note: [speed, why, modeled(o), ...o.notes].filter(Boolean).join("; ") };
    if (o.scheme === "Mote") {
      const row = rowsOf(outcomes).find((r) => r.mote === o)!;
      const vsMp = ratio(o, row.mp);
      const vsViper = ratio(o, row.viper);
      fig.baseline = `mpremote scheme ${cell(row.mp)}, ViperIDE scheme ${cell(row.viper)}`;
      if (vsMp !== undefined) fig.ratio = vsMp;
      if (vsViper !== undefined) fig.note = `${fig.note}; ${round(vsViper)}× the ViperIDE scheme`;
      const goal = goalFor(o);
      if (goal) {
        fig.goal = `≥ ${goal.min} % of link`;
        fig.ok = o.status === "ok" && percentOfLink(o) >= goal.min;
      }
    }
    figures.push(fig);
  }
  return figures;
}

/** ViperIDE's figure with its 10 ms reply polling added back, as a model. */
function modeled(o: Outcome): string {
  if (o.status !== "ok" || !o.modeledMs) return "";
  return `with ViperIDE's 10 ms reply polling (modeled) ${round((o.bytes / (o.modeledMs / 1000) / o.capacity) * 100)}% of link`;
}

/** The readable matrix `npm run bench` prints for the transfer section. */
export function transferTable(outcomes: Outcome[]): string {
  const head = ["link", "payload", "dir", "Mote", "mpremote", "ViperIDE", "Mote÷mpr", "Mote÷Viper", "goal"];
  const rows = rowsOf(outcomes).map(({ first, mote, mp, viper }) => {
    const goal = goalFor(first);
    const r1 = ratio(mote, mp);
    const r2 = ratio(mote, viper);
    const met = goal && mote ? (mote.status === "ok" && percentOfLink(mote) >= goal.min ? " ✓" : " ✗") : "";
    return [
      first.link,
      `${first.payload} ${first.bytes / 1024} KiB`,
      first.direction,
      cell(mote),
      cell(mp),
      cell(viper),
      r1 === undefined ? "" : `${round(r1)}×`,
      r2 === undefined ? "" : `${round(r2)}×`,
      goal ? `≥ ${goal.min}%${met}` : "",
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join("  ");
  const out = [line(head), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)];
  const remarks = outcomes
    .filter((o) => o.status !== "ok" || o.notes.length || o.modeledMs)
    .map((o) => `  ${o.link}, ${o.scheme} ${o.direction} ${o.payload}: ${[o.status !== "ok" ? `${o.status}: ${o.detail}` : "", modeled(o), ...o.notes].filter(Boolean).join("; ")}`);
  if (remarks.length) out.push("", "remarks:", ...[...new Set(remarks)]);
  return out.join("\n");
}
