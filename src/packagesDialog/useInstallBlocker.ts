import { ConnectionState, RuntimeState } from "../device/states";
import { useConnection } from "../store/connection";
import { usePackages } from "./appStore";

/** Why installing is not possible right now, or null when it is. */
export function useInstallBlocker(): string | null {
  const connection = useConnection((s) => s.connection);
  const runtime = useConnection((s) => s.runtime);
  const board = usePackages((s) => s.board);
  const operation = usePackages((s) => s.operation);
  if (connection !== ConnectionState.Connected) return "Connect a board to install packages. You can browse the index meanwhile.";
  if (runtime === RuntimeState.Running) return "The board is running a program. Stop it to install packages.";
  if (operation.kind !== "idle") return "Wait for the current install or removal to finish.";
  if (board.status !== "ready") return "Reading the board…";
  return null;
}
