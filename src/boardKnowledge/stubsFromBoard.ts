import type { BoardKnowledge, BoardMember } from "./knowledge";

const CALLABLE = /function|method|closure|generator|classmethod|staticmethod/;
const VALUE_TYPES: Record<string, string> = { int: "int", float: "float", str: "str", bytes: "bytes", bool: "bool", tuple: "tuple", list: "list", dict: "dict" };

const line = (indent: string, m: { name: string; type: string }, inClass: boolean): string => {
  if (CALLABLE.test(m.type)) {
    return `${indent}def ${m.name}(${inClass ? "self, " : ""}*args: Any, **kwargs: Any) -> Any: ...`;
  }
  if (m.type === "type") return `${indent}${m.name}: Any`;
  return `${indent}${m.name}: ${VALUE_TYPES[m.type] ?? "Any"}`;
};

/**
 * .pyi files for the modules a board has and Mote has no stub for: the names the board listed, typed loosely
 * (`Any`), so `import mycam` resolves and `mycam.` completes with what is really there. Modules that were listed but
 * not inspected get an empty stub (importable, no names).
 */
export function stubsFromBoard(k: BoardKnowledge, inspected: readonly string[]): Record<string, string> {
  const files: Record<string, string> = {};
  const header = `# Made by Mote from what the connected board reported (${k.banner.replace(/[\r\n]/g, " ").slice(0, 120)}).\n# Names only: the types are not known.\nfrom typing import Any\n`;
  const packages = new Set(inspected.filter((m) => inspected.some((o) => o.startsWith(`${m}.`))));
  for (const module of inspected) {
    const members: BoardMember[] = k.members[module] ?? [];
    const top = members.filter((m) => !m.name.includes("."));
    const body: string[] = [];
    for (const m of top) {
      if (m.type === "type") {
        const inner = members.filter((x) => x.name.startsWith(`${m.name}.`)).map((x) => ({ name: x.name.split(".")[1], type: x.type }));
        body.push(`class ${m.name}:`);
        body.push(...(inner.length ? inner.map((x) => line("    ", x, true)) : ["    ..."]));
      } else {
        body.push(line("", m, false));
      }
    }
    const path = module.split(".").join("/");
    files[packages.has(module) ? `${path}/__init__.pyi` : `${path}.pyi`] = `${header}\n${body.join("\n")}\n`;
  }
  return files;
}
