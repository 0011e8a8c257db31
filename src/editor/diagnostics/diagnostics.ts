// The page's handle on the diagnostics worker. The worker starts on the first request, so importing this costs
// nothing until a Python file is checked or formatted.
import type { Diag, DiagnosticsReply, DiagnosticsRequest, FormatError } from "./types";

export type { Diag, FormatError } from "./types";
export { isFormatError } from "./types";

/** A check overtaken by a newer version of the same path: the caller should simply ignore it. */
export class StaleCheckError extends Error {
  constructor() {
    super("A newer version of this file is being checked.");
    this.name = "StaleCheck";
  }
}

export interface DiagnosticsClient {
  /**
   * Diagnostics for one version of a file: the compiler's and Ruff's together. `onCompiler` gets the compiler's
   * own answer first, as soon as it is known (Ruff may still be loading). Rejects with StaleCheckError when a newer
   * version of the same path was sent before this one finished.
   */
  check(path: string, text: string, version: number, onCompiler?: (diags: Diag[]) => void): Promise<Diag[]>;
  /** Ruff's formatting, or why the text was left alone (a syntax error, the formatter not loading). */
  format(text: string): Promise<string | FormatError>;
  dispose(): void;
}

/** What the client needs from a Worker; lets tests run the worker's handler in-process. */
export interface WorkerPort {
  postMessage(message: DiagnosticsRequest): void;
  terminate(): void;
  onmessage: ((event: { data: DiagnosticsReply }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

interface Pending {
  path?: string;
  version?: number;
  onCompiler?: (diags: Diag[]) => void;
  resolve(value: never): void;
  reject(error: unknown): void;
}

const spawnWorker = (): WorkerPort =>
  new Worker(new URL("./diagnosticsWorker.ts", import.meta.url), {
    type: "module",
    name: "diagnostics",
  }) as unknown as WorkerPort;

export function createDiagnostics(spawn: () => WorkerPort = spawnWorker): DiagnosticsClient {
  let worker: WorkerPort | undefined;
  let nextId = 1;
  let disposed = false;
  const pending = new Map<number, Pending>();
  const newestVersion = new Map<string, number>();

  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  const port = (): WorkerPort => {
    if (worker) return worker;
    const w = spawn();
    w.onmessage = (event) => receive(event.data);
    w.onerror = () => {
      // A worker that failed to start or crashed: the next request starts a fresh one.
      worker = undefined;
      w.terminate();
      failAll(new Error("The diagnostics worker stopped."));
    };
    worker = w;
    return w;
  };

  const receive = (reply: DiagnosticsReply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    switch (reply.type) {
      case "compiler":
        if (p.path === undefined || newestVersion.get(p.path) === p.version) p.onCompiler?.(reply.diags);
        return;
      case "done":
        pending.delete(reply.id);
        if (p.path !== undefined && newestVersion.get(p.path) !== p.version) p.reject(new StaleCheckError());
        else (p.resolve as (d: Diag[]) => void)(reply.diags);
        return;
      case "stale":
        pending.delete(reply.id);
        p.reject(new StaleCheckError());
        return;
      case "formatted":
        pending.delete(reply.id);
        (p.resolve as (r: string | FormatError) => void)(reply.result);
        return;
      case "failed":
        pending.delete(reply.id);
        p.reject(new Error(reply.message));
    }
  };

  const send = <T>(request: DiagnosticsRequest, entry: Omit<Pending, "resolve" | "reject">): Promise<T> => {
    if (disposed) return Promise.reject(new Error("Diagnostics are disposed."));
    return new Promise<T>((resolve, reject) => {
      pending.set(request.id, { ...entry, resolve: resolve as (v: never) => void, reject });
      port().postMessage(request);
    });
  };

  return {
    check(path, text, version, onCompiler) {
      newestVersion.set(path, version);
      const id = nextId++;
      return send<Diag[]>({ type: "check", id, path, version, text }, { path, version, onCompiler });
    },
    format(text) {
      const id = nextId++;
      return send<string | FormatError>({ type: "format", id, text }, {});
    },
    dispose() {
      disposed = true;
      failAll(new Error("Diagnostics are disposed."));
      worker?.terminate();
      worker = undefined;
    },
  };
}

let shared: DiagnosticsClient | undefined;

/** One worker for the whole page: the editor's markers, Shift-Alt-F and format-on-save all use it. */
export function sharedDiagnostics(): DiagnosticsClient {
  shared ??= createDiagnostics();
  return shared;
}

/**
 * For the save path: the formatted text, or the text unchanged when it cannot be formatted (a syntax error must
 * never stop a save).
 */
export async function formatOnSave(text: string, client: DiagnosticsClient = sharedDiagnostics()): Promise<string> {
  try {
    const result = await client.format(text);
    return typeof result === "string" ? result : text;
  } catch {
    return text;
  }
}
