/**
 * Words for the Packages dialog: failures (a PackageError carries its own message and next step; board failures get
 * the app's usual sentences), progress, and what an install or removal did.
 */
import { DeviceError } from "../device/errors";
import { PackageError } from "../packages/errors";
import type { InstallProgress } from "../packages/manager";
import type { Outcome } from "../store/packages";
import type { BoardKind } from "../store/connection";
import { describeError } from "../ui/errorMessages";

export interface PackageMessage {
  text: string;
  hint?: string;
  code?: string;
}

export function describePackageProblem(e: unknown, board: BoardKind = "serial"): PackageMessage | null {
  if (e == null) return null;
  if (e instanceof PackageError) return { text: e.message, hint: e.hint, code: e.code };
  if (e instanceof DeviceError) {
    const m = describeError(e, board);
    return m ? { text: m.text, code: m.code } : null;
  }
  const m = describeError(e, board);
  return m ? { text: m.text } : null;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One line for the progress bar's label, and how far along (0..1) when known. */
export function progressWords(progress: InstallProgress | null, spec: string): { label: string; fraction: number | null } {
  if (!progress) return { label: `Looking up ${spec}…`, fraction: null };
  switch (progress.phase) {
    case "resolving":
      return { label: `Reading the package list${progress.current ? ` of ${progress.current}` : ""}…`, fraction: null };
    case "downloading":
      return {
        label: `Downloading and checking ${progress.filesDone} of ${plural(progress.filesTotal, "file")}…`,
        fraction: progress.filesTotal > 0 ? progress.filesDone / progress.filesTotal : null,
      };
    case "writing":
      return {
        label: `Writing ${progress.current ?? "files"} to the board (${Math.min(progress.filesDone + 1, progress.filesTotal)} of ${progress.filesTotal})…`,
        fraction: progress.bytesTotal > 0 ? progress.bytesDone / progress.bytesTotal : null,
      };
    case "recording":
      return { label: "Recording what was installed…", fraction: 1 };
  }
}

export function outcomeWords(outcome: Outcome, lib: string): string[] {
  if (outcome.kind === "installed") {
    const r = outcome.result;
    const [root, ...deps] = r.packages;
    const lines = [
      `Installed ${root.key} ${root.version} into ${lib}${deps.length ? `, with ${deps.map((d) => `${d.key} ${d.version}`).join(", ")}` : ""}.`,
    ];
    if (r.written.length === 0) lines.push("The board already had every file; nothing needed writing.");
    else if (r.unchanged.length > 0) lines.push(`${plural(r.written.length, "file")} written, ${r.unchanged.length} already up to date.`);
    if (r.unchecked.length > 0) {
      lines.push(`${plural(r.unchecked.length, "file")} came without a checksum from the index (GitHub packages carry none): ${r.unchecked.join(", ")}.`);
    }
    if (r.obsolete.length > 0) lines.push(`Removed ${plural(r.obsolete.length, "file")} the new version no longer has.`);
    return lines;
  }
  const r = outcome.result;
  const lines = [`Removed ${r.packages.join(", ")} (${plural(r.deleted.length, "file")} deleted).`];
  if (r.changedKept.length > 0) {
    lines.push(`Kept ${r.changedKept.join(", ")}: changed on the board since it was installed. Delete it in Board files if you no longer need it.`);
  }
  return lines;
}
