// Runs the Node build of the same Pyright version the app ships (pyright@1.1.299, the engine inside
// @typefox/pyright-browser) over stdio, with Mote's file set written to a temp folder, and drives it through the
// app's own LanguageClient. Test-only; never imported by the app.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import type { Diagnostic } from "vscode-languageserver-protocol";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";
import { LanguageClient } from "../client";
import { buildFileSet, engineFiles } from "../fileSet";
import { MOTE_STUBS } from "../stubFiles";
import { TYPESHED_CORE } from "../typeshedCore";

/**
 * Stand-ins used only when Mote's real stubs for these modules are absent (while they are being written).
 * Each is a minimal TEST DOUBLE of the real stub's surface.
 */
export const FIXTURE_STUBS: Record<string, string> = {
  "machine.pyi": [
    "from typing import Final, Optional",
    "class Pin:",
    '    """A GPIO pin: drive it high or low, or read it."""',
    "    IN: Final[int]",
    "    OUT: Final[int]",
    "    def __init__(self, id: int, mode: int = -1, pull: Optional[int] = None) -> None: ...",
    "    def on(self) -> None: ...",
    "    def off(self) -> None: ...",
    "class ADC: ...",
    "class PWM: ...",
    "",
  ].join("\n"),
  "time.pyi": 'def sleep(seconds: float, /) -> None:\n    """Pause."""\n',
};

/** The first line of a class's docstring in the stub the engines get, to check that hovers and docs carry it. */
export function classDocFirstLine(stub: string, cls: string): string {
  const text = MOTE_STUBS[stub] ?? FIXTURE_STUBS[stub] ?? "";
  const m = new RegExp(`^class ${cls}\\b[^\\n]*:\\n\\s+"""([^\\n"]+)`, "m").exec(text);
  if (!m) throw new Error(`no docstring for ${cls} in ${stub}`);
  return m[1].trim();
}

export interface PyrightHarness {
  client: LanguageClient;
  /** Writes a project file to disk (where the Node server resolves imports) and opens or updates it. */
  write(path: string, text: string): void;
  /**
   * The first diagnostics published for `path` (at its current version) that satisfy `until`. Pyright may publish
   * more than once per version (an empty list before analysis finishes), so callers say what "done" looks like.
   */
  diagnostics(path: string, until: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]>;
  stop(): Promise<void>;
}

/** PyrightHarness.diagnostics over a client's published diagnostics. */
export function diagnosticsWaiter(client: LanguageClient): PyrightHarness["diagnostics"] {
  type Wait = { until: (d: Diagnostic[]) => boolean; done: (d: Diagnostic[]) => void };
  const waiting = new Map<string, Wait[]>();
  client.onDiagnostics((path, diags, version) => {
    if (version !== undefined && version !== client.version(path)) return;
    const left = (waiting.get(path) ?? []).filter((w) => {
      if (!w.until(diags)) return true;
      w.done(diags);
      return false;
    });
    waiting.set(path, left);
  });
  return (path, until) => new Promise((done) => waiting.set(path, [...(waiting.get(path) ?? []), { until, done }]));
}

export async function startNodePyright(board: Record<string, string> = {}): Promise<PyrightHarness> {
  const dir = mkdtempSync(join(tmpdir(), "mote-pyright-"));
  const root = join(dir, "src");
  const typeshed = join(dir, "typeshed");
  const mote = { ...FIXTURE_STUBS, ...MOTE_STUBS };
  const files = engineFiles(buildFileSet({ typeshed: TYPESHED_CORE, mote, board }), root, typeshed);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  // An empty PATH: the Node server would otherwise run `python` to find site-packages and could resolve
  // `import tkinter` from the host's CPython, which the browser build can never see.
  const noBin = join(dir, "bin");
  mkdirSync(noBin);
  const server = resolve("node_modules/pyright/langserver.index.js");
  const proc: ChildProcess = spawn(process.execPath, [server, "--stdio"], {
    cwd: root,
    env: { ...process.env, PATH: noBin },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const connection = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  if (process.env.MOTE_PYRIGHT_TRACE) {
    void connection.trace(2, { log: (m: string, d?: string) => console.log("[pyright]", m.slice(0, 300), (d ?? "").slice(0, 300)) });
  }
  const client = new LanguageClient(connection, { rootPath: root, fileEvents: "watchedFiles" });
  await client.initialize();

  const diagnostics = diagnosticsWaiter(client);

  return {
    client,
    diagnostics,
    write(path, text) {
      const abs = join(root, path);
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, text);
      client.update(path, text);
    },
    async stop() {
      client.dispose();
      proc.kill();
      await new Promise((r) => (proc.exitCode !== null ? r(null) : proc.once("exit", r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
