// The client options the app runs the browser build with; tests start that build with the same ones.
import type { ClientOptions } from "./client";
import { SOURCE_ROOT } from "./fileSet";
import { stubFiles } from "./stubFiles";

export function clientOptions(boardStubs: Record<string, string> = {}): ClientOptions {
  return { rootPath: SOURCE_ROOT, files: stubFiles(boardStubs), fileEvents: "createFile" };
}
