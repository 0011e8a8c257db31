// "A new version of Mote is ready": shown while a newer build waits, until Reload or Later.
import { OfflineState, offlineStore, useOffline } from "./updates";
import "./pwa.css";

export function UpdateNotice() {
  const state = useOffline((s) => s.state);
  const dismissed = useOffline((s) => s.dismissed);
  if (state !== OfflineState.UpdateReady || dismissed) return null;
  return (
    <div className="update-notice" role="status" aria-label="Update">
      <p>A new version of Mote is ready. Reload to use it; your files are kept, a running program stops.</p>
      <button type="button" className="btn btn-run" onClick={() => offlineStore.getState().applyUpdate()}>
        Reload
      </button>
      <button type="button" className="btn" onClick={() => offlineStore.setState({ dismissed: true })}>
        Later
      </button>
    </div>
  );
}
