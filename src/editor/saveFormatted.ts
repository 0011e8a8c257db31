import type { StoreApi } from "zustand/vanilla";
import type { WorkspaceState } from "../store/workspace";
import { settingsStore } from "../store/settings";

/** The one Format on save setting (store/settings.ts), shown in Settings and in the editor's status line. */
export const formatOnSaveEnabled = (): boolean => settingsStore.getState().formatOnSave;

/** Ruff's formatter, loaded only when it is first needed (it lives with the diagnostics worker). */
async function ruffFormat(text: string): Promise<string> {
  const { formatOnSave } = await import("./diagnostics/diagnostics");
  return formatOnSave(text);
}

/**
 * Save (Ctrl-S, the Save button), formatting a Python file with Ruff first when "Format on save" is on. A file Ruff
 * cannot format (a syntax error) is saved as it is; an edit made while the formatter ran wins over its result.
 */
export async function saveActiveFormatted(
  store: StoreApi<WorkspaceState>,
  format: (text: string) => Promise<string> = ruffFormat,
  enabled: () => boolean = formatOnSaveEnabled,
): Promise<void> {
  const active = store.getState().getActiveSource();
  if (active && enabled() && active.path.toLowerCase().endsWith(".py")) {
    const formatted = await format(active.source).catch(() => active.source);
    const now = store.getState().getActiveSource();
    if (formatted !== active.source && now?.path === active.path && now.source === active.source) {
      store.getState().updateContent(active.path, formatted);
    }
  }
  await store.getState().saveActive();
}
