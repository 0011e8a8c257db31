// Before Run: the project modules the program imports (secrets.py, wifi.py, lib/...) go to the board, so `import
// secrets` works there as it does in the editor. Never at the cost of a file Mote did not put there: a board file
// of the same name that is neither Mote's last copy nor identical to the project's stops the Run with words.
import { isDeviceError } from "../device/errors";
import type { FsCaps, TransferProgress } from "../device/fs/types";
import { sha256Hex } from "../device/transfer/hash";
import { boardBaseName, boardParent, boardPathForProject, displayName } from "../boardFiles/names";
import type { BoardFilesLike, OpenedFile } from "./boardFilesTypes";

/** A board file in the way of a Run; the message is already words for a person. */
export class RunCopyConflict extends Error {
  readonly shownAsIs = true;
  constructor(
    readonly projectPath: string,
    readonly boardPath: string,
  ) {
    super(
      `${boardPath} on the board is not the project's ${projectPath}, and Mote did not put it there, so Run stopped ` +
        `before replacing it. Open it from Board files to compare, then use Save to board on the project's file to ` +
        `replace it (or rename one of them), and press Run again.`,
    );
    this.name = "RunCopyConflict";
  }
}

export interface RunCopyInput {
  api: BoardFilesLike;
  caps: FsCaps;
  /** Project path -> text, for the modules to copy. */
  files: Array<{ path: string; content: string }>;
  /** What Mote last wrote or read per project path (the board files store's `opened`). */
  opened: Readonly<Record<string, OpenedFile>>;
  signal?: AbortSignal;
  onProgress?: (label: string, progress: TransferProgress) => void;
}

export interface RunCopyResult {
  /** Project paths whose content was sent (the others were on the board already). */
  copied: string[];
  /** New `opened` records: each module is now Mote's copy, so the next Run skips it quickly. */
  remembered: Record<string, OpenedFile>;
}

async function ensureFolder(api: BoardFilesLike, dir: string): Promise<void> {
  if (dir === "/" || dir === "") return;
  const entry = await api.stat(dir);
  if (entry?.kind === "dir") return;
  await ensureFolder(api, boardParent(dir));
  await api.mkdir(dir);
}

export async function copyModulesForRun(input: RunCopyInput): Promise<RunCopyResult> {
  const { api, caps, opened } = input;
  const copied: string[] = [];
  const remembered: Record<string, OpenedFile> = {};
  for (const file of input.files) {
    const known = opened[file.path];
    const boardPath = known?.boardPath ?? boardPathForProject(file.path, caps.cwd);
    const label = `Copying ${displayName(boardBaseName(boardPath))} for Run`;
    const data = new TextEncoder().encode(file.content);
    const options = { signal: input.signal, onProgress: (p: TransferProgress) => input.onProgress?.(label, p) };
    await ensureFolder(api, boardParent(boardPath));
    let result;
    try {
      // Mote's own copy may be replaced; with none known, only a board without the file.
      result = await api.write(boardPath, data, { ...options, expectSha256: known?.sha256 ?? null });
    } catch (e) {
      if (!isDeviceError(e, "Conflict")) throw e;
      try {
        // Someone else's file, or Mote's from another visit: fine when it already holds exactly this text.
        result = await api.write(boardPath, data, { ...options, expectSha256: await sha256Hex(data) });
      } catch (again) {
        if (isDeviceError(again, "Conflict")) throw new RunCopyConflict(file.path, boardPath);
        throw again;
      }
    }
    remembered[file.path] = { boardPath, sha256: result.sha256 };
    if (!result.skipped) copied.push(file.path);
  }
  return { copied, remembered };
}
