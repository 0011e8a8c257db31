// FolderStorage against labelled doubles (createMemoryFolder, MemoryDrafts); the real API is covered in
// e2e/project-folder.spec.ts through the Origin Private File System.
import { describe, expect, it } from "vitest";
import { FOLDER_LIMITS, FolderStorage, FolderWriteError } from "./folderStorage";
import { createMemoryFolder } from "./testing/memoryFolder";
import { MemoryDrafts } from "./testing/memoryDrafts";
import type { FileEntry } from "./storage";

const file = (path: string, content: string, savedContent?: string): FileEntry =>
  savedContent === undefined
    ? { kind: "file", path, content, modified: 1 }
    : { kind: "file", path, content, savedContent, modified: 1 };

function setup(options: { caseInsensitive?: boolean } = {}) {
  const folder = createMemoryFolder("proj", options);
  const drafts = new MemoryDrafts();
  return { folder, drafts, storage: new FolderStorage(folder.root, drafts) };
}

describe("FolderStorage (doubles of the disk folder and the drafts store)", () => {
  it("loads text files and folders, skipping hidden, binary and unusable names with reasons", async () => {
    const { folder, storage } = setup();
    folder.write("main.py", "print(1)\n");
    folder.write("lib/util.py", "X = 2\n");
    folder.write(".git/config", "[core]\n");
    folder.write("lib/__pycache__/util.cpython.pyc", new Uint8Array([0, 1]));
    folder.write("img.bin", new Uint8Array([0xff, 0xfe, 0x00]));
    folder.write("what?.py", "odd\n");
    const { entries } = await storage.loadAll();
    const files = Object.fromEntries(entries.filter((e) => e.kind === "file").map((e) => [e.path, (e as FileEntry).content]));
    expect(files).toEqual({ "main.py": "print(1)\n", "lib/util.py": "X = 2\n" });
    expect(entries.filter((e) => e.kind === "folder").map((e) => e.path)).toEqual(["lib"]);
    const reasons = Object.fromEntries(storage.skipped.map((s) => [s.name, s.reason]));
    expect(Object.keys(reasons).sort()).toEqual(["img.bin", "what?.py"]);
    expect(reasons["img.bin"]).toMatch(/text/);
  });

  it("writes saved content to disk, keeps unsaved edits as drafts and the disk file as it was", async () => {
    const { folder, drafts, storage } = setup();
    folder.write("main.py", "old\n");
    await storage.apply({ put: [file("main.py", "typing…\n", "old\n")], delete: [] });
    expect(folder.read("main.py")).toBe("old\n");
    expect(drafts.drafts.get("main.py")?.content).toBe("typing…\n");
    // A reload shows the draft over the disk, marked unsaved.
    const reloaded = (await storage.loadAll()).entries.find((e) => e.path === "main.py") as FileEntry;
    expect(reloaded).toMatchObject({ content: "typing…\n", savedContent: "old\n" });
    // Save: the disk gets it and the draft goes.
    await storage.apply({ put: [file("main.py", "new\n")], delete: [] });
    expect(folder.read("main.py")).toBe("new\n");
    expect(drafts.drafts.has("main.py")).toBe(false);
  });

  it("creates nested folders for new files and removes folders recursively", async () => {
    const { folder, storage } = setup();
    await storage.apply({ put: [{ kind: "folder", path: "a" }, { kind: "folder", path: "a/b" }, file("a/b/c.py", "c\n")], delete: [] });
    expect(folder.read("a/b/c.py")).toBe("c\n");
    await storage.apply({ put: [], delete: ["a/b/c.py", "a/b", "a"] });
    expect(folder.read("a/b/c.py")).toBeNull();
    expect((await storage.loadAll()).entries).toEqual([]);
  });

  it("a rename of an unsaved file carries the saved text to the new name on disk and the edit as a draft", async () => {
    const { folder, drafts, storage } = setup();
    folder.write("a.py", "saved\n");
    await storage.apply({ put: [file("b.py", "edited\n", "saved\n")], delete: ["a.py"] });
    expect(folder.read("a.py")).toBeNull();
    expect(folder.read("b.py")).toBe("saved\n");
    expect(drafts.drafts.get("b.py")?.content).toBe("edited\n");
  });

  it("a case-only rename on a case-insensitive disk keeps the file", async () => {
    const { folder, storage } = setup({ caseInsensitive: true });
    folder.write("main.py", "keep me\n");
    await storage.apply({ put: [file("Main.py", "keep me\n")], delete: ["main.py"] });
    expect(folder.read("main.py")).toBe("keep me\n");
  });

  it("a case-only rename on a case-sensitive disk leaves only the new name", async () => {
    const { folder, storage } = setup();
    folder.write("main.py", "moved\n");
    await storage.apply({ put: [file("Main.py", "moved\n")], delete: ["main.py"] });
    expect(folder.read("Main.py")).toBe("moved\n");
    expect(folder.read("main.py")).toBeNull();
  });

  it("permission withdrawn: the save fails with what to do, the text stays in browser storage", async () => {
    const { folder, drafts, storage } = setup();
    folder.write("main.py", "old\n");
    folder.control.revoked = true;
    const err = await storage.apply({ put: [file("main.py", "precious\n")], delete: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FolderWriteError);
    expect((err as Error).message).toMatch(/no longer allows access.*kept in browser storage.*Reopen folder/s);
    expect(drafts.drafts.get("main.py")?.content).toBe("precious\n");
    // Access back: the next load shows the draft as unsaved, and a save writes it.
    folder.control.revoked = false;
    const entry = (await storage.loadAll()).entries.find((e) => e.path === "main.py") as FileEntry;
    expect(entry).toMatchObject({ content: "precious\n", savedContent: "old\n" });
    await storage.apply({ put: [file("main.py", "precious\n")], delete: [] });
    expect(folder.read("main.py")).toBe("precious\n");
  });

  it("folder gone: a new file's text survives as a draft and comes back marked unsaved", async () => {
    const { folder, storage } = setup();
    folder.control.gone = true;
    const err = await storage.apply({ put: [file("new.py", "draft\n")], delete: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FolderWriteError);
    expect((err as Error).message).toMatch(/gone/);
    folder.control.gone = false;
    const entry = (await storage.loadAll()).entries.find((e) => e.path === "new.py") as FileEntry;
    expect(entry.content).toBe("draft\n");
    expect(entry.savedContent).toBe("");
  });

  it("deleting a file already deleted outside Mote succeeds", async () => {
    const { storage } = setup();
    await expect(storage.apply({ put: [], delete: ["gone.py"] })).resolves.toBeUndefined();
  });

  it("stops reading a folder far too big to be a project, and says so", async () => {
    const { folder, storage } = setup();
    for (let i = 0; i < 5; i++) folder.write(`d${i}/f.py`, `${i}\n`);
    const saved = FOLDER_LIMITS.maxFiles;
    FOLDER_LIMITS.maxFiles = 3;
    try {
      const { entries } = await storage.loadAll();
      expect(entries.filter((e) => e.kind === "file")).toHaveLength(3);
      expect(storage.skipped).toHaveLength(1);
      expect(storage.skipped[0].reason).toMatch(/more than 3 files/);
    } finally {
      FOLDER_LIMITS.maxFiles = saved;
    }
  });
});
