import { createStore } from "zustand/vanilla";
import type { RunErrorMark } from "./fromTraceback";

/** What the last Run's traceback pointed at; cleared when the next Run starts. The editor draws them as markers. */
export const runErrors = createStore<{ marks: RunErrorMark[] }>(() => ({ marks: [] }));

export function setRunErrors(marks: RunErrorMark[]): void {
  runErrors.setState({ marks });
}
