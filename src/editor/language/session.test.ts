import { afterEach, describe, expect, it, vi } from "vitest";
import type { LanguageClient } from "./client";
import type { PyrightWorker } from "./pyrightWorker";
import { currentClient, languageReady, onLanguageSession, setBoardStubs, useLanguageEngineForTests } from "./session";

/** TEST DOUBLE engine: records each start and the board stubs it was given. */
function fakeEngine(fail: () => boolean = () => false) {
  const starts: Array<{ board: Record<string, string>; disposed: boolean }> = [];
  const engine = async (board: Record<string, string>): Promise<PyrightWorker> => {
    const entry = { board, disposed: false };
    starts.push(entry);
    const client = { id: starts.length } as unknown as LanguageClient;
    return {
      client,
      ready: fail() ? Promise.reject(new Error("worker failed to load")) : Promise.resolve(),
      dispose: () => void (entry.disposed = true),
    };
  };
  return { starts, engine };
}

afterEach(() => useLanguageEngineForTests(null));

describe("language session", () => {
  it("starts once, however many callers wait", async () => {
    const { starts, engine } = fakeEngine();
    useLanguageEngineForTests(engine);
    await Promise.all([languageReady(), languageReady()]);
    await languageReady();
    expect(starts).toHaveLength(1);
    expect(currentClient()).not.toBeNull();
  });

  it("restarts with new board stubs, and not for the same ones again", async () => {
    const { starts, engine } = fakeEngine();
    useLanguageEngineForTests(engine);
    const seen: LanguageClient[] = [];
    onLanguageSession((c) => seen.push(c));
    await languageReady();
    setBoardStubs({ "cam.pyi": "def snap() -> bytes: ...\n" });
    await languageReady();
    setBoardStubs({ "cam.pyi": "def snap() -> bytes: ...\n" });
    await languageReady();
    expect(starts.map((s) => Object.keys(s.board))).toEqual([[], ["cam.pyi"]]);
    expect(starts[0].disposed).toBe(true);
    expect(seen).toHaveLength(2);
  });

  it("rejects languageReady when the worker cannot start, then tries again", async () => {
    let failing = true;
    const { starts, engine } = fakeEngine(() => failing);
    useLanguageEngineForTests(engine);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    await expect(languageReady()).rejects.toThrow(/failed to load/);
    expect(currentClient()).toBeNull();
    failing = false;
    await languageReady();
    expect(starts).toHaveLength(2);
    warn.mockRestore();
  });
});
