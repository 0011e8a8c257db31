// What the panel and editor show right after a project is loaded from storage: the files, the example main.py on a
// first visit, and the tabs of the last session that still make sense.
import * as P from "./project";
import type { Entry, SessionRecord, ViewState } from "./storage";

export interface ProjectView {
  project: P.Project;
  /** The example file to write to storage, on the browser project's very first load only. */
  seedChange: P.ProjectChange | null;
  openTabs: string[];
  activePath: string | null;
  views: Record<string, ViewState>;
}

export function projectView(entries: Entry[], session: SessionRecord, maySeed: boolean, now: number): ProjectView {
  let project = P.fromEntries(entries);
  let seedChange: P.ProjectChange | null = null;
  // "seeded" stays set after the person deletes everything, so main.py doesn't come back.
  if (maySeed && !session.seeded && entries.length === 0) {
    seedChange = P.createFile(project, "main.py", P.EXAMPLE_MAIN, now);
    project = seedChange.project;
  }
  // The session may name files deleted in another tab (or on disk); keep only what still exists.
  const openTabs = session.openTabs.filter((p) => p in project.files);
  if (openTabs.length === 0 && "main.py" in project.files) openTabs.push("main.py");
  const activePath = session.activePath && openTabs.includes(session.activePath) ? session.activePath : (openTabs[0] ?? null);
  const views = Object.fromEntries(Object.entries(session.views).filter(([p]) => p in project.files));
  return { project, seedChange, openTabs, activePath, views };
}
