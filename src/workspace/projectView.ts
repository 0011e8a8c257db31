// What the panel and editor show right after a project is loaded from storage: the files, the example main.py on a
// first visit, and the tabs of the last session that still make sense.
import * as P from "./project";
import type { ProjectChange } from "./project";
import type { Entry, SessionRecord, ViewState } from "./storage";

export interface ProjectView {
  project: P.Project;
  /** The example file to write to storage, on the browser project's very first load only. */
  seedChange: P.ProjectChange | null;
  openTabs: string[];
  activePath: string | null;
  views: Record<string, ViewState>;
}

/** The files a new browser project starts with, and the one the editor shows first. */
export interface Seed {
  files: Record<string, string>;
  main: string;
}

export const WELCOME_SEED: Seed = { files: { "main.py": P.EXAMPLE_MAIN }, main: "main.py" };

export function projectView(entries: Entry[], session: SessionRecord, seed: Seed | null, now: number): ProjectView {
  let project = P.fromEntries(entries);
  let seedChange: P.ProjectChange | null = null;
  // "seeded" stays set after the person deletes everything, so the seed files don't come back.
  if (seed && !session.seeded && entries.length === 0) {
    const put: ProjectChange["changes"]["put"] = [];
    for (const [path, content] of Object.entries(seed.files)) {
      const change = P.createFile(project, path, content, now);
      project = change.project;
      put.push(...change.changes.put);
    }
    seedChange = { project, changes: { put, delete: [] } };
  }
  // The session may name files deleted in another tab (or on disk); keep only what still exists.
  const openTabs = session.openTabs.filter((p) => p in project.files);
  const first = seed?.main ?? "main.py";
  if (openTabs.length === 0 && first in project.files) openTabs.push(first);
  const activePath = session.activePath && openTabs.includes(session.activePath) ? session.activePath : (openTabs[0] ?? null);
  const views = Object.fromEntries(Object.entries(session.views).filter(([p]) => p in project.files));
  return { project, seedChange, openTabs, activePath, views };
}
