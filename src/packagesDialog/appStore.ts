// The app's one packages store, wired to the connected board and to the Board files panel (which lists again after
// an install or removal). Kept out of src/store/packages.ts so that store's tests need neither.
import { useStore } from "zustand";
import type { StoreApi } from "zustand/vanilla";
import { useBoardFiles } from "../store/boardFiles";
import { useConnection } from "../store/connection";
import { createPackagesStore, type PackagesState } from "../store/packages";

let store: StoreApi<PackagesState> | null = null;

export function packagesStore(): StoreApi<PackagesState> {
  store ??= createPackagesStore({
    getDevice: () => useConnection.getState().device,
    onBoardChanged: () => useBoardFiles.getState().markStale(),
  });
  return store;
}

export function usePackages<T>(selector: (s: PackagesState) => T): T {
  return useStore(packagesStore(), selector);
}
