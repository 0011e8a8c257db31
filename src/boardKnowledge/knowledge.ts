// What a connected board says it has, read with two small helpers and turned into names the editor can offer.
// Everything the board sends is untrusted text: only identifiers pass, counts are capped, nothing is evaluated.
import { STUB_MODULES } from "../editor/stubs/list";

export interface BoardMember {
  /** `name` for a module attribute, `Class.name` for a class's. */
  name: string;
  /** MicroPython's type name for the value: function, type, int, str, bound_method... */
  type: string;
}

export interface BoardKnowledge {
  /** The banner the board greeted with: the cache key (same firmware, same answers). */
  banner: string;
  /** Every module `help('modules')` lists, as dotted names. */
  modules: string[];
  /** Attributes of the modules Mote has no stub for, read with dir(). */
  members: Record<string, BoardMember[]>;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MODULE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const MAX_MODULES = 300;
const MAX_MEMBERS = 400;

/**
 * Importing these runs code with effects (mounting the filesystem, asking questions at the REPL, the user's own
 * programs), so they are listed but never imported to be looked at.
 */
const NEVER_IMPORT = new Set(["__main__", "main", "boot", "_boot", "inisetup", "webrepl_setup", "upip", "this", "antigravity", "flashbdev", "mip"]);

/** typeshed's core modules that the editor's engine needs as they are. */
const ENGINE_CORE = new Set(["builtins", "typing", "typing_extensions", "abc", "types", "contextlib", "_typeshed", "_collections_abc"]);

export const MODULES_SOURCE = "help('modules')";

/** Module names from help('modules') output: a table of names, `pkg/sub` for package parts, then a closing note. */
export function parseModuleTable(output: string): string[] {
  const names = new Set<string>();
  for (const line of output.split(/\r?\n/)) {
    if (/^Plus any modules/i.test(line.trim())) break;
    for (const word of line.trim().split(/\s+/)) {
      const dotted = word.replace(/\/__init__$/, "").replace(/\//g, ".");
      if (MODULE.test(dotted)) names.add(dotted);
      if (names.size >= MAX_MODULES) break;
    }
  }
  return [...names].sort();
}

/** The modules worth a look with dir(): no stub of Mote's, not an engine core module, safe to import. */
export function modulesToInspect(modules: readonly string[]): string[] {
  const stubbed = new Set(STUB_MODULES);
  return modules.filter((m) => {
    const top = m.split(".")[0];
    return !stubbed.has(top) && !ENGINE_CORE.has(top) && !NEVER_IMPORT.has(top) && !top.startsWith("_");
  });
}

/**
 * The board-side walk: for each module, its attributes and their type names, and one level into classes. One line
 * per name, tab-separated, so a name cannot break the record (identifiers have no tabs or newlines).
 */
export function inspectSource(modules: readonly string[]): string {
  const list = modules.map((m) => `'${m}'`).join(",");
  return `import sys
def _h():
 w=sys.stdout.write
 for n in (${list}${modules.length === 1 ? "," : ""}):
  try:
   m=__import__(n)
   for p in n.split('.')[1:]:m=getattr(m,p)
  except Exception:
   w('!\\t%s\\n'%n);continue
  for a in dir(m)[:${MAX_MEMBERS}]:
   if a[:2]=='__':continue
   try:t=type(getattr(m,a)).__name__
   except Exception:continue
   w('%s\\t%s\\t%s\\n'%(n,a,t))
   if t=='type':
    v=getattr(m,a)
    for b in dir(v)[:80]:
     if b[:2]=='__':continue
     try:w('%s\\t%s.%s\\t%s\\n'%(n,a,b,type(getattr(v,b)).__name__))
     except Exception:pass
try:_h()
finally:del _h`;
}

/** The walk's lines as members per module; anything that is not module, name and type identifiers is dropped. */
export function parseInspection(output: string, modules: readonly string[]): Record<string, BoardMember[]> {
  const asked = new Set(modules);
  const members: Record<string, BoardMember[]> = {};
  for (const line of output.split(/\r?\n/)) {
    const [module, name, type] = line.split("\t");
    if (!asked.has(module) || type === undefined) continue;
    const parts = name.split(".");
    if (parts.length > 2 || !parts.every((p) => IDENT.test(p)) || !IDENT.test(type)) continue;
    const list = (members[module] ??= []);
    if (list.length < MAX_MEMBERS * 2) list.push({ name, type });
  }
  return members;
}
