import type { KeyLike } from "../input";

/** A keydown as the key handlers see it, for tests: no modifiers unless given. */
export function keydown(key: string, mods: Partial<KeyLike> = {}): KeyLike {
  return { type: "keydown", key, ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...mods };
}
