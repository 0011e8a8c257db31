import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MemoryStorage, type FileEntry } from "../workspace/storage";
import { EXAMPLE_MAIN } from "../workspace/project";
import { createWorkspaceStore } from "./workspace";

function fakePage() {
  const handlers = new Map<string, Array<() => void>>();
  const on = (type: string, fn: () => void) => handlers.set(type, [...(handlers.get(type) ?? []), fn]);
  const doc = { visibilityState: "visible" as DocumentVisibilityState, addEventListener: on };
  const fire = (type: string) => handlers.get(type)?.forEach((fn) => fn());
  return { lifecycle: { window: { addEventListener: on }, document: doc }, doc, fire };
}

/** A "page load": a fresh store over storage that outlives it, like IndexedDB outlives a tab. */
async function boot(storage: MemoryStorage, page = fakePage()) {
  const store = createWorkspaceStore({ openStorage: async () => storage, lifecycle: page.lifecycle, delayMs: 250 });
  await store.getState().init();
  return store;
}

const stored = (s: MemoryStorage, p: string) => (s.entries.get(p) as FileEntry | undefined)?.content;

describe("workspace store", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("seeds main.py on the first run and opens it", async () => {
    const storage = new MemoryStorage();
    const store = await boot(storage);
    const s = store.getState();
    expect(s.status).toBe("ready");
    expect(s.files["main.py"].content).toBe(EXAMPLE_MAIN);
    expect(s.openTabs).toEqual(["main.py"]);
    expect(s.activePath).toBe("main.py");
    expect(stored(storage, "main.py")).toBe(EXAMPLE_MAIN);
    expect(s.getActiveSource()).toEqual({ path: "main.py", source: EXAMPLE_MAIN });
  });

  it("doesn't bring main.py back after the person deleted everything", async () => {
    const storage = new MemoryStorage();
    const first = await boot(storage);
    await first.getState().deletePath("main.py");
    await vi.advanceTimersByTimeAsync(300);
    const second = await boot(storage);
    expect(second.getState().files).toEqual({});
    expect(second.getState().activePath).toBeNull();
  });

  it("persists every edit within 300 ms without any save", async () => {
    const storage = new MemoryStorage();
    const store = await boot(storage);
    store.getState().updateContent("main.py", "print(1)\n");
    expect(store.getState().files["main.py"].content).toBe("print(1)\n");
    await vi.advanceTimersByTimeAsync(300);
    expect(stored(storage, "main.py")).toBe("print(1)\n");
    // ...and a reload shows it, still marked unsaved.
    const again = await boot(storage);
    expect(again.getState().files["main.py"].content).toBe("print(1)\n");
    expect(again.getState().isDirty("main.py")).toBe(true);
  });

  it("flushes on pagehide and when the page is hidden", async () => {
    const storage = new MemoryStorage();
    const page = fakePage();
    const store = await boot(storage, page);
    store.getState().updateContent("main.py", "a");
    page.fire("pagehide");
    await vi.advanceTimersByTimeAsync(0);
    expect(stored(storage, "main.py")).toBe("a");

    store.getState().updateContent("main.py", "ab");
    page.doc.visibilityState = "hidden";
    page.fire("visibilitychange");
    await vi.advanceTimersByTimeAsync(0);
    expect(stored(storage, "main.py")).toBe("ab");
  });

  it("Save writes at once and clears the unsaved mark", async () => {
    const storage = new MemoryStorage();
    const store = await boot(storage);
    store.getState().updateContent("main.py", "x = 1\n");
    expect(store.getState().isDirty("main.py")).toBe(true);
    await store.getState().saveActive();
    expect(store.getState().isDirty("main.py")).toBe(false);
    expect(stored(storage, "main.py")).toBe("x = 1\n");
    expect((storage.entries.get("main.py") as FileEntry).savedContent).toBeUndefined();
  });

  it("restores open tabs, active tab, cursor and scroll on load", async () => {
    const storage = new MemoryStorage();
    const store = await boot(storage);
    await store.getState().newFile("lib/util.py", "def f():\n    pass\n");
    store.getState().setView("main.py", { line: 7, column: 5, scrollTop: 120 });
    store.getState().setView("lib/util.py", { line: 2, column: 3, scrollTop: 0 });
    store.getState().openFile("main.py");
    await vi.advanceTimersByTimeAsync(300);

    const again = await boot(storage);
    const s = again.getState();
    expect(s.openTabs).toEqual(["main.py", "lib/util.py"]);
    expect(s.activePath).toBe("main.py");
    expect(s.views["main.py"]).toEqual({ line: 7, column: 5, scrollTop: 120 });
    expect(s.views["lib/util.py"]).toEqual({ line: 2, column: 3, scrollTop: 0 });
    expect(s.folders).toEqual(["lib"]);
  });

  it("drops tabs for files that disappeared since the session was written", async () => {
    const storage = new MemoryStorage();
    const store = await boot(storage);
    await store.getState().newFile("gone.py");
    await store.getState().flush();
    storage.entries.delete("gone.py"); // as if another tab deleted it
    const again = await boot(storage);
    expect(again.getState().openTabs).toEqual(["main.py"]);
    expect(again.getState().activePath).toBe("main.py");
  });

  it("newFile picks untitled names and opens them; bad names throw", async () => {
    const store = await boot(new MemoryStorage());
    expect(await store.getState().newFile()).toBe("untitled.py");
    expect(await store.getState().newFile()).toBe("untitled1.py");
    expect(store.getState().activePath).toBe("untitled1.py");
    await expect(store.getState().newFile("../evil.py")).rejects.toThrow(/can't be used/);
    await expect(store.getState().newFile("MAIN.py")).rejects.toThrow(/already exists/);
  });

  it("rename carries tabs, views and the active path, and tells the editor", async () => {
    const storage = new MemoryStorage();
    const store = await boot(storage);
    store.getState().setView("main.py", { line: 3, column: 1, scrollTop: 0 });
    const moves: Array<[string, string]> = [];
    store.getState().onMove((m) => moves.push(...m));
    expect(await store.getState().renamePath("main.py", "app.py")).toBe("app.py");
    const s = store.getState();
    expect(s.openTabs).toEqual(["app.py"]);
    expect(s.activePath).toBe("app.py");
    expect(s.views["app.py"].line).toBe(3);
    expect(moves).toEqual([["main.py", "app.py"]]);
    expect([...storage.entries.keys()]).toEqual(["app.py"]);
  });

  it("tells move listeners before the old paths disappear from the state", async () => {
    const store = await boot(new MemoryStorage());
    let sawOldPath = false;
    store.getState().onMove(() => {
      sawOldPath = "main.py" in store.getState().files;
    });
    await store.getState().renamePath("main.py", "app.py");
    expect(sawOldPath).toBe(true);
  });

  it("deleting a folder closes the tabs of the files inside it", async () => {
    const storage = new MemoryStorage();
    const store = await boot(storage);
    expect(await store.getState().newFolder("lib/")).toBe("lib");
    await store.getState().newFile("lib/a.py");
    await store.getState().newFile("lib/b.py");
    await store.getState().deletePath("lib");
    expect(store.getState().openTabs).toEqual(["main.py"]);
    expect(store.getState().activePath).toBe("main.py");
    expect([...storage.entries.keys()]).toEqual(["main.py"]);
  });

  it("delete closes the tab and activates a neighbour", async () => {
    const store = await boot(new MemoryStorage());
    await store.getState().newFile("a.py");
    await store.getState().newFile("b.py");
    store.getState().openFile("a.py");
    await store.getState().deletePath("a.py");
    expect(store.getState().openTabs).toEqual(["main.py", "b.py"]);
    expect(store.getState().activePath).toBe("b.py");
  });

  it("closeTab activates the right-hand neighbour, else the left", async () => {
    const store = await boot(new MemoryStorage());
    await store.getState().newFile("a.py");
    await store.getState().newFile("b.py");
    store.getState().openFile("a.py");
    store.getState().closeTab("a.py");
    expect(store.getState().activePath).toBe("b.py");
    store.getState().closeTab("b.py");
    expect(store.getState().activePath).toBe("main.py");
    store.getState().closeTab("main.py");
    expect(store.getState().activePath).toBeNull();
    expect(store.getState().getActiveSource()).toBeNull();
  });

  it("revealLine opens the file, clamps the line and asks the editor to move", async () => {
    const store = await boot(new MemoryStorage());
    await store.getState().newFile("lib/x.py", "a\nb\nc\n");
    store.getState().closeTab("lib/x.py");
    expect(store.getState().revealLine("/lib/x.py", 2)).toBe(true);
    let s = store.getState();
    expect(s.activePath).toBe("lib/x.py");
    expect(s.openTabs).toContain("lib/x.py");
    expect(s.views["lib/x.py"]).toMatchObject({ line: 2, column: 1 });
    const first = s.reveal!.nonce;
    store.getState().revealLine("lib/x.py", 99);
    s = store.getState();
    expect(s.reveal).toMatchObject({ path: "lib/x.py", line: 4 });
    expect(s.reveal!.nonce).toBeGreaterThan(first);
    expect(store.getState().revealLine("<stdin>", 1)).toBe(false);
    expect(store.getState().revealLine("nope.py", 1)).toBe(false);
  });

  it("writeFile from a board replaces content and can mark it saved", async () => {
    const store = await boot(new MemoryStorage());
    await store.getState().writeFile("main.py", "from board", true);
    expect(store.getState().files["main.py"].content).toBe("from board");
    expect(store.getState().isDirty("main.py")).toBe(false);
  });

  it("keeps working in memory, and says so, when storage can't be opened", async () => {
    const store = createWorkspaceStore({
      openStorage: async () => {
        throw new Error("IndexedDB is disabled");
      },
      lifecycle: fakePage().lifecycle,
    });
    await store.getState().init();
    expect(store.getState().storageError).toMatch(/unavailable.*IndexedDB is disabled/);
    expect(store.getState().files["main.py"]).toBeDefined();
    store.getState().updateContent("main.py", "still editable");
    expect(store.getState().getActiveSource()?.source).toBe("still editable");
  });

  it("falls back to memory when storage never finishes opening", async () => {
    const store = createWorkspaceStore({ openStorage: () => new Promise(() => {}), lifecycle: fakePage().lifecycle });
    const done = store.getState().init();
    await vi.advanceTimersByTimeAsync(5000);
    await done;
    expect(store.getState().status).toBe("ready");
    expect(store.getState().storageError).toMatch(/did not answer/);
    expect(store.getState().files["main.py"]).toBeDefined();
  });

  it("reports a write failure without losing the edit", async () => {
    const storage = new MemoryStorage();
    const store = await boot(storage);
    storage.failNext = new Error("QuotaExceededError");
    store.getState().updateContent("main.py", "precious");
    await vi.advanceTimersByTimeAsync(300);
    expect(store.getState().storageError).toMatch(/QuotaExceededError/);
    await store.getState().saveActive();
    expect(stored(storage, "main.py")).toBe("precious");
  });

  it("init is idempotent", async () => {
    const storage = new MemoryStorage();
    const store = createWorkspaceStore({ openStorage: async () => storage, lifecycle: fakePage().lifecycle });
    await Promise.all([store.getState().init(), store.getState().init()]);
    expect(Object.keys(store.getState().files)).toEqual(["main.py"]);
  });
});
