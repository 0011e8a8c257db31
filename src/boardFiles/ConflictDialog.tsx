// Shown when Save to board found the board's copy changed since it was opened: nothing was written, and the person
// picks what happens next.
import { useBoardFiles } from "../store/boardFiles";
import { Dialog } from "./Dialog";
import { displayName } from "./names";
import "./boardFiles.css";

export function ConflictDialog() {
  const conflict = useBoardFiles((s) => s.conflict);
  if (!conflict) return null;
  const resolve = (choice: "overwrite" | "open" | "cancel") => void useBoardFiles.getState().resolveConflict(choice);
  return (
    <Dialog
      title={`${displayName(conflict.boardPath)} changed on the board`}
      onCancel={() => resolve("cancel")}
      choices={[
        { label: "Overwrite", onChoose: () => resolve("overwrite"), danger: true },
        { label: "Open board version", onChoose: () => resolve("open") },
        { label: "Cancel", onChoose: () => resolve("cancel"), safe: true },
      ]}
    >
      <p>
        The file on the board is not the version you opened, so Mote did not save over it. Overwrite replaces the board's
        copy with yours; Open board version replaces your editor text with the board's copy.
      </p>
    </Dialog>
  );
}
