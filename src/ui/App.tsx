import { useEffect } from "react";
import { EditorPane } from "../editor/EditorPane";
import { activeTerminal } from "../terminal/activeTerminal";
import { ReplPanel } from "./ReplPanel";
import { useConnection } from "../store/connection";
import { useWorkspace } from "../store/workspace";
import { BoardFilesPanel } from "../boardFiles/BoardFilesPanel";
import { ConflictDialog } from "../boardFiles/ConflictDialog";
import { FlashDialog } from "../firmware/FlashDialog";
import { PackagesMount } from "../packagesDialog/PackagesMount";
import { WebReplDialog } from "../webrepl/WebReplDialog";
import { HardwareBeside } from "../hardware/HardwarePanel";
import { saveActiveFormatted } from "../editor/saveFormatted";
import { ProjectFiles } from "../workspace/ProjectFiles";
import { AlertBanner, InfoBanner, NoticeToast } from "./Alerts";
import { describeProblem } from "./errorMessages";
import { installShortcuts } from "./shortcuts";
import { ComfortDialogs } from "../settings/ComfortDialogs";
import { openDialog } from "../settings/dialogs";
import { UpdateNotice } from "../pwa/UpdateNotice";
import { SplitPane } from "./SplitPane";
import { Toolbar } from "./Toolbar";
import "./app.css";

// StrictMode mounts effects twice in development; the board must still be opened only once per page load.
let started = false;

export function App() {
  const problem = useConnection((s) => s.error);
  const error = describeProblem(problem);
  const notice = useConnection((s) => s.notice);
  const board = useConnection((s) => s.board);
  const serialSupported = useConnection((s) => s.serialSupported);
  const serialReason = useConnection((s) => s.serialUnsupportedReason);
  const storageError = useWorkspace((s) => s.storageError);
  const hardware = useConnection((s) => s.hardware);

  useEffect(() => {
    if (started) return;
    started = true;
    void useWorkspace.getState().init();
    // The virtual board is the default so the app is useful the moment it opens.
    void useConnection.getState().autoConnect();
  }, []);

  useEffect(
    () =>
      installShortcuts(
        window,
        () => ({ terminalSelection: activeTerminal()?.hasFocusedSelection() ?? false }),
        {
          run: () => void useConnection.getState().run(),
          save: () => void saveActiveFormatted(useWorkspace),
          stop: () => void useConnection.getState().stop(),
          settings: () => openDialog("settings"),
          help: () => openDialog("shortcuts"),
        },
      ),
    [],
  );

  return (
    <div className="app">
      <Toolbar />
      <div className="banners">
        {/* The same words as an error right below would only repeat themselves. */}
        {board === "serial" && !serialSupported && error?.text !== serialReason ? <InfoBanner text={serialReason} /> : null}
        {storageError ? <InfoBanner text={storageError} /> : null}
        <AlertBanner message={error} onDismiss={() => useConnection.getState().dismissError()} />
      </div>
      <main className="workbench">
        <aside className="sidebar">
          <ProjectFiles />
          <BoardFilesPanel />
        </aside>
        <SplitPane
          storageKey="replHeight"
          label="Resize terminal"
          top={
            <div className="editor-area">
              <EditorPane />
            </div>
          }
          bottom={
            <HardwareBeside hardware={hardware}>
              <ReplPanel />
            </HardwareBeside>
          }
        />
      </main>
      <NoticeToast notice={notice} />
      <ConflictDialog />
      <FlashDialog />
      <PackagesMount />
      <WebReplDialog />
      <ComfortDialogs />
      <UpdateNotice />
    </div>
  );
}
