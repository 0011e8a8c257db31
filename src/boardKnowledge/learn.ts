import type { DeviceApi } from "../device/api";
import { fnv1a } from "../lib/fnv1a";
import { fromUtf8 } from "../device/bytes";
import { setBoardStubs } from "../editor/language/session";
import { readPref, writePref } from "../store/prefs";
import { inspectSource, MODULES_SOURCE, modulesToInspect, parseInspection, parseModuleTable, type BoardKnowledge } from "./knowledge";
import { stubsFromBoard } from "./stubsFromBoard";

/** Cached per firmware: the banner names the build, so the same board (or its twin) is never asked twice. */
export interface KnowledgeCache {
  get(banner: string): BoardKnowledge | null;
  put(k: BoardKnowledge): void;
}

const keyOf = (banner: string) => `boardKnowledge.${fnv1a(banner)}`;

export const prefsCache: KnowledgeCache = {
  get(banner) {
    try {
      const k = JSON.parse(readPref(keyOf(banner)) ?? "null") as BoardKnowledge | null;
      return k && k.banner === banner && Array.isArray(k.modules) && typeof k.members === "object" ? k : null;
    } catch {
      return null;
    }
  },
  put: (k) => writePref(keyOf(k.banner), JSON.stringify(k)),
};

/**
 * What the board has: its module list, and dir() of the modules Mote has no stub for. Read once per firmware (a few
 * hundred ms on a serial board; the result is cached), null when the board has no banner or cannot say.
 */
export async function learnBoard(device: DeviceApi, cache: KnowledgeCache = prefsCache): Promise<BoardKnowledge | null> {
  const banner = device.info.banner;
  if (!banner) return null;
  const known = cache.get(banner);
  if (known) return known;
  const k = await device.session("Read the board's modules", async (s) => {
    const modules = parseModuleTable(fromUtf8(await s.exec(MODULES_SOURCE)));
    const inspect = modulesToInspect(modules);
    const members = inspect.length
      ? parseInspection(fromUtf8(await s.exec(inspectSource(inspect), { timeoutMs: s.replyMs * 20 })), inspect)
      : {};
    return { banner, modules, members };
  });
  cache.put(k);
  return k;
}

/** The editor's engine gets a stub for every module the board has that Mote has none for. */
export function applyKnowledge(k: BoardKnowledge): void {
  setBoardStubs(stubsFromBoard(k, modulesToInspect(k.modules)));
}

/**
 * Right after connecting, before the REPL is handed to the person: learning later would enter the raw REPL under
 * their fingers and lose a half-typed line (seen in the QEMU e2e). The first connection of a firmware pays a few
 * hundred ms; later ones read the cache. Failures are quiet: completions then come from Mote's stubs only.
 */
export async function learnOnConnect(device: DeviceApi, cache: KnowledgeCache = prefsCache): Promise<void> {
  try {
    const k = await learnBoard(device, cache);
    if (k) applyKnowledge(k);
  } catch {
    // A board that cannot answer these (a very old firmware) just gets no board-made stubs.
  }
}
