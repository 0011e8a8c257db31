// The one Pyright worker of the page: started on first use, shared by every editor mount, restarted when a board's
// stubs change. Small and free of Monaco and of the worker code (both arrive through dynamic imports), so the app
// shell may import setBoardStubs/languageReady without growing.
import type { LanguageClient } from "./client";
import type { PyrightWorker } from "./pyrightWorker";

type SessionListener = (client: LanguageClient) => void;
type Engine = (boardStubs: Record<string, string>) => Promise<PyrightWorker>;

const browserEngine: Engine = async (board) => (await import("./pyrightWorker")).startPyrightWorker(board);
let engine: Engine = browserEngine;

let current: PyrightWorker | null = null;
let starting: Promise<PyrightWorker> | null = null;
let generation = 0;
let boardStubs: Record<string, string> = {};
let boardKey = "";
const listeners = new Set<SessionListener>();
let readyWaiters: Array<{ resolve: () => void; reject: (err: unknown) => void }> = [];
let isReady = false;

function settle(err?: unknown): void {
  const waiters = readyWaiters;
  readyWaiters = [];
  for (const w of waiters) (err === undefined ? w.resolve() : w.reject(err));
}

function start(): Promise<PyrightWorker> {
  const mine = ++generation;
  isReady = false;
  const failed = (err: unknown) => {
    if (mine !== generation) return;
    console.warn("Python language features are unavailable:", err);
    // A later languageReady() or mount tries again (a chunk that failed to load may load next time).
    starting = null;
    current?.dispose();
    current = null;
    settle(err);
  };
  const attempt = engine(boardStubs).then((w) => {
    if (mine !== generation) {
      // setBoardStubs ran while this one was loading: a newer start is on its way.
      w.dispose();
      return w;
    }
    current = w;
    for (const l of listeners) l(w.client);
    w.ready.then(() => {
      if (mine !== generation) return;
      isReady = true;
      settle();
    }, failed);
    return w;
  });
  attempt.catch(failed);
  starting = attempt;
  return attempt;
}

/** Starts the worker if it is not running yet. Safe to call many times. */
export function ensureLanguageSession(): void {
  if (!starting) void start();
}

/** The client if the worker is running, else null (callers answer "nothing" rather than wait). */
export function currentClient(): LanguageClient | null {
  return current?.client ?? null;
}

/** Calls `listener` with the client now (if running) and again after every restart. */
export function onLanguageSession(listener: SessionListener): () => void {
  listeners.add(listener);
  if (current) listener(current.client);
  return () => listeners.delete(listener);
}

/**
 * Resolves once the language worker has started, initialised and analysed a warm-up file, so the next completion
 * is answered at its steady-state speed. Starts the worker if nothing has yet; rejects if it cannot start.
 */
export function languageReady(): Promise<void> {
  ensureLanguageSession();
  if (isReady) return Promise.resolve();
  return new Promise((resolve, reject) => readyWaiters.push({ resolve, reject }));
}

/**
 * Extra .pyi files generated from a connected board (path relative to the stub root, e.g. "mycam.pyi" or
 * "umqtt/robust.pyi"), importable from project code; {} removes them. They never replace a shipped stub.
 *
 * Applied by restarting the worker with them in `initializationOptions.files`: that is the path every stub takes,
 * so board stubs get exactly the same treatment (VERSIONS entry, package placement, module search) as Mote's, and
 * it is tested against the Node engine. A restart costs one cold start (about a second), once per board connection;
 * the file set is compared first, so reconnecting the same board changes nothing.
 */
export function setBoardStubs(files: Record<string, string>): void {
  const key = JSON.stringify(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  if (key === boardKey) return;
  boardKey = key;
  boardStubs = { ...files };
  if (!starting) return;
  current?.dispose();
  current = null;
  void start();
}

/** Tests run the same engine on a Node worker thread; this swaps how it starts and forgets any running one. */
export function useLanguageEngineForTests(next: Engine | null): void {
  current?.dispose();
  current = null;
  starting = null;
  generation++;
  isReady = false;
  readyWaiters = [];
  listeners.clear();
  boardKey = "";
  boardStubs = {};
  engine = next ?? browserEngine;
}
