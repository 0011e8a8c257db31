// A small LSP client for Pyright, independent of where the server runs (a Web Worker in the app, a Node process in
// tests) and of the editor. It owns document sync: the project's .py files are opened, changed (whole text: Pyright
// re-parses the whole file on any change anyway) and closed by diffing snapshots, and every request remembers the
// document version it was asked for, so an answer that arrives after the text moved on is dropped.
import type {
  CancellationToken,
  CompletionContext,
  CompletionItem,
  CompletionList,
  ConfigurationParams,
  Diagnostic,
  Hover,
  InitializeParams,
  Position,
  PublishDiagnosticsParams,
  SignatureHelp,
  SignatureHelpContext,
} from "vscode-languageserver-protocol";
import type { MessageConnection } from "vscode-jsonrpc";

/** The parts of a JSON-RPC connection the client uses (vscode-jsonrpc's MessageConnection, or the protocol's). */
export type Connection = Pick<
  MessageConnection,
  "sendRequest" | "sendNotification" | "onRequest" | "onNotification" | "listen" | "dispose"
>;

export interface ClientOptions {
  /** The project's folder in the server's file system: "/src" in the browser, a temp folder in tests. */
  rootPath: string;
  /** `initializationOptions.files` for the browser build: path -> text, written into its in-memory file system. */
  files?: Record<string, string>;
  /**
   * How the server learns that a project file appeared or went away, so `import helpers` resolves (Pyright caches
   * folder listings, and an open document alone is not a file to its import resolver). "createFile": the browser
   * build's own `pyright/createFiles` / `pyright/deleteFile`, which also put the file into its in-memory file system.
   * "watchedFiles": standard `workspace/didChangeWatchedFiles`, for a server reading a real disk the caller writes.
   */
  fileEvents: "createFile" | "watchedFiles";
}

export type DiagnosticsListener = (path: string, diagnostics: Diagnostic[], version: number | undefined) => void;

interface OpenDoc {
  text: string;
  version: number;
}

export class LanguageClient {
  private readonly docs = new Map<string, OpenDoc>();
  private readonly listeners = new Set<DiagnosticsListener>();
  private initPromise: Promise<void> | null = null;
  private disposed = false;

  constructor(
    private readonly connection: Connection,
    private readonly options: ClientOptions,
  ) {
    connection.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
      const path = this.pathOf(p.uri);
      if (path === null) return;
      for (const l of this.listeners) l(path, p.diagnostics, p.version ?? undefined);
    });
    connection.onRequest("workspace/configuration", (p: ConfigurationParams) => p.items.map((i) => this.settings(i.section)));
    // Pyright registers for file watching and asks to show progress; neither needs anything from us.
    connection.onRequest("client/registerCapability", () => null);
    connection.onRequest("window/workDoneProgress/create", () => null);
    connection.onNotification("window/logMessage", () => undefined);
    connection.onNotification("telemetry/event", () => undefined);
    connection.listen();
  }

  /** Sends initialize/initialized once; later calls share the first. */
  initialize(): Promise<void> {
    this.initPromise ??= (async () => {
      const rootUri = this.uriOfAbsolute(this.options.rootPath);
      const params: InitializeParams = {
        processId: null,
        rootUri,
        workspaceFolders: [{ uri: rootUri, name: "project" }],
        initializationOptions: this.options.files ? { files: this.options.files } : undefined,
        capabilities: {
          textDocument: {
            synchronization: { didSave: false, willSave: false, willSaveWaitUntil: false },
            completion: {
              contextSupport: true,
              completionItem: { snippetSupport: false, documentationFormat: ["markdown", "plaintext"], deprecatedSupport: true },
            },
            hover: { contentFormat: ["markdown", "plaintext"] },
            signatureHelp: {
              contextSupport: true,
              signatureInformation: {
                documentationFormat: ["markdown", "plaintext"],
                activeParameterSupport: true,
                parameterInformation: { labelOffsetSupport: true },
              },
            },
            publishDiagnostics: { tagSupport: { valueSet: [1, 2] }, versionSupport: true },
          },
          // No workspaceFolders capability: with it, Pyright 1.1.299 waits for folder events that never come and
          // answers no request.
          workspace: { configuration: true, didChangeConfiguration: {}, didChangeWatchedFiles: { dynamicRegistration: true } },
        },
      };
      await this.connection.sendRequest("initialize", params);
      await this.connection.sendNotification("initialized", {});
    })();
    return this.initPromise;
  }

  onDiagnostics(listener: DiagnosticsListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /**
   * Brings the server's documents in line with `files` (project path -> text): new files are opened, changed ones
   * sent again, missing ones closed. Cheap when nothing changed (string comparisons only).
   */
  sync(files: ReadonlyMap<string, string>): void {
    if (this.disposed) return;
    const opened: Array<[string, string]> = [];
    for (const [path, text] of files) {
      if (this.docs.has(path)) this.update(path, text);
      else opened.push([path, text]);
    }
    // One announcement for many new files: each one makes the server re-check everything open.
    this.open(opened);
    for (const path of [...this.docs.keys()]) if (!files.has(path)) this.close(path);
  }

  /** Opens `path` or sends its new text; nothing is sent when the text is what the server already has. */
  update(path: string, text: string): void {
    if (this.disposed) return;
    const doc = this.docs.get(path);
    if (!doc) {
      this.open([[path, text]]);
      return;
    }
    if (doc.text === text) return;
    doc.text = text;
    doc.version += 1;
    void this.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: this.uriOf(path), version: doc.version },
      contentChanges: [{ text }],
    });
  }

  private open(entries: Array<[string, string]>): void {
    if (this.disposed || entries.length === 0) return;
    const items = entries.map(([path, text]) => ({ uri: this.uriOf(path), text }));
    if (this.options.fileEvents === "createFile") void this.connection.sendNotification("pyright/createFiles", items);
    else void this.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: items.map(({ uri }) => ({ uri, type: 1 })) });
    for (const [path, text] of entries) {
      this.docs.set(path, { text, version: 1 });
      void this.connection.sendNotification("textDocument/didOpen", {
        textDocument: { uri: this.uriOf(path), languageId: "python", version: 1, text },
      });
    }
  }

  close(path: string): void {
    if (this.disposed || !this.docs.delete(path)) return;
    const uri = this.uriOf(path);
    void this.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
    if (this.options.fileEvents === "createFile") void this.connection.sendNotification("pyright/deleteFile", { uri });
    else void this.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri, type: 3 }] });
  }

  /** The version the server has of `path`, or undefined when it is not open. */
  version(path: string): number | undefined {
    return this.docs.get(path)?.version;
  }

  openPaths(): string[] {
    return [...this.docs.keys()];
  }

  completion(path: string, position: Position, context?: CompletionContext, token?: CancellationToken) {
    return this.ask<CompletionList | CompletionItem[] | null>(path, "textDocument/completion", { position, context }, token);
  }

  /** Pyright sends documentation for a completion only when asked for that one item. */
  async resolveCompletion(item: CompletionItem, token?: CancellationToken): Promise<CompletionItem | null> {
    if (this.disposed) return null;
    try {
      return await this.send<CompletionItem>("completionItem/resolve", item, token);
    } catch {
      return null;
    }
  }

  hover(path: string, position: Position, token?: CancellationToken) {
    return this.ask<Hover | null>(path, "textDocument/hover", { position }, token);
  }

  signatureHelp(path: string, position: Position, context?: SignatureHelpContext, token?: CancellationToken) {
    return this.ask<SignatureHelp | null>(path, "textDocument/signatureHelp", { position, context }, token);
  }

  /**
   * Loads builtins, typing and the common MicroPython stubs once, through a document outside the project, so the
   * person's first completion does not pay for parsing them.
   */
  async warmUp(): Promise<void> {
    if (this.disposed) return;
    const uri = this.uriOf(".mote-warmup.py");
    const text = "import machine, time\nmachine.Pin(2, machine.Pin.OUT)\ntime.";
    await this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "python", version: 1, text } });
    try {
      await this.send("textDocument/completion", { textDocument: { uri }, position: { line: 2, character: 5 } });
    } catch {
      // Warming up is best effort; real requests report their own failures.
    }
    if (!this.disposed) await this.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.listeners.clear();
    this.connection.dispose();
  }

  uriOf(path: string): string {
    return this.uriOfAbsolute(`${this.options.rootPath}/${path}`);
  }

  /** Project path for a document URI the server sends, or null for files outside the project (stubs). */
  pathOf(uri: string): string | null {
    if (!uri.startsWith("file://")) return null;
    const abs = uri.slice("file://".length).split("/").map(decodeURIComponent).join("/");
    const root = `${this.options.rootPath}/`;
    return abs.startsWith(root) ? abs.slice(root.length) : null;
  }

  private uriOfAbsolute(path: string): string {
    return `file://${path.split("/").map(encodeURIComponent).join("/")}`;
  }

  /**
   * Sends a request about `path` and resolves to null when the document changed meanwhile, the request failed or
   * was cancelled, or the client went away: a late answer is worse than none while the person types.
   */
  private async ask<T>(path: string, method: string, params: object, token?: CancellationToken): Promise<T | null> {
    const asked = this.docs.get(path)?.version;
    if (this.disposed || asked === undefined) return null;
    let result: T;
    try {
      result = await this.send<T>(method, { textDocument: { uri: this.uriOf(path) }, ...params }, token);
    } catch {
      return null;
    }
    if (this.disposed || token?.isCancellationRequested || this.docs.get(path)?.version !== asked) return null;
    return result;
  }

  /** An undefined token must not be passed on: jsonrpc would send it as a second, positional parameter. */
  private send<T>(method: string, params: object, token?: CancellationToken): Promise<T> {
    return token ? this.connection.sendRequest<T>(method, params, token) : this.connection.sendRequest<T>(method, params);
  }

  private settings(section: string | undefined): unknown {
    if (section === "python.analysis") {
      // Everything else comes from pyrightconfig.json at the root (fileSet.pyrightConfig), which takes precedence.
      // logLevel: the worker prints its log to the page's console, dozens of lines per keystroke otherwise.
      return { diagnosticMode: "openFilesOnly", autoSearchPaths: false, logLevel: "Error" };
    }
    if (section === "python" || section === "pyright") return {};
    return null;
  }
}
