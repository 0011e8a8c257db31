// The workspace store with a project folder on disk, driven through a labelled FolderBackend double (memory folder
// + memory drafts) in place of the browser's File System Access API and IndexedDB.
import { describe, expect, it } from "vitest";
import { createWorkspaceStore } from "../store/workspace";
import type { FolderBackend } from "./folderBackend";
import type { DirHandleLike, FolderPermission } from "./fsAccess";
import { MemoryStorage } from "./storage";
import { createMemoryFolder } from "./testing/memoryFolder";
import { MemoryDrafts } from "./testing/memoryDrafts";

/** TEST DOUBLE of the browser folder backend: remembers a handle in memory; permission is whatever the test says. */
function backendDouble(initial: FolderPermission = "granted") {
  const state = {
    handle: null as DirHandleLike | null,
    permission: initial,
    /** What requestPermission (a click on Reopen folder) answers. */
    onRequest: "granted" as FolderPermission,
    drafts: new MemoryDrafts(),
  };
  const backend: FolderBackend = {
    supported: () => true,
    remembered: async () => state.handle,
    remember: async (h) => {
      state.handle = h;
    },
    forget: async () => {
      state.handle = null;
    },
    permission: async (_h, request) => {
      if (request && state.permission !== "granted") state.permission = state.onRequest;
      return state.permission;
    },
    drafts: state.drafts,
  };
  return { backend, state };
}

const noPage = { window: { addEventListener() {} }, document: { visibilityState: "visible", addEventListener() {} } };

async function boot(browser: MemoryStorage, backend: FolderBackend) {
  // My project in `browser`; any other browser project (an example) in storage of its own.
  const others = new Map<string, MemoryStorage>();
  const openStorage = async (id: string) => (id === "main" ? browser : others.get(id) ?? others.set(id, new MemoryStorage()).get(id)!);
  const store = createWorkspaceStore({ openStorage, folders: backend, lifecycle: noPage, delayMs: 10 });
  await store.getState().init();
  return store;
}

describe("workspace store with a folder on disk", () => {
  it("opens a folder, saves edits into its files, and reopens it on the next visit", async () => {
    const folder = createMemoryFolder("blinky");
    folder.write("main.py", "print('disk')\n");
    const { backend } = backendDouble();
    const browser = new MemoryStorage();
    const store = await boot(browser, backend);
    expect(store.getState().source).toEqual({ kind: "browser" });
    await store.getState().openFolder(folder.root);
    expect(store.getState().source).toEqual({ kind: "folder", name: "blinky" });
    expect(Object.keys(store.getState().files)).toEqual(["main.py"]);

    store.getState().openFile("main.py");
    store.getState().updateContent("main.py", "print('edited')\n");
    await store.getState().flush();
    expect(folder.read("main.py")).toBe("print('disk')\n");
    await store.getState().save("main.py");
    expect(folder.read("main.py")).toBe("print('edited')\n");

    const again = await boot(browser, backend);
    expect(again.getState().source).toEqual({ kind: "folder", name: "blinky" });
    expect(again.getState().files["main.py"].content).toBe("print('edited')\n");
    expect(again.getState().activePath).toBe("main.py");
    // The browser project was left alone.
    expect([...browser.entries.keys()]).toEqual(["main.py"]);
  });

  it("an example opened from a folder takes its place; the folder stays on offer and reopens", async () => {
    const folder = createMemoryFolder("blinky");
    folder.write("main.py", "print('disk')\n");
    const { backend, state } = backendDouble();
    const store = await boot(new MemoryStorage(), backend);
    await store.getState().openFolder(folder.root);
    await store.getState().openExample({ id: "blink", title: "Blink", main: "main.py", files: { "main.py": "blink\n" } });
    expect(store.getState().source).toEqual({ kind: "browser" });
    expect(store.getState().files["main.py"].content).toBe("blink\n");
    expect(store.getState().pendingFolder).toBe("blinky");
    // The next visit opens what was shown last, the example, not the folder...
    expect(state.handle).toBeNull();
    // ...unless the person goes back to the folder.
    expect(await store.getState().reopenFolder()).toBe(true);
    expect(store.getState().files["main.py"].content).toBe("print('disk')\n");
    expect(state.handle).toBe(folder.root);
    expect(folder.read("main.py")).toBe("print('disk')\n");
  });

  it("picks up files added on disk when refreshed, keeping the tabs", async () => {
    const folder = createMemoryFolder();
    folder.write("main.py", "1\n");
    const { backend } = backendDouble();
    const store = await boot(new MemoryStorage(), backend);
    await store.getState().openFolder(folder.root);
    store.getState().openFile("main.py");
    folder.write("lib/new.py", "added outside\n");
    await store.getState().refresh();
    expect(store.getState().files["lib/new.py"].content).toBe("added outside\n");
    expect(store.getState().openTabs).toEqual(["main.py"]);
  });

  it("needs permission again: shows the browser project, then the folder after Reopen", async () => {
    const folder = createMemoryFolder("kept");
    folder.write("app.py", "a\n");
    const { backend, state } = backendDouble("prompt");
    state.handle = folder.root;
    const store = await boot(new MemoryStorage(), backend);
    expect(store.getState().source.kind).toBe("browser");
    expect(store.getState().pendingFolder).toBe("kept");
    state.onRequest = "denied";
    expect(await store.getState().reopenFolder()).toBe(false);
    expect(store.getState().folderNotice).toMatch(/didn't allow/);
    state.onRequest = "granted";
    expect(await store.getState().reopenFolder()).toBe(true);
    expect(store.getState().source).toEqual({ kind: "folder", name: "kept" });
    expect(store.getState().pendingFolder).toBeNull();
    expect(store.getState().files["app.py"].content).toBe("a\n");
  });

  it("a failed disk write says what to do and the edit survives a reload", async () => {
    const folder = createMemoryFolder();
    folder.write("main.py", "old\n");
    const { backend } = backendDouble();
    const browser = new MemoryStorage();
    const store = await boot(browser, backend);
    await store.getState().openFolder(folder.root);
    folder.control.revoked = true;
    store.getState().updateContent("main.py", "precious\n");
    await store.getState().save("main.py").catch(() => undefined);
    expect(store.getState().folderNotice).toMatch(/Couldn't write "main.py".*kept in browser storage/s);
    folder.control.revoked = false;
    const again = await boot(browser, backend);
    expect(again.getState().files["main.py"].content).toBe("precious\n");
    expect(again.getState().isDirty("main.py")).toBe(true);
  });

  it("goes back to the browser project and forgets the folder", async () => {
    const folder = createMemoryFolder();
    folder.write("disk.py", "d\n");
    const { backend, state } = backendDouble();
    const browser = new MemoryStorage();
    const store = await boot(browser, backend);
    await store.getState().openFolder(folder.root);
    await store.getState().useBrowserProject();
    expect(store.getState().source.kind).toBe("browser");
    expect(Object.keys(store.getState().files)).toEqual(["main.py"]);
    expect(state.handle).toBeNull();
    expect(folder.read("disk.py")).toBe("d\n");
  });

  it("imports files in one change, refusing a case clash with an existing file", async () => {
    const browser = new MemoryStorage();
    const store = await boot(browser, backendDouble().backend);
    const result = await store.getState().importFiles(
      [
        { path: "lib/a.py", content: "A\n" },
        { path: "MAIN.py", content: "clash\n" },
      ],
      ["lib", "empty"],
    );
    expect(result.imported).toEqual(["lib/a.py"]);
    expect(result.skipped.map((s) => s.name)).toEqual(["MAIN.py"]);
    expect(store.getState().files["lib/a.py"].content).toBe("A\n");
    expect(store.getState().isDirty("lib/a.py")).toBe(false);
    expect(store.getState().folders).toEqual(["empty", "lib"]);
    expect(browser.entries.has("lib/a.py")).toBe(true);
    expect(browser.entries.has("empty")).toBe(true);
  });

  it("a remembered folder that is gone: the browser project, the reason, and Reopen still offered", async () => {
    const folder = createMemoryFolder("vanished");
    const { backend, state } = backendDouble();
    state.handle = folder.root;
    folder.control.gone = true;
    const store = await boot(new MemoryStorage(), backend);
    expect(store.getState().source.kind).toBe("browser");
    expect(store.getState().folderNotice).toMatch(/Couldn't open the folder "vanished"/);
    expect(store.getState().pendingFolder).toBe("vanished");
    folder.control.gone = false;
    expect(await store.getState().reopenFolder()).toBe(true);
    expect(store.getState().source).toEqual({ kind: "folder", name: "vanished" });
    expect(store.getState().folderNotice).toBeNull();
  });
});
