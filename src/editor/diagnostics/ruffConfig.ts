// Ruff, tuned for code that runs on MicroPython. One settings object (Ruff's own option names, as its WASM
// `Workspace` takes them) plus the severity each finding is shown with.
//
// The starting point is MicroPython's own repository, which lints and formats with Ruff: line length 99, quotes
// preserved, and E401/E402/E722/E731/E741/F403/F405 ignored. Mote keeps F401 (unused import), only greyed out,
// because every import costs RAM on a board, and drops line length entirely (a long line is not a mistake).
import type { DiagSeverity } from "./types";

export const MICROPYTHON_RUFF_SETTINGS = {
  // Walrus and f-strings are MicroPython syntax; anything newer is caught by MicroPython's own compiler anyway.
  "target-version": "py38",
  "line-length": 99,
  "indent-width": 4,
  // MicroPython's compiler turns `X = const(1)` into a constant even without `from micropython import const`.
  builtins: ["const"],
  lint: {
    select: [
      "F", // pyflakes: undefined names, unused names, `is` with a literal, ...
      "E4", // imports
      "E7", // statements: `== None`, `== True`, `not x in y`, several statements on a line
      "E9", // the file cannot be read or parsed
      "W605", // "\d" in a normal string is a bad escape, on MicroPython too
    ],
    ignore: [
      "F403", // `from machine import *` is how many board examples start
      "F405", // ... and then every name may come from it
      "E401", // `import time, machine` is common and harmless
      "E402", // boot code often runs (gc.collect(), network setup) before later imports
      "E722", // a bare `except:` around hardware access is an idiom in board code
      "E731", // `cb = lambda t: led.toggle()` is the usual way to hand a Timer a callback
      "E741", // `l` and `I` are common pin and bus names
    ],
  },
  format: {
    "indent-style": "space",
    "quote-style": "preserve",
    "line-ending": "lf",
  },
} as const;

/** How loud each Ruff finding is. Anything not listed is a warning. */
export function ruffSeverity(code: string | null): DiagSeverity {
  if (code === null || code === "invalid-syntax" || code === "E999") return "error";
  if (code === "F821" || code === "F822" || code === "F823") return "error"; // a NameError when it runs
  if (code === "F401" || code === "F541") return "hint"; // harmless: shown greyed out or faint
  return "warning";
}

/** Names inline-assembler and viper functions use that are not Python names (so never "undefined"). */
export const VIPER_NAMES = new Set(["ptr", "ptr8", "ptr16", "ptr32", "uint"]);
