// The language cases, run through the app's LanguageClient with Mote's real file set against two engines: the
// browser build the app ships (pyright.worker.js on a Node worker thread) and Pyright 1.1.299 for Node (the same
// engine version, spawned as `langserver.index.js --stdio` with the stubs written to a temp typeshed folder).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CompletionItem, CompletionList, Hover, MarkupContent, Position } from "vscode-languageserver-protocol";
import { isSyntaxError, messageText } from "./convert";
import { startBrowserPyright } from "./testing/browserPyright";
import { classDocFirstLine, startNodePyright, type PyrightHarness } from "./testing/nodePyright";

const BOARD = { "boardcam.pyi": 'def snap() -> bytes:\n    """Take a picture."""\n' };

describe.each([
  ["browser build", startBrowserPyright],
  ["Node build", startNodePyright],
])("%s", (_engine, start) => {
  let py: PyrightHarness;
  let n = 0;

  beforeAll(async () => {
    py = await start(BOARD);
  }, 60_000);
  afterAll(async () => {
    await py?.stop();
  });

  /** Opens `source` with `|` marking the cursor; returns its path and the cursor's LSP position. */
  function open(source: string, path = `case${++n}.py`): { path: string; position: Position } {
    const offset = source.indexOf("|");
    const text = source.replace("|", "");
    const before = text.slice(0, offset).split("\n");
    py.write(path, text);
    return { path, position: { line: before.length - 1, character: before[before.length - 1].length } };
  }

  function labels(result: CompletionList | CompletionItem[] | null): string[] {
    const items = Array.isArray(result) ? result : (result?.items ?? []);
    return items.map((i) => i.label);
  }

  function hoverText(h: Hover | null): string {
    if (!h) return "";
    const c = h.contents;
    if (typeof c === "string") return c;
    if (Array.isArray(c)) return c.map((x) => (typeof x === "string" ? x : x.value)).join("\n");
    return (c as MarkupContent).value;
  }

  describe("completions", () => {
    const cases: Array<[string, string, string[]]> = [
      ["module members after a dot", "import machine\nmachine.|", ["Pin", "ADC", "PWM"]],
      ["class constants inside a call", "import machine\nmachine.Pin(2, machine.Pin.|", ["OUT", "IN"]],
      ["names from a from-import", "from machine import Pin\nPin.|", ["OUT"]],
      ["time functions", "import time\ntime.|", ["sleep", "sleep_ms"]],
      ["a board's generated stub", "import boardcam\nboardcam.|", ["snap"]],
    ];
    it.each(cases)("%s", async (_name, source, expected) => {
      const { path, position } = open(source);
      const result = await py.client.completion(path, position, { triggerKind: 2, triggerCharacter: "." });
      expect(labels(result)).toEqual(expect.arrayContaining(expected));
    });

    it("offers a project module's functions after importing it", async () => {
      py.write("helpers.py", "def blink():\n    pass\n");
      const { path, position } = open("import helpers\nhelpers.|");
      expect(labels(await py.client.completion(path, position))).toContain("blink");
    });

    it("finds a module in lib/, as a board does", async () => {
      py.write("lib/sensors.py", "def read_temp() -> float:\n    return 20.0\n");
      const { path, position } = open("import sensors\nsensors.|");
      expect(labels(await py.client.completion(path, position))).toContain("read_temp");
    });

    it("gives documentation when an item is resolved", async () => {
      const { path, position } = open("import machine\nmachine.|");
      const result = await py.client.completion(path, position);
      const items = Array.isArray(result) ? result : (result?.items ?? []);
      const pin = items.find((i) => i.label === "Pin");
      expect(pin).toBeDefined();
      const resolved = await py.client.resolveCompletion(pin!);
      const doc = resolved?.documentation;
      expect(typeof doc === "string" ? doc : doc?.value).toContain(classDocFirstLine("machine.pyi", "Pin"));
    });

    it("drops an answer once the text has moved on", async () => {
      const { path, position } = open("import machine\nmachine.|");
      const pending = py.client.completion(path, position);
      py.client.update(path, "import machine\nmachine.P");
      expect(await pending).toBeNull();
    });
  });

  describe("hover and signature help", () => {
    it("hover on Pin shows its docstring", async () => {
      const { path, position } = open("from machine import P|in\nled = Pin(2, Pin.OUT)\n");
      const text = hoverText(await py.client.hover(path, position));
      expect(text).toMatch(/\(class\) Pin/);
      expect(text).toContain(classDocFirstLine("machine.pyi", "Pin"));
    });

    it("hover on a constructor call shows the parameters", async () => {
      const { path, position } = open("from machine import Pin\nled = P|in(2, Pin.OUT)\n");
      const text = hoverText(await py.client.hover(path, position));
      expect(text).toMatch(/class Pin\(\s*id\b[\s\S]*\bmode\b/);
    });

    it("signature help inside time.sleep( names the parameter", async () => {
      const { path, position } = open("import time\ntime.sleep(|)\n");
      const help = await py.client.signatureHelp(path, position, { triggerKind: 2, triggerCharacter: "(", isRetrigger: false });
      const sig = help?.signatures[help.activeSignature ?? 0];
      expect(sig?.label).toMatch(/seconds/);
      // The signature's own activeParameter wins over the top-level one (LSP 3.16); Pyright fills in both.
      const param = sig?.parameters?.[sig.activeParameter ?? help?.activeParameter ?? 0];
      const label = typeof param?.label === "string" ? param.label : sig?.label.slice(...param!.label);
      expect(label).toMatch(/^seconds/);
    });

    it("signature help moves to the second parameter after a comma", async () => {
      const { path, position } = open("import machine\nmachine.Pin(2, |)\n");
      const help = await py.client.signatureHelp(path, position);
      const sig = help?.signatures[help.activeSignature ?? 0];
      const active = sig?.activeParameter ?? help?.activeParameter;
      const param = sig?.parameters?.[active ?? -1];
      const label = typeof param?.label === "string" ? param.label : sig?.label.slice(...param!.label);
      expect(label).toMatch(/^mode/);
    });
  });

  describe("diagnostics", () => {
    /** Diagnostics once the one matching `done` is among them (the rest of the list comes from the same analysis). */
    async function diagnose(source: string, done: RegExp) {
      const path = `diag${++n}.py`;
      const pending = py.diagnostics(path, (ds) => ds.some((d) => done.test(messageText(d))));
      py.write(path, source);
      return pending;
    }

    it("reports a CPython-only import as unresolved, at its line and column", async () => {
      const diags = await diagnose("import machine\nimport tkinter\n", /tkinter/);
      const d = diags.find((x) => /tkinter/.test(messageText(x)));
      expect(d && messageText(d)).toMatch(/could not be resolved/);
      expect(d?.range.start).toEqual({ line: 1, character: 7 });
      expect(d?.severity).toBe(2);
    });

    it("reports an unknown attribute as an error", async () => {
      const diags = await diagnose("import machine\nmachine.Pni(2)\n", /Pni/);
      const d = diags.find((x) => /Pni/.test(messageText(x)));
      expect(d?.severity).toBe(1);
      expect(d?.range.start).toEqual({ line: 1, character: 8 });
    });

    it("reports a wrong argument count as an error", async () => {
      const diags = await diagnose("import time\ntime.sleep(1, 2)\n", /argument/i);
      const d = diags.find((x) => /argument/i.test(messageText(x)));
      expect(d?.severity).toBe(1);
      expect(d?.range.start.line).toBe(1);
    });

    it("gives syntax errors no rule code, and every checker error one", async () => {
      const diags = await diagnose("import machine\nx = = 1\nmachine.Pni\n", /Pni/);
      const syntax = diags.filter(isSyntaxError);
      expect(syntax.map((d) => d.range.start.line)).toEqual([1]);
      expect(diags.find((d) => /Pni/.test(messageText(d)))?.code).toBe("reportGeneralTypeIssues");
    });

    it("is quiet on a correct MicroPython program", async () => {
      // reveal_type() proves the analysis ran (and that `led` is a Pin) in the same list that must hold no complaint.
      const diags = await diagnose(
        "from machine import Pin\nimport time\nled = Pin(2, Pin.OUT)\nreveal_type(led)\nfor _ in range(3):\n    led.on()\n    time.sleep(1)\n    led.off()\n    time.sleep_ms(500)\n",
        /Type of "led"/,
      );
      const revealed = diags.find((d) => /Type of "led"/.test(messageText(d)));
      expect(revealed && messageText(revealed)).toMatch(/Pin/);
      expect(diags.filter((d) => d.severity === 1 || d.severity === 2)).toEqual([]);
    });
  });
});
