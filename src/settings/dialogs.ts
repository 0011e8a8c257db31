// Which of the comfort dialogs is open. One at a time: opening one closes the other.
import { useStore } from "zustand";
import { createStore } from "zustand/vanilla";

export type ComfortDialog = "settings" | "shortcuts";

export const dialogStore = createStore<{ open: ComfortDialog | null }>(() => ({ open: null }));

export const openDialog = (which: ComfortDialog): void => dialogStore.setState({ open: which });
export const closeDialog = (): void => dialogStore.setState({ open: null });
export const useOpenDialog = (): ComfortDialog | null => useStore(dialogStore, (s) => s.open);
