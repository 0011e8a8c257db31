// Monaco takes colours as hex strings only, while the app shell defines its palette as CSS variables in any CSS
// syntax. This reads the shell's variables (again whenever the theme changes) and turns them into a Monaco theme, so
// the editor matches the panels around it; Monaco-free so it can be unit-tested in Node.

export type EditorThemeKind = "light" | "dark";

export const themeName = (kind: EditorThemeKind): string => `mote-${kind}`;

export interface ShellPalette {
  bg: string;
  panel: string;
  text: string;
  accent: string;
}

/** Used when the shell hasn't defined a variable (or defined it in a form we can't read). */
export const FALLBACK_PALETTE: ShellPalette = {
  bg: "#16181d",
  panel: "#1e2128",
  text: "#d7dae0",
  accent: "#4fb3ff",
};

function hex2(n: number): string {
  return Math.max(0, Math.min(255, Math.round(n))).toString(16).padStart(2, "0");
}

/** "#abc", "#aabbcc", "#aabbccdd", "rgb(1, 2, 3)", "rgb(1 2 3 / 50%)" -> "#rrggbb" (alpha dropped); else null. */
export function cssColorToHex(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.trim().toLowerCase();
  let m = /^#([0-9a-f]{3,4})$/.exec(v);
  if (m) return "#" + [...m[1].slice(0, 3)].map((c) => c + c).join("");
  m = /^#([0-9a-f]{6})([0-9a-f]{2})?$/.exec(v);
  if (m) return "#" + m[1];
  m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(v);
  if (m) return "#" + hex2(Number(m[1])) + hex2(Number(m[2])) + hex2(Number(m[3]));
  return null;
}

/** `--editor-bg` / `--editor-line` let a palette give the editor its own surface (light: white on a grey shell). */
export function readPalette(read: (name: string) => string): ShellPalette {
  const pick = (key: keyof ShellPalette, override?: string) =>
    (override ? cssColorToHex(read(override)) : null) ?? cssColorToHex(read(`--${key}`)) ?? FALLBACK_PALETTE[key];
  return { bg: pick("bg", "--editor-bg"), panel: pick("panel", "--editor-line"), text: pick("text"), accent: pick("accent") };
}

/** Token colours per kind: each readable on its own background (the light ones at 4.5:1 or better on white). */
const SYNTAX: Record<EditorThemeKind, { comment: string; keyword: string; string: string; number: string; lineNumber: string; indentGuide: string }> = {
  dark: { comment: "7f8796", keyword: "c792ea", string: "a5d6a7", number: "f7c77e", lineNumber: "#5c6370", indentGuide: "#2c313a" },
  light: { comment: "6a7380", keyword: "8a3ab9", string: "2b7a38", number: "9a5b00", lineNumber: "#8a94a3", indentGuide: "#e1e5eb" },
};

/** Structurally a monaco.editor.IStandaloneThemeData, kept as plain data so this file needn't import Monaco. */
export function buildTheme(p: ShellPalette, kind: EditorThemeKind = "dark") {
  const accent = p.accent.slice(1);
  const c = SYNTAX[kind];
  return {
    base: kind === "light" ? ("vs" as const) : ("vs-dark" as const),
    inherit: true,
    rules: [
      { token: "comment", foreground: c.comment, fontStyle: "italic" },
      { token: "keyword", foreground: c.keyword },
      { token: "string", foreground: c.string },
      { token: "number", foreground: c.number },
      { token: "type", foreground: accent },
    ],
    colors: {
      "editor.background": p.bg,
      "editor.foreground": p.text,
      "editorCursor.foreground": p.accent,
      "editor.lineHighlightBackground": p.panel,
      "editorLineNumber.foreground": c.lineNumber,
      "editorLineNumber.activeForeground": p.text,
      "editor.selectionBackground": p.accent + "44",
      "editor.inactiveSelectionBackground": p.accent + "22",
      "editorIndentGuide.background1": c.indentGuide,
      "editorWidget.background": p.panel,
      "focusBorder": p.accent,
    },
  };
}
