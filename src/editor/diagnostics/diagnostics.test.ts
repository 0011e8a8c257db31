// The page-side client over the real worker protocol and engine; only the Worker itself is replaced.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDiagnostics, formatOnSave, StaleCheckError, type DiagnosticsClient, type WorkerPort } from "./diagnostics";
import { DiagnosticsEngine, type EngineLoaders } from "./engine";
import { nodeLoaders } from "./testing/nodeLoaders";
import type { Diag, DiagnosticsReply, DiagnosticsRequest } from "./types";
import { diagnosticsHandler } from "./workerProtocol";

/**
 * TEST DOUBLE for the browser Worker: runs diagnosticsHandler in this thread, with messages crossing
 * asynchronously in both directions as they would between threads. Records the replies' order.
 */
function inProcessWorker(engine: DiagnosticsEngine, log: DiagnosticsReply[]): () => WorkerPort {
  return () => {
    const port: WorkerPort = {
      onmessage: null,
      onerror: null,
      terminate: () => undefined,
      postMessage: (req: DiagnosticsRequest) => setTimeout(() => handle(structuredClone(req)), 0),
    };
    const handle = diagnosticsHandler(engine, (reply) => {
      log.push(reply);
      setTimeout(() => port.onmessage?.({ data: structuredClone(reply) }), 0);
    });
    return port;
  };
}

let engine: DiagnosticsEngine;
let client: DiagnosticsClient | undefined;
beforeAll(() => {
  engine = new DiagnosticsEngine(nodeLoaders);
});
afterEach(() => client?.dispose());

describe("createDiagnostics", () => {
  it("hands over the compiler's verdict first, then everything", async () => {
    const log: DiagnosticsReply[] = [];
    client = createDiagnostics(inProcessWorker(engine, log));
    let early: Diag[] | undefined;
    let settled = false;
    let earlyBeforeSettled = false;
    const done = client.check("main.py", "import os\nif x\n    pass\n", 1, (d) => {
      early = d;
      earlyBeforeSettled = !settled;
    });
    void done.finally(() => (settled = true));
    const all = await done;
    expect(earlyBeforeSettled).toBe(true);
    expect(log.map((r) => r.type)).toEqual(["compiler", "done"]);
    expect(early).toEqual([expect.objectContaining({ source: "micropython", startLine: 2, startColumn: 5 })]);
    // Ruff does not lint a file it cannot parse, and its syntax error is folded into the compiler's.
    expect(all).toEqual([expect.objectContaining({ source: "micropython", startLine: 2, startColumn: 5 })]);

    const fixed = await client.check("main.py", "import os\nif x:\n    pass\n", 2, (d) => expect(d).toEqual([]));
    expect(fixed.map((d) => [d.source, d.code, d.startLine])).toEqual([
      ["ruff", "F401", 1],
      ["ruff", "F821", 2],
    ]);
  });

  it("the compiler's answer never waits for Ruff to load", async () => {
    let releaseRuff!: () => void;
    const ruffGate = new Promise<void>((resolve) => (releaseRuff = resolve));
    const slowRuff: EngineLoaders = {
      compiler: nodeLoaders.compiler,
      ruff: async () => {
        await ruffGate;
        await nodeLoaders.ruff();
      },
    };
    // Ruff's module is held back until the end; the compiler loader is the shared Node one.
    const gated = new DiagnosticsEngine(slowRuff);
    const log: DiagnosticsReply[] = [];
    client = createDiagnostics(inProcessWorker(gated, log));
    const early = new Promise<Diag[]>((resolve) => {
      void client!.check("a.py", "x = = 1\n", 1, resolve).catch(() => undefined);
    });
    const diags = await early;
    expect(diags).toEqual([expect.objectContaining({ source: "micropython", startLine: 1, startColumn: 5 })]);
    expect(log.map((r) => r.type)).toEqual(["compiler"]);
    releaseRuff();
  });

  it("drops stale versions of the same file, not other files", async () => {
    const log: DiagnosticsReply[] = [];
    client = createDiagnostics(inProcessWorker(engine, log));
    const v1 = client.check("main.py", "x = (\n", 1);
    const other = client.check("lib.py", "y = 1\n", 1);
    const v2 = client.check("main.py", "x = 1\n", 2);
    await expect(v1).rejects.toBeInstanceOf(StaleCheckError);
    expect(await v2).toEqual([]);
    expect(await other).toEqual([]);
  });

  it("formats, refuses a broken file with a reason, and format-on-save falls back to the text", async () => {
    client = createDiagnostics(inProcessWorker(engine, []));
    expect(await client.format("def f( a ):\n  return a\n")).toBe("def f(a):\n    return a\n");
    expect(await client.format("def f(:\n")).toMatchObject({ kind: "syntax", line: 1 });
    expect(await formatOnSave("def f(:\n", client)).toBe("def f(:\n");
    expect(await formatOnSave("x=1\n", client)).toBe("x = 1\n");
  });

  it("rejects outstanding work when disposed", async () => {
    client = createDiagnostics(inProcessWorker(engine, []));
    const pending = client.check("main.py", "x = 1\n", 1);
    client.dispose();
    await expect(pending).rejects.toThrow(/disposed/);
  });
});
