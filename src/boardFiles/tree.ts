import type { BoardEntry } from "../device/fs/types";
import { boardParent, isHiddenName } from "./names";

export interface BoardRow {
  entry: BoardEntry;
  depth: number;
}

/**
 * The rows the tree shows: entries under `root`, folders before files, by name, children only under expanded
 * folders. Hidden temporaries (and anything inside a hidden folder) never appear.
 */
export function visibleRows(entries: readonly BoardEntry[], root: string, expanded: ReadonlySet<string>): BoardRow[] {
  const byParent = new Map<string, BoardEntry[]>();
  for (const e of entries) {
    if (isHiddenName(e.name)) continue;
    const parent = boardParent(e.path);
    const list = byParent.get(parent) ?? [];
    list.push(e);
    byParent.set(parent, list);
  }
  const order = (a: BoardEntry, b: BoardEntry) =>
    a.kind !== b.kind ? (a.kind === "dir" ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  const rows: BoardRow[] = [];
  const walk = (dir: string, depth: number, seen: Set<string>) => {
    // A listing that names a folder inside itself must not loop forever.
    if (seen.has(dir)) return;
    seen.add(dir);
    for (const e of (byParent.get(dir) ?? []).sort(order)) {
      rows.push({ entry: e, depth });
      if (e.kind === "dir" && expanded.has(e.path)) walk(e.path, depth + 1, seen);
    }
  };
  walk(root, 0, new Set());
  return rows;
}
