// typeshed's core stubs, read from the pyright package at build time (Vite inlines them as strings; nothing is
// fetched from node_modules at run time). The list is the import closure of builtins and typing, minus the modules
// Mote ships its own MicroPython stubs for and minus CPython-only modules (fileSet.CPYTHON_ONLY); fileSet.test.ts
// recomputes that closure and fails if a file is missing here.
const PREFIX = "/node_modules/pyright/dist/typeshed-fallback/stdlib/";

const raw = import.meta.glob<string>(
  [
    "/node_modules/pyright/dist/typeshed-fallback/stdlib/VERSIONS",
    "/node_modules/pyright/dist/typeshed-fallback/stdlib/builtins.pyi",
    "/node_modules/pyright/dist/typeshed-fallback/stdlib/typing.pyi",
    "/node_modules/pyright/dist/typeshed-fallback/stdlib/typing_extensions.pyi",
    "/node_modules/pyright/dist/typeshed-fallback/stdlib/_typeshed/__init__.pyi",
    "/node_modules/pyright/dist/typeshed-fallback/stdlib/types.pyi",
    "/node_modules/pyright/dist/typeshed-fallback/stdlib/abc.pyi",
    "/node_modules/pyright/dist/typeshed-fallback/stdlib/collections/abc.pyi",
    "/node_modules/pyright/dist/typeshed-fallback/stdlib/_collections_abc.pyi",
    "/node_modules/pyright/dist/typeshed-fallback/stdlib/contextlib.pyi",
  ],
  { query: "?raw", import: "default", eager: true },
);

/** typeshed files by path relative to stdlib/ ("builtins.pyi", "collections/abc.pyi", "VERSIONS"). */
export const TYPESHED_CORE: Record<string, string> = Object.fromEntries(
  Object.entries(raw).map(([path, text]) => [path.slice(PREFIX.length), text]),
);
