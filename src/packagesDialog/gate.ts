// The app shell's only tie to the Packages dialog: asking for it. The dialog, its store and the package manager load
// on the first ask (PackagesMount), so none of them weighs on the first page load.
import { create } from "zustand";

export const usePackagesGate = create<{ asked: number }>(() => ({ asked: 0 }));

/** Opens the Packages dialog, loading it first if this is the first time. */
export function openPackages(): void {
  usePackagesGate.setState((s) => ({ asked: s.asked + 1 }));
}
