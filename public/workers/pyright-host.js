// Hosts the Pyright browser build (its URL in ?engine=) with the console quieted: the engine logs every parse and
// check at info level to the page's console, and its background worker starts from this same URL, so both are quiet.
// Warnings and errors still show.
"use strict";
const engine = new URL(self.location.href).searchParams.get("engine");
if (!engine || !engine.startsWith("/") || engine.startsWith("//") || !engine.endsWith(".js")) {
  throw new Error("pyright-host: the engine must be a script of this site");
}
for (const level of ["log", "info", "debug", "trace"]) console[level] = () => {};
importScripts(engine);
