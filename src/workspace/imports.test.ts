import { describe, expect, it } from "vitest";
import { importedModules, moduleNameOf, projectModulesFor } from "./imports";

describe("importedModules", () => {
  it.each<[string, string, string[]]>([
    ["plain", "import time", ["time"]],
    ["several with as", "import a.b as c, d", ["a.b", "d"]],
    ["from", "from machine import Pin, ADC", ["machine", "machine.Pin", "machine.ADC"]],
    ["from with brackets over lines", "from lib.sensor import (\n    read,  # the reading\n    calibrate as cal,\n)", ["lib.sensor", "lib.sensor.read", "lib.sensor.calibrate"]],
    ["indented, in try", "try:\n    import requests\nexcept ImportError:\n    import urequests as requests", ["requests", "urequests"]],
    ["semicolons", "import a; import b", ["a", "b"]],
    ["star", "from machine import *", ["machine"]],
    ["relative imports are left out", "from . import x\nfrom .y import z", []],
    ["comments", "# import nothing\nx = 1  # import this", []],
    ["backslash continuation", "import a, \\\n    b", ["a", "b"]],
    ["duplicates once", "import a\nimport a", ["a"]],
  ])("%s", (_name, source, expected) => {
    expect(importedModules(source)).toEqual(expected);
  });
});

describe("projectModulesFor", () => {
  const files = (map: Record<string, string>) => Object.fromEntries(Object.entries(map).map(([p, content]) => [p, { content }]));

  it("follows imports through the project, root and lib/, and leaves out the entry and unrelated files", () => {
    const project = files({
      "main.py": "import wifi\nfrom sensors.temp import read\nimport machine",
      "wifi.py": "import secrets",
      "secrets.py": "SSID = 'x'",
      "lib/sensors/__init__.py": "",
      "lib/sensors/temp.py": "import main",
      "unused.py": "",
    });
    expect(projectModulesFor("main.py", project)).toEqual(["wifi.py", "lib/sensors/__init__.py", "lib/sensors/temp.py", "secrets.py"]);
  });

  it("finds a submodule imported with from-import, and the package above it", () => {
    const project = files({ "app.py": "from pkg import mod", "pkg/__init__.py": "", "pkg/mod.py": "" });
    expect(projectModulesFor("app.py", project)).toEqual(["pkg/__init__.py", "pkg/mod.py"]);
  });

  it("copes with import cycles", () => {
    const project = files({ "a.py": "import b", "b.py": "import c", "c.py": "import b\nimport a" });
    expect(projectModulesFor("a.py", project)).toEqual(["b.py", "c.py"]);
  });
});

describe("moduleNameOf", () => {
  it.each<[string, string | null]>([
    ["secrets.py", "secrets"],
    ["lib/sensors/temp.py", "sensors.temp"],
    ["lib/sensors/__init__.py", "sensors"],
    ["pkg/mod.py", "pkg.mod"],
    ["my file.py", null],
    ["notes.txt", null],
  ])("%s -> %s", (path, name) => {
    expect(moduleNameOf(path)).toBe(name);
  });
});
