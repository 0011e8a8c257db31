/** Small remembered choices (board kind, baud, panel sizes). Never throws: storage may be disabled or full. */

const PREFIX = "mote.";

export function readPref(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(PREFIX + key) ?? null;
  } catch {
    return null;
  }
}

export function writePref(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(PREFIX + key, value);
  } catch {
    // A private window without storage just forgets the choice; nothing to tell the user.
  }
}
