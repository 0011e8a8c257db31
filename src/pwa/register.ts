/// <reference types="vite-plugin-pwa/vanillajs" />
// Registers the service worker (production builds only) and turns its events into OfflineState for the UI.
import { showNotice } from "../store/connection";
import { OfflineState, offlineStore } from "./updates";

/** A tab left open for days still learns about a new build: the browser checks sw.js on every check. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

export async function registerServiceWorker(): Promise<void> {
  // Vite's dev server must never get a service worker: it would answer hot-reloaded modules from a stale cache.
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  const { registerSW } = await import("virtual:pwa-register");
  offlineStore.setState({ state: OfflineState.Installing });
  const updateSW = registerSW({
    onOfflineReady() {
      offlineStore.setState({ state: OfflineState.Ready });
      showNotice("Mote is ready to work offline, the virtual board included.");
    },
    onNeedRefresh() {
      offlineStore.setState({ state: OfflineState.UpdateReady, dismissed: false });
    },
    onRegisteredSW(_url, registration) {
      // A page opened after an earlier visit is already controlled: it was ready offline before it loaded.
      if (registration?.active && navigator.serviceWorker.controller && offlineStore.getState().state === OfflineState.Installing) {
        offlineStore.setState({ state: OfflineState.Ready });
      }
      if (registration) setInterval(() => void registration.update().catch(() => {}), UPDATE_CHECK_MS);
    },
    onRegisterError(error: unknown) {
      const reason = error instanceof Error ? error.message : String(error);
      offlineStore.setState({ state: OfflineState.Failed, reason });
      showNotice(`Mote could not be kept for offline use (${reason}). It works as usual while this server is reachable.`);
    },
  });
  offlineStore.setState({ applyUpdate: () => void updateSW(true) });
}
