import { describe, expect, it } from "vitest";
import { MemoryStorage, type FileEntry } from "../workspace/storage";
import { createWorkspaceStore } from "../store/workspace";
import { saveActiveFormatted } from "./saveFormatted";

const quietPage = { window: { addEventListener: () => {} }, document: { visibilityState: "visible" as DocumentVisibilityState, addEventListener: () => {} } };

async function workspace(files: Record<string, string>) {
  const storage = new MemoryStorage();
  const store = createWorkspaceStore({ openStorage: async () => storage, lifecycle: quietPage, delayMs: 250 });
  await store.getState().init();
  for (const [path, content] of Object.entries(files)) {
    await store.getState().writeFile(path, content, true);
  }
  return { store, storage, stored: (p: string) => (storage.entries.get(p) as FileEntry | undefined)?.content };
}

// The formatter here is a TEST DOUBLE (uppercases x): Ruff itself is tested in src/editor/diagnostics.
const shout = async (t: string) => t.replace(/x/g, "X");

describe("save with format on save", () => {
  it("formats a Python file before saving when the option is on, and saves it as it is when off", async () => {
    const { store, stored } = await workspace({ "f.py": "x=1\n" });
    store.getState().openFile("f.py");
    await saveActiveFormatted(store, shout, () => false);
    expect(stored("f.py")).toBe("x=1\n");
    await saveActiveFormatted(store, shout, () => true);
    expect(stored("f.py")).toBe("X=1\n");
    expect(store.getState().getActiveSource()?.source).toBe("X=1\n");
  });

  it("leaves other files alone and keeps an edit made while the formatter ran", async () => {
    const { store, stored } = await workspace({ "notes.txt": "x\n", "g.py": "x=2\n" });
    store.getState().openFile("notes.txt");
    await saveActiveFormatted(store, shout, () => true);
    expect(stored("notes.txt")).toBe("x\n");
    store.getState().openFile("g.py");
    const slow = async (t: string) => {
      store.getState().updateContent("g.py", "x=3\n");
      return shout(t);
    };
    await saveActiveFormatted(store, slow, () => true);
    expect(stored("g.py")).toBe("x=3\n");
  });
});
