// Which palette is showing. The person chooses System, Light or Dark (store/settings.ts); System follows the
// operating system's prefers-color-scheme, live. ui/applyTheme.ts puts the result on <html data-theme>, and the
// editor and the terminal follow this store to re-read the palette.
import { useStore } from "zustand";
import { createStore } from "zustand/vanilla";
import type { ThemeChoice } from "./settings";

export type ResolvedTheme = "light" | "dark";

/** System means whatever the OS prefers; with no preference known (`systemPrefersDark` null), dark, Mote's own look. */
export function resolveTheme(choice: ThemeChoice, systemPrefersDark: boolean | null): ResolvedTheme {
  if (choice === "light" || choice === "dark") return choice;
  return systemPrefersDark === false ? "light" : "dark";
}

export const themeStore = createStore<{ theme: ResolvedTheme }>(() => ({ theme: "dark" }));

export const useResolvedTheme = (): ResolvedTheme => useStore(themeStore, (s) => s.theme);
