// Several browser projects: "My project" and the ones the examples gallery opens, each in storage of its own.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EXAMPLE_MAIN } from "../workspace/project";
import { parseProjects, serializeProjects, databaseName, MAIN_PROJECT } from "../workspace/projects";
import { MemoryStorage, type FileEntry } from "../workspace/storage";
import type { FolderBackend } from "../workspace/folderBackend";
import { MemoryDrafts } from "../workspace/testing/memoryDrafts";
import { createWorkspaceStore } from "./workspace";

const quietPage = { window: { addEventListener() {} }, document: { visibilityState: "visible", addEventListener() {} } };

/** localStorage as the browser has it (Node has none): the project list and the current project live there. */
function fakeLocalStorage() {
  const data = new Map<string, string>();
  const ls = {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, String(v)),
    removeItem: (k: string) => void data.delete(k),
  };
  vi.stubGlobal("localStorage", ls);
  return data;
}

const EXAMPLE = {
  id: "mqtt",
  title: "MQTT publish",
  main: "main.py",
  files: { "main.py": "import secrets\nprint(secrets.MQTT_BROKER)\n", "secrets.py": 'MQTT_BROKER = "localhost"\n' },
};

/** Storage per project id, outliving the store like IndexedDB outlives a tab. */
function storages() {
  const byId = new Map<string, MemoryStorage>();
  const get = (id: string) => {
    if (!byId.has(id)) byId.set(id, new MemoryStorage());
    return byId.get(id)!;
  };
  return { get, open: async (id: string) => get(id) };
}

/** TEST DOUBLE: a browser without the File System Access API (folders are tested in folderProject.test.ts). */
const noFolders: FolderBackend = {
  supported: () => false,
  remembered: async () => null,
  remember: async () => undefined,
  forget: async () => undefined,
  permission: async () => "denied",
  drafts: new MemoryDrafts(),
};

async function boot(open: (id: string) => Promise<MemoryStorage>, folders = noFolders) {
  const store = createWorkspaceStore({ openStorage: open, lifecycle: quietPage, delayMs: 10, folders });
  await store.getState().init();
  return store;
}

const content = (s: MemoryStorage, p: string) => (s.entries.get(p) as FileEntry | undefined)?.content;

describe("project list", () => {
  it("always starts with My project and drops malformed or hostile entries", () => {
    expect(parseProjects(null)).toEqual([MAIN_PROJECT]);
    expect(parseProjects("not json")).toEqual([MAIN_PROJECT]);
    const raw = JSON.stringify([
      { id: "example-mqtt", name: "MQTT publish (example)", exampleId: "mqtt" },
      { id: "example-mqtt", name: "twice" },
      { id: "../evil", name: "x" },
      { id: "main", name: "impostor" },
      { id: "example-rest" },
      null,
    ]);
    expect(parseProjects(raw)).toEqual([MAIN_PROJECT, { id: "example-mqtt", name: "MQTT publish (example)", exampleId: "mqtt" }]);
    expect(parseProjects(serializeProjects(parseProjects(raw)))).toEqual(parseProjects(raw));
  });

  it("keeps My project in the database it always had", () => {
    expect(databaseName("main")).toBe("mote-workspace");
    expect(databaseName("example-mqtt")).toBe("mote-workspace-example-mqtt");
  });
});

describe("workspace store with several projects", () => {
  beforeEach(() => fakeLocalStorage());
  afterEach(() => vi.unstubAllGlobals());

  it("opens an example as a project of its own and leaves My project as it was", async () => {
    const s = storages();
    const store = await boot(s.open);
    store.getState().updateContent("main.py", "print('mine')\n");
    await store.getState().openExample(EXAMPLE);

    const st = store.getState();
    expect(st.project).toMatchObject({ id: "example-mqtt", name: "MQTT publish (example)" });
    expect(Object.keys(st.files).sort()).toEqual(["main.py", "secrets.py"]);
    expect(st.activePath).toBe("main.py");
    expect(content(s.get("example-mqtt"), "secrets.py")).toBe('MQTT_BROKER = "localhost"\n');
    // My project's unsaved edit reached its own storage before the switch, untouched by the example.
    expect(content(s.get("main"), "main.py")).toBe("print('mine')\n");
    expect(s.get("main").entries.has("secrets.py")).toBe(false);
  });

  it("reopens the person's copy of an example, not a fresh one, and comes back to it after a reload", async () => {
    const s = storages();
    const store = await boot(s.open);
    await store.getState().openExample(EXAMPLE);
    store.getState().updateContent("secrets.py", 'MQTT_BROKER = "192.168.1.20"\n');
    await store.getState().switchProject("main");
    expect(store.getState().files["main.py"].content).toBe(EXAMPLE_MAIN);

    await store.getState().openExample(EXAMPLE);
    expect(store.getState().files["secrets.py"].content).toBe('MQTT_BROKER = "192.168.1.20"\n');

    const again = await boot(s.open);
    expect(again.getState().project.id).toBe("example-mqtt");
    expect(again.getState().projects.map((p) => p.id)).toEqual(["main", "example-mqtt"]);
    expect(again.getState().files["secrets.py"].content).toBe('MQTT_BROKER = "192.168.1.20"\n');
  });

  it("does not bring back example files the person deleted", async () => {
    const s = storages();
    const store = await boot(s.open);
    await store.getState().openExample(EXAMPLE);
    await store.getState().deletePath("secrets.py");
    await store.getState().switchProject("main");
    await store.getState().openExample(EXAMPLE);
    expect(Object.keys(store.getState().files)).toEqual(["main.py"]);
  });

  it("ignores a switch to a project that is not in the list", async () => {
    const s = storages();
    const store = await boot(s.open);
    await store.getState().switchProject("example-nope");
    expect(store.getState().project.id).toBe("main");
    expect(store.getState().files["main.py"].content).toBe(EXAMPLE_MAIN);
  });
});
