// Keyboard shortcuts, listed from the tables that define them: the app's (ui/shortcuts.ts, the same table that
// installs them), the editor's (editor/keys.ts) and the terminal's (terminal/input.ts).
import { EDITOR_KEYS } from "../editor/keys";
import { TERMINAL_KEYS } from "../terminal/input";
import { SHORTCUTS } from "../ui/shortcuts";
import { closeDialog } from "./dialogs";
import { Modal } from "../ui/Modal";

const IS_MAC = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

export function ShortcutsDialog() {
  return (
    <Modal title="Keyboard shortcuts" onClose={closeDialog} className="shortcuts-dialog">
      <div className="shortcuts-dialog__body" tabIndex={0} data-autofocus aria-label="Shortcut list">
        <KeyTable caption="Anywhere in Mote" rows={SHORTCUTS} />
        <KeyTable caption="In the editor" rows={EDITOR_KEYS} />
        <KeyTable caption="In the REPL" rows={TERMINAL_KEYS} />
        {IS_MAC ? <p className="settings-dialog__hint">On a Mac, use Cmd for Ctrl in the app and editor keys; the REPL keeps Ctrl.</p> : null}
      </div>
      <footer className="settings-dialog__footer">
        <button type="button" className="btn btn-run" onClick={closeDialog}>
          Close
        </button>
      </footer>
    </Modal>
  );
}

function KeyTable({ caption, rows }: { caption: string; rows: ReadonlyArray<{ keys: string; what: string }> }) {
  return (
    <table className="shortcuts-dialog__table">
      <caption>{caption}</caption>
      <tbody>
        {rows.map((r) => (
          <tr key={r.keys}>
            <th scope="row">
              {r.keys.split(" / ").map((combo, i) => (
                <span key={combo}>
                  {i > 0 ? " / " : null}
                  <kbd>{combo}</kbd>
                </span>
              ))}
            </th>
            <td>{r.what}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
