// The editor's keys, for the Keyboard shortcuts dialog. Monaco-free, so the dialog can list them before the editor
// loads. FORMAT_KEY is also what monacoSetup binds; the rest are Monaco's own defaults for the contributions
// monacoSetup imports (suggest, parameterHints, find, comment, gotoError, gotoLine, linesOperations, multicursor).

export const FORMAT_KEY = { keys: "Shift-Alt-F", what: "Format the file with Ruff" };

export const EDITOR_KEYS: ReadonlyArray<{ keys: string; what: string }> = [
  FORMAT_KEY,
  { keys: "Ctrl-Space", what: "Show completions" },
  { keys: "Ctrl-Shift-Space", what: "Show the parameters of the call" },
  { keys: "Ctrl-F / Ctrl-H", what: "Find / replace" },
  { keys: "Ctrl-/", what: "Comment or uncomment the selected lines" },
  { keys: "F8 / Shift-F8", what: "Go to the next / previous problem" },
  { keys: "Ctrl-G", what: "Go to a line" },
  { keys: "Alt-Up / Alt-Down", what: "Move the line up / down" },
  { keys: "Ctrl-D", what: "Select the next occurrence of the selection" },
  { keys: "Ctrl-Z / Ctrl-Y", what: "Undo / redo" },
];
