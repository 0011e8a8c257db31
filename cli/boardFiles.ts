import type { Device } from "../src/device/device";
import type { BoardFilesApi } from "../src/device/fs/types";

/**
 * The file facade the CLI uses: the same engine (and the same connect-time cleanup) as the UI. Loaded on first use
 * so exec, run and repl start without the transfer engine.
 */
export async function openBoardFiles(device: Device): Promise<BoardFilesApi> {
  const { BoardFiles } = await import("../src/device/boardFiles");
  const files = new BoardFiles(device);
  // What a cut transfer left behind (a temporary, a half-done rename) is settled before anything else is read.
  await files.cleanup();
  return files;
}
