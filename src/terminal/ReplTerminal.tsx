import { FitAddon } from "@xterm/addon-fit";
import { Terminal } from "@xterm/xterm";
import "@xterm/xterm/css/xterm.css";
import "./terminal.css";
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import type { DeviceApi } from "../device/api";
import { setActiveTerminal } from "./activeTerminal";
import { applyLineEnding, classifyTerminalKey, type LineEnding } from "./input";
import { TracebackLinkProvider } from "./linkProvider";
import { transitionNote, type TerminalStatus } from "./notes";
import type { TracebackRef } from "./tracebackLinks";
import { createWriteBatcher, pageTiming, type WriteBatcher } from "./writeBatcher";

const encoder = new TextEncoder();
const DIM = (s: string) => `\x1b[2m${s}\x1b[22m`;

/** Reads the theme's CSS variables so the terminal matches the panels around it. */
function themeFromCss(el: HTMLElement) {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    background: v("--term-bg", "#11151c"),
    foreground: v("--text", "#d8dee9"),
    cursor: v("--accent", "#5ccfe6"),
    selectionBackground: v("--selection", "#2b4a66"),
    red: v("--danger", "#ff6b6b"),
    brightRed: v("--danger", "#ff6b6b"),
    // The block cursor's character takes the background colour, so it reads on a light palette too.
    cursorAccent: v("--term-bg", "#11151c"),
  };
}

export interface ReplTerminalProps {
  /** The board to talk to; null while not connected. */
  device: DeviceApi | null;
  status: TerminalStatus;
  /** A `File "NAME", line N` link was clicked. */
  onTracebackLink(ref: TracebackRef): void;
  fontSize: number;
  /** What Enter sends. */
  lineEnding: LineEnding;
  /** Changes when the palette does, so the terminal re-reads the CSS variables ("light" / "dark"). */
  theme: string;
  /** Extra controls for the header (the Plotter toggle). */
  actions?: ReactNode;
}

/**
 * The REPL: the board's interactive prompt and the output of Run. Knows xterm and the DeviceApi, not the app's
 * stores: ui/ReplPanel wires it to them.
 */
export function ReplTerminal({ device, status, onTracebackLink, fontSize, lineEnding, theme, actions }: ReplTerminalProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal | null>(null);
  const batcherRef = useRef<WriteBatcher | null>(null);
  const noteRef = useRef<(text: string) => void>(() => {});
  // Latest props for xterm's callbacks, which are registered once.
  const deviceRef = useRef(device);
  deviceRef.current = device;
  const linkRef = useRef(onTracebackLink);
  linkRef.current = onTracebackLink;
  const endingRef = useRef(lineEnding);
  endingRef.current = lineEnding;
  const fontSizeRef = useRef(fontSize);
  const refitRef = useRef<() => void>(() => {});
  const prevStatus = useRef(status);
  // Typing with no board says so once per disconnection, not on every key.
  const hintedRef = useRef(false);
  const [screenReader, setScreenReader] = useState(false);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const term = new Terminal({
      fontFamily: 'ui-monospace, "Cascadia Code", "Source Code Pro", Menlo, Consolas, "DejaVu Sans Mono", monospace',
      fontSize: fontSizeRef.current,
      lineHeight: 1.15,
      cursorBlink: true,
      scrollback: 5000,
      // Some ports (the WASM one among them) end lines with a bare \n; without this, output would staircase.
      convertEol: true,
      allowProposedApi: false,
      theme: themeFromCss(host),
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(host);
    termRef.current = term;

    const batcher = createWriteBatcher({
      // xterm's write callback fires once the data is parsed: that is the back-pressure signal.
      write: (data, done) => term.write(data, done),
      ...pageTiming,
      styles: { stderr: "\x1b[31m" },
    });
    batcherRef.current = batcher;

    const refit = () => {
      // fit() throws while the panel is hidden or zero-sized; the next resize fixes it.
      try {
        fit.fit();
      } catch {
        /* ignore */
      }
    };
    refit();
    refitRef.current = refit;
    const resize = new ResizeObserver(() => refit());
    resize.observe(host);

    const links = term.registerLinkProvider(new TracebackLinkProvider(term, (ref) => linkRef.current(ref)));

    term.attachCustomKeyEventHandler((e) => {
      const action = classifyTerminalKey(e, term.hasSelection());
      if (action === "copy") {
        void navigator.clipboard?.writeText(term.getSelection()).catch(() => {});
        e.preventDefault();
        return false;
      }
      // Returning false without preventDefault lets the browser raise its paste event, handled below.
      if (action === "paste") return false;
      return true;
    });

    // Capture phase on the host runs before xterm's own paste listener on its textarea.
    const onPaste = (e: ClipboardEvent) => {
      e.preventDefault();
      e.stopImmediatePropagation();
      const text = e.clipboardData?.getData("text/plain") ?? "";
      // The core wraps multi-line text in the REPL's paste mode and normalises line endings to CR.
      if (text !== "") deviceRef.current?.paste(text);
    };
    host.addEventListener("paste", onPaste, true);

    // Status lines start on a fresh row, without leaving a blank first row in an empty terminal.
    const note = (text: string) => {
      const midLine = term.buffer.active.cursorX > 0 || batcher.pendingBytes > 0;
      batcher.push(`${midLine ? "\r\n" : ""}${DIM(`[${text}]`)}\r\n`, "local");
    };
    noteRef.current = note;

    const data = term.onData((d) => {
      const current = deviceRef.current;
      if (current) {
        current.sendInput(encoder.encode(applyLineEnding(d, endingRef.current)));
      } else if (!hintedRef.current) {
        hintedRef.current = true;
        note("not connected: press Connect to talk to a board");
      }
    });

    setActiveTerminal({
      hasFocusedSelection: () => host.contains(document.activeElement) && term.hasSelection(),
      focus: () => term.focus(),
      clear: () => term.clear(),
    });

    return () => {
      noteRef.current = () => {};
      refitRef.current = () => {};
      setActiveTerminal(null);
      host.removeEventListener("paste", onPaste, true);
      data.dispose();
      links.dispose();
      resize.disconnect();
      batcher.dispose();
      batcherRef.current = null;
      termRef.current = null;
      term.dispose();
    };
  }, []);

  // Link and program changes get a line in the transcript, where the person's eyes are. A layout effect, so the
  // line is queued during the commit, before the program's first output can reach the batcher.
  useLayoutEffect(() => {
    const note = transitionNote(prevStatus.current, status);
    prevStatus.current = status;
    if (note) noteRef.current(note);
  }, [status]);

  useEffect(() => {
    const batcher = batcherRef.current;
    hintedRef.current = false;
    if (!device || !batcher) return;
    // The first listener also receives what the board printed while connecting (banner and first prompt).
    return device.on("output", (chunk, stream) => batcher.push(chunk, stream));
  }, [device]);

  useEffect(() => {
    const term = termRef.current;
    if (term) term.options.screenReaderMode = screenReader;
  }, [screenReader]);

  // Settings apply live: a new font size re-fits the rows and columns (the board is not told; MicroPython has no
  // terminal size), a new theme re-reads the palette the page switched to.
  useEffect(() => {
    fontSizeRef.current = fontSize;
    const term = termRef.current;
    if (!term || term.options.fontSize === fontSize) return;
    term.options.fontSize = fontSize;
    refitRef.current();
  }, [fontSize]);

  useEffect(() => {
    const term = termRef.current;
    const host = hostRef.current;
    if (term && host) term.options.theme = themeFromCss(host);
  }, [theme]);

  return (
    <section className="repl" aria-label="REPL">
      <header className="panel-header">
        <span className="panel-title">REPL</span>
        <span className="panel-hint">Ctrl-C stops · Ctrl-D soft reset · Ctrl-Shift-C copies</span>
        {actions}
        <button
          type="button"
          className="icon-button"
          aria-pressed={screenReader}
          title="Read terminal output with a screen reader"
          onClick={() => setScreenReader((v) => !v)}
        >
          <span aria-hidden="true">◉</span> Screen reader mode
        </button>
        <button type="button" className="icon-button" title="Clear the terminal" onClick={() => termRef.current?.clear()}>
          <span aria-hidden="true">⌫</span> Clear
        </button>
      </header>
      <div className="repl-host" ref={hostRef} />
    </section>
  );
}
