// The file set handed to the engine: typeshed's core, Mote's MicroPython stubs (src/editor/stubs, inlined at build
// time) and optionally a board's generated stubs. See fileSet.ts for the rules.
import { buildFileSet, engineFiles, SOURCE_ROOT, TYPESHED_ROOT } from "./fileSet";
import { TYPESHED_CORE } from "./typeshedCore";

const STUBS_PREFIX = "../stubs/";
const moteRaw = import.meta.glob<string>(["../stubs/**/*.pyi", "../stubs/VERSIONS"], {
  query: "?raw",
  import: "default",
  eager: true,
});

/** Mote's stubs by path relative to src/editor/stubs/ ("machine.pyi", "VERSIONS"). */
export const MOTE_STUBS: Record<string, string> = Object.fromEntries(
  Object.entries(moteRaw).map(([path, text]) => [path.slice(STUBS_PREFIX.length), text]),
);

/** The stub tree relative to the typeshed root ("stdlib/builtins.pyi" -> text). */
export function stubTree(board: Record<string, string> = {}): Record<string, string> {
  return buildFileSet({ typeshed: TYPESHED_CORE, mote: MOTE_STUBS, board });
}

/** What goes into `initializationOptions.files`: absolute paths in the engine's in-memory file system. */
export function stubFiles(board: Record<string, string> = {}, root = SOURCE_ROOT, typeshed = TYPESHED_ROOT): Record<string, string> {
  return engineFiles(stubTree(board), root, typeshed);
}
