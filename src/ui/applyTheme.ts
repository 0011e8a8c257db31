// Keeps <html data-theme> (which selects the palette in app.css), the browser's color-scheme and the window's
// theme-color in step with the Theme setting and, for System, with the OS. Runs before the first render.
import { settingsStore } from "../store/settings";
import { resolveTheme, themeStore, type ResolvedTheme } from "../store/theme";

const DARK_QUERY = "(prefers-color-scheme: dark)";
const LIGHT_QUERY = "(prefers-color-scheme: light)";

/** Installs the watchers; returns a function that removes them (tests, hot reload). */
export function installTheme(win: Window = window): () => void {
  const dark = win.matchMedia?.(DARK_QUERY);
  const light = win.matchMedia?.(LIGHT_QUERY);
  // Neither query matching means the OS states no preference.
  const systemPrefersDark = (): boolean | null => (dark?.matches ? true : light?.matches ? false : null);

  const apply = () => {
    const theme = resolveTheme(settingsStore.getState().theme, systemPrefersDark());
    const root = win.document.documentElement;
    root.dataset.theme = theme;
    root.style.colorScheme = theme;
    updateThemeColor(win.document, theme);
    // After the attribute, so subscribers that read CSS variables already see the new palette.
    if (themeStore.getState().theme !== theme) themeStore.setState({ theme });
  };

  apply();
  const unsubscribe = settingsStore.subscribe((s, prev) => {
    if (s.theme !== prev.theme) apply();
  });
  dark?.addEventListener("change", apply);
  light?.addEventListener("change", apply);
  return () => {
    unsubscribe();
    dark?.removeEventListener("change", apply);
    light?.removeEventListener("change", apply);
  };
}

/** The colour an installed window's title bar (and a mobile browser's chrome) takes: the toolbar's. */
function updateThemeColor(doc: Document, theme: ResolvedTheme): void {
  let meta = doc.querySelector<HTMLMetaElement>('meta[name="theme-color"]');
  if (!meta) {
    meta = doc.createElement("meta");
    meta.name = "theme-color";
    doc.head.appendChild(meta);
  }
  meta.content = getComputedStyle(doc.documentElement).getPropertyValue("--panel").trim() || (theme === "light" ? "#ffffff" : "#151a21");
}
