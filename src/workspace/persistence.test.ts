import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PersistQueue } from "./persistence";
import { MemoryStorage, emptySession, type FileEntry } from "./storage";

function setup(delay = 250) {
  const storage = new MemoryStorage();
  const files = new Map<string, FileEntry>();
  const errors: unknown[] = [];
  const queue = new PersistQueue(
    storage,
    { fileEntry: (p) => files.get(p) ?? null, session: () => ({ ...emptySession(), openTabs: [...files.keys()] }) },
    (e) => errors.push(e),
    delay,
  );
  const edit = (path: string, content: string) => {
    files.set(path, { kind: "file", path, content, modified: 0 });
    queue.markFile(path);
  };
  return { storage, files, queue, edit, errors };
}

describe("PersistQueue", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("writes a burst of edits once, within the delay", async () => {
    const { storage, edit } = setup();
    edit("a.py", "1");
    edit("a.py", "12");
    edit("a.py", "123");
    expect(storage.writes).toBe(0);
    await vi.advanceTimersByTimeAsync(250);
    expect(storage.writes).toBe(1);
    expect((storage.entries.get("a.py") as FileEntry).content).toBe("123");
  });

  it("doesn't let steady typing postpone the write", async () => {
    const { storage, edit } = setup();
    // A key every 100 ms for a second: a trailing debounce would not have written yet.
    for (let i = 0; i < 10; i++) {
      edit("a.py", "x".repeat(i + 1));
      await vi.advanceTimersByTimeAsync(100);
    }
    const stored = storage.entries.get("a.py") as FileEntry;
    expect(stored.content.length).toBeGreaterThanOrEqual(8);
    expect(storage.writes).toBeGreaterThanOrEqual(3);
  });

  it("flush writes at once and cancels the timer", async () => {
    const { storage, edit, queue } = setup();
    edit("a.py", "now");
    await queue.flush();
    expect((storage.entries.get("a.py") as FileEntry).content).toBe("now");
    expect(queue.pending).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(storage.writes).toBe(1);
  });

  it("deletes a path whose file vanished before the write", async () => {
    const { storage, edit, files, queue } = setup();
    edit("a.py", "x");
    await queue.flush();
    files.delete("a.py");
    queue.markFile("a.py");
    await queue.flush();
    expect(storage.entries.has("a.py")).toBe(false);
  });

  it("a structural change drops a queued write for the paths it touches", async () => {
    const { storage, edit, files, queue } = setup();
    edit("old.py", "x");
    files.delete("old.py");
    files.set("new.py", { kind: "file", path: "new.py", content: "x", modified: 0 });
    await queue.applyNow({ put: [files.get("new.py")!], delete: ["old.py"] });
    await vi.advanceTimersByTimeAsync(300);
    expect([...storage.entries.keys()]).toEqual(["new.py"]);
  });

  it("writes the session when marked", async () => {
    const { storage, edit, queue } = setup();
    edit("a.py", "x");
    queue.markSession();
    await vi.advanceTimersByTimeAsync(250);
    expect(storage.session?.openTabs).toEqual(["a.py"]);
  });

  it("reports a failed write and retries it on the next flush", async () => {
    const { storage, edit, queue, errors } = setup();
    storage.failNext = new Error("QuotaExceededError");
    edit("a.py", "keep me");
    await vi.advanceTimersByTimeAsync(250);
    expect(errors).toHaveLength(1);
    expect(storage.entries.has("a.py")).toBe(false);
    expect(queue.pending).toBe(true);
    await queue.flush();
    expect((storage.entries.get("a.py") as FileEntry).content).toBe("keep me");
  });
});
