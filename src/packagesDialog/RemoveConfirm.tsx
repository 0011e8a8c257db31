// The question before a removal: exactly which packages and files go, which stay (shared), and who would miss it.
import { Dialog } from "../boardFiles/Dialog";
import { displayName } from "../device/paths";
import { packagesStore, usePackages } from "./appStore";

export function RemoveConfirm() {
  const confirm = usePackages((s) => s.confirm);
  const lib = usePackages((s) => (s.board.status === "ready" ? s.board.target.lib : "/lib"));
  if (!confirm) return null;
  const store = packagesStore().getState();
  const name = confirm.kind === "tracked" ? confirm.key : confirm.group.name;
  const choices = [
    { label: "Remove", danger: true, onChoose: () => void store.confirmRemove() },
    { label: "Keep", safe: true, onChoose: () => store.cancelRemove() },
  ];
  if (confirm.kind === "untracked") {
    return (
      <Dialog title={`Remove ${displayName(name)} from the board?`} choices={choices} onCancel={() => store.cancelRemove()}>
        <p>Mote did not install these files; they look like the package {displayName(name)}. These will be deleted from {lib}:</p>
        <ul className="packages-dialog__files">
          {confirm.group.files.map((f) => (
            <li key={f}>{displayName(f)}</li>
          ))}
        </ul>
      </Dialog>
    );
  }
  const { plan } = confirm;
  const alsoGoing = plan.packages.filter((k) => k !== name);
  return (
    <Dialog title={`Remove ${name} from the board?`} choices={choices} onCancel={() => store.cancelRemove()}>
      {plan.neededBy.length > 0 ? (
        <p className="packages-dialog__warn">
          {plan.neededBy.join(", ")} {plan.neededBy.length === 1 ? "needs" : "need"} {name}, and will stop working without it.
        </p>
      ) : null}
      {alsoGoing.length > 0 ? <p>Also removed, because nothing else needs {alsoGoing.length === 1 ? "it" : "them"}: {alsoGoing.join(", ")}.</p> : null}
      <p>These files will be deleted from {lib} (any you changed since the install are kept):</p>
      <ul className="packages-dialog__files">
        {plan.files.map((f) => (
          <li key={f}>{displayName(f)}</li>
        ))}
      </ul>
      {plan.shared.length > 0 ? (
        <p className="packages-dialog__muted">
          Kept, because another package has them too: {plan.shared.map((s) => `${s.path} (${s.owner})`).join(", ")}.
        </p>
      ) : null}
    </Dialog>
  );
}
