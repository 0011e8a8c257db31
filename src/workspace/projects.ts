// The browser projects this browser holds: "My project" (the one every visit starts with) and the ones examples
// open as. Each lives in an IndexedDB database of its own, so switching never mixes files and a broken list can
// never lose a project's files; the list itself is a small record the store keeps in localStorage.

export interface ProjectInfo {
  /** "main", or "example-<id>" for a project opened from the gallery. */
  id: string;
  name: string;
  /** The gallery example it was made from. */
  exampleId?: string;
}

export const MAIN_PROJECT: ProjectInfo = { id: "main", name: "My project" };

const ID = /^(main|example-[a-z0-9-]{1,40})$/;

/** The IndexedDB database a project lives in; "main" keeps the name it had before there were several. */
export function databaseName(id: string): string {
  return id === "main" ? "mote-workspace" : `mote-workspace-${id}`;
}

export function exampleProjectId(exampleId: string): string {
  return `example-${exampleId}`;
}

/** Reads a stored list; anything malformed is dropped rather than trusted (it is only a list of names). */
export function parseProjects(raw: string | null): ProjectInfo[] {
  const list: ProjectInfo[] = [MAIN_PROJECT];
  if (!raw) return list;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return list;
  }
  if (!Array.isArray(data)) return list;
  for (const item of data) {
    if (!item || typeof item !== "object") continue;
    const { id, name, exampleId } = item as Record<string, unknown>;
    if (typeof id !== "string" || !ID.test(id) || id === "main" || typeof name !== "string") continue;
    if (list.some((p) => p.id === id)) continue;
    list.push({ id, name: name.slice(0, 80), ...(typeof exampleId === "string" ? { exampleId } : {}) });
  }
  return list;
}

export function serializeProjects(list: ProjectInfo[]): string {
  return JSON.stringify(list.filter((p) => p.id !== "main"));
}

/** The project to show: the remembered one if it is still listed, else "My project". */
export function pickProject(list: ProjectInfo[], remembered: string | null): ProjectInfo {
  return list.find((p) => p.id === remembered) ?? MAIN_PROJECT;
}
