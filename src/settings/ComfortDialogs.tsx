// Mounts whichever comfort dialog is open (Settings, Keyboard shortcuts).
import { useOpenDialog } from "./dialogs";
import { SettingsDialog } from "./SettingsDialog";
import { ShortcutsDialog } from "./ShortcutsDialog";
import "./settings.css";

export function ComfortDialogs() {
  const open = useOpenDialog();
  if (open === "settings") return <SettingsDialog />;
  if (open === "shortcuts") return <ShortcutsDialog />;
  return null;
}
