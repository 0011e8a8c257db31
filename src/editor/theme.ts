// Monaco takes colours as hex strings only, while the app shell defines its palette as CSS variables in any CSS
// syntax. This reads the shell's variables once and turns them into a Monaco theme, so the editor matches the
// panels around it; Monaco-free so it can be unit-tested in Node.

export const THEME_NAME = "mote-dark";

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

export function readPalette(read: (name: string) => string): ShellPalette {
  const pick = (key: keyof ShellPalette) => cssColorToHex(read(`--${key}`)) ?? FALLBACK_PALETTE[key];
  return { bg: pick("bg"), panel: pick("panel"), text: pick("text"), accent: pick("accent") };
}

/** Structurally a monaco.editor.IStandaloneThemeData, kept as plain data so this file needn't import Monaco. */
export function buildTheme(p: ShellPalette) {
  const accent = p.accent.slice(1);
  return {
    base: "vs-dark" as const,
    inherit: true,
    rules: [
      { token: "comment", foreground: "7f8796", fontStyle: "italic" },
      { token: "keyword", foreground: "c792ea" },
      { token: "string", foreground: "a5d6a7" },
      { token: "number", foreground: "f7c77e" },
      { token: "type", foreground: accent },
    ],
    colors: {
      "editor.background": p.bg,
      "editor.foreground": p.text,
      "editorCursor.foreground": p.accent,
      "editor.lineHighlightBackground": p.panel,
      "editorLineNumber.foreground": "#5c6370",
      "editorLineNumber.activeForeground": p.text,
      "editor.selectionBackground": p.accent + "44",
      "editor.inactiveSelectionBackground": p.accent + "22",
      "editorIndentGuide.background1": "#2c313a",
      "editorWidget.background": p.panel,
      "focusBorder": p.accent,
    },
  };
}
