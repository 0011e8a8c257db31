// Where the project lives (browser storage or a folder on disk) and the ways in and out of it: Open folder,
// Import zip, Export zip. Every outcome is said in the panel: what was imported, what was skipped and why, and
// what to do when the folder can't be reached.
import { lazy, Suspense, useRef, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { useWorkspace, workspaceStore } from "../store/workspace";
import { pickFolder } from "./fsAccess";
import { replacedBy } from "./importMerge";
import { exportProjectZip, importProjectZip, secretFiles, type SkippedEntry } from "./zip";

// The gallery and its example sources load on first use, outside the app shell.
const ExamplesDialog = lazy(() => import("../examples/ExamplesDialog"));

interface Report {
  text: string;
  skipped: SkippedEntry[];
  error?: boolean;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function listSome(paths: string[], max = 5): string {
  const shown = paths.slice(0, max).join(", ");
  return paths.length > max ? `${shown} and ${paths.length - max} more` : shown;
}

function download(bytes: Uint8Array, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: "application/zip" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started by now; revoking later still lets slow browsers read it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function ProjectSourceBar() {
  const { source, folderSupported, pendingFolder, folderNotice, skippedOnLoad, projects, project } = useWorkspace(
    useShallow((s) => ({
      projects: s.projects,
      project: s.project,
      source: s.source,
      folderSupported: s.folderSupported,
      pendingFolder: s.pendingFolder,
      folderNotice: s.folderNotice,
      skippedOnLoad: s.skipped,
    })),
  );
  const [report, setReport] = useState<Report | null>(null);
  const [busy, setBusy] = useState(false);
  const [examplesOpen, setExamplesOpen] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const store = () => workspaceStore.getState();

  const guard = async (what: string, action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (err) {
      setReport({ text: `${what}: ${message(err)}`, skipped: [], error: true });
    } finally {
      setBusy(false);
    }
  };

  const onOpenFolder = () =>
    guard("Couldn't open the folder", async () => {
      const dirty = store().dirtyPaths();
      if (source.kind === "folder" && dirty.length) {
        const ok = window.confirm(
          `${listSome(dirty)} ${dirty.length === 1 ? "has" : "have"} unsaved edits. Save them to "${source.name}" before opening another folder?`,
        );
        if (!ok) return;
        await store().saveAll();
      }
      const handle = await pickFolder();
      if (!handle) return;
      await store().openFolder(handle);
      setReport(null);
    });

  const onImport = async (file: File) => {
    await guard(`Couldn't import ${file.name}`, async () => {
      const result = importProjectZip(new Uint8Array(await file.arrayBuffer()));
      const s = store();
      const replaced = replacedBy(
        { files: s.files, folders: s.folders },
        result.files.filter((f) => s.files[f.path] && s.files[f.path].content !== f.content).map((f) => f.path),
      );
      if (replaced.length && !window.confirm(`Importing ${file.name} replaces ${listSome(replaced)}. Continue?`)) return;
      const merged = await s.importFiles(result.files, result.folders);
      const skipped = [...result.skipped, ...merged.skipped];
      const n = merged.imported.length;
      setReport({ text: `Imported ${n} file${n === 1 ? "" : "s"} from ${file.name}.`, skipped });
      if (merged.imported[0]) s.openFile(merged.imported[0]);
    });
  };

  const onExport = () =>
    guard("Couldn't export the project", async () => {
      const s = store();
      const files = { files: s.files, folders: s.folders };
      const secrets = secretFiles(files);
      if (
        secrets.length &&
        !window.confirm(`The zip will include ${listSome(secrets)}, which usually holds passwords or keys. Export anyway?`)
      ) {
        return;
      }
      const name = source.kind === "folder" ? source.name : project.id === "main" ? "mote-project" : `mote-${project.id}`;
      download(exportProjectZip(files), `${name}.zip`);
    });

  return (
    <div className="mote-source">
      <p className="mote-source__where">
        {source.kind === "folder" ? (
          <>
            Folder on disk: <strong>{source.name}</strong>
          </>
        ) : (
          <label className="mote-source__project">
            <span>Stored in this browser:</span>
            <select
              aria-label="Project"
              value={project.id}
              disabled={busy}
              onChange={(e) => void guard("Couldn't switch projects", () => store().switchProject(e.target.value))}
            >
              {projects.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </p>
      <div className="mote-source__actions">
        <button
          type="button"
          disabled={!folderSupported || busy}
          title={folderSupported ? "Work on a folder on your disk" : "This browser can't open folders on disk"}
          onClick={() => void onOpenFolder()}
        >
          Open folder
        </button>
        <button type="button" disabled={busy} title="Blink, MQTT, REST, Azure IoT Hub and more, each as a project of its own" onClick={() => setExamplesOpen(true)}>
          Examples
        </button>
        <button type="button" disabled={busy} onClick={() => fileInput.current?.click()}>
          Import zip
        </button>
        <button type="button" disabled={busy} onClick={() => void onExport()}>
          Export zip
        </button>
        {source.kind === "folder" && (
          <>
            <button type="button" disabled={busy} title="Read the folder again" onClick={() => void guard("Couldn't refresh", () => store().refresh())}>
              Refresh
            </button>
            <button type="button" disabled={busy} onClick={() => void guard("Couldn't switch", () => store().useBrowserProject())}>
              Use browser storage
            </button>
          </>
        )}
        <input
          ref={fileInput}
          type="file"
          accept=".zip,application/zip"
          hidden
          aria-label="Zip file to import"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (file) void onImport(file);
          }}
        />
      </div>
      {!folderSupported && (
        <p className="mote-source__note">
          This browser can't open folders on disk (no File System Access API; use Chrome or Edge for that). Your project
          is kept in browser storage.
        </p>
      )}
      {folderNotice && (
        <p className="mote-files__notice" role="alert">
          {folderNotice}
        </p>
      )}
      {pendingFolder && (
        <div className="mote-files__notice mote-source__pending" role="alert">
          {folderNotice ? (
            <span>
              Try the folder <strong>{pendingFolder}</strong> again, or forget it.
            </span>
          ) : (
            <span>
              The browser needs your permission again to open the folder <strong>{pendingFolder}</strong>. Until then
              the project in browser storage is shown.
            </span>
          )}
          <button type="button" onClick={() => void guard("Couldn't reopen the folder", async () => void (await store().reopenFolder()))}>
            Reopen folder
          </button>
          <button type="button" onClick={() => void guard("Couldn't forget the folder", () => store().useBrowserProject())}>
            Forget folder
          </button>
        </div>
      )}
      {report && (
        <div className={report.error ? "mote-files__notice" : "mote-source__report"} role={report.error || report.skipped.length ? "alert" : "status"}>
          <p>{report.text}</p>
          {report.skipped.length > 0 && (
            <>
              <p>
                Skipped {report.skipped.length} entr{report.skipped.length === 1 ? "y" : "ies"}; nothing was written for
                {report.skipped.length === 1 ? " it" : " them"}:
              </p>
              <ul className="mote-source__skipped">
                {report.skipped.map((s, i) => (
                  <li key={i}>
                    <code>{s.name}</code>: {s.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
          <button type="button" className="mote-source__dismiss" onClick={() => setReport(null)}>
            Dismiss
          </button>
        </div>
      )}
      {skippedOnLoad.length > 0 && (
        <details className="mote-source__loadskipped">
          <summary>
            {skippedOnLoad.length} file{skippedOnLoad.length === 1 ? "" : "s"} in the folder not shown
          </summary>
          <ul className="mote-source__skipped">
            {skippedOnLoad.map((s, i) => (
              <li key={i}>
                <code>{s.name}</code>: {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      {examplesOpen && (
        <Suspense fallback={<p role="status">Loading the examples…</p>}>
          <ExamplesDialog onClose={() => setExamplesOpen(false)} />
        </Suspense>
      )}
    </div>
  );
}
