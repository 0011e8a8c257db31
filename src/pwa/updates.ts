// What the service worker is doing, for the page: an explicit state, so the UI never has to guess from events.
import { createStore } from "zustand/vanilla";
import { useStore } from "zustand";

export enum OfflineState {
  /** No service worker here: `npm run dev`, a browser without them, or an insecure origin. */
  Unavailable = "unavailable",
  /** Registered; the first visit is still filling the cache. */
  Installing = "installing",
  /** Every file of this version is cached: Mote opens without a network. */
  Ready = "ready",
  /** A newer build is cached and waiting; it takes over when the person presses Reload. */
  UpdateReady = "update-ready",
  /** Registration failed (storage full, a file missing on the server): Mote still works online. */
  Failed = "failed",
}

export interface OfflineStatus {
  state: OfflineState;
  /** Why registration failed, for the person (Failed only). */
  reason: string | null;
  /** Hides the "new version" notice for this page; the waiting build asks again on the next visit. */
  dismissed: boolean;
  /** Activates the waiting build and reloads the page (set by register.ts). */
  applyUpdate: () => void;
}

export const offlineStore = createStore<OfflineStatus>(() => ({
  state: OfflineState.Unavailable,
  reason: null,
  dismissed: false,
  applyUpdate: () => {},
}));

export const useOffline = <T,>(pick: (s: OfflineStatus) => T): T => useStore(offlineStore, pick);
