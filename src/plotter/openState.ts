/**
 * Whether the plotter is open: the one piece of plotter state in the app shell (everything else loads with the
 * panel). Remembered across reloads.
 */
import { create } from "zustand";
import { readPref, writePref } from "../store/prefs";

interface PlotterOpenState {
  open: boolean;
  toggle(): void;
}

export const usePlotterOpen = create<PlotterOpenState>((set, get) => ({
  open: readPref("plotterOpen") === "1",
  toggle() {
    const open = !get().open;
    writePref("plotterOpen", open ? "1" : "0");
    set({ open });
  },
}));
