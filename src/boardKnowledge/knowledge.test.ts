import { describe, expect, it } from "vitest";
import { inspectSource, modulesToInspect, parseInspection, parseModuleTable } from "./knowledge";
import { stubsFromBoard } from "./stubsFromBoard";

const TABLE = `__main__          collections/defaultdict             io                re
asyncio/__init__  errno             js                sys
jsffi             tarfile/__init__  tarfile/write     webrepl_setup
mycam             bad-name          x'y
Plus any modules on the filesystem
notamodule
`;

describe("board knowledge", () => {
  it("reads help('modules'): package parts as dotted names, hostile words dropped, nothing after the closing note", () => {
    expect(parseModuleTable(TABLE)).toEqual([
      "__main__",
      "asyncio",
      "collections.defaultdict",
      "errno",
      "io",
      "js",
      "jsffi",
      "mycam",
      "re",
      "sys",
      "tarfile",
      "tarfile.write",
      "webrepl_setup",
    ]);
  });

  it("looks inside only modules without a Mote stub, never ones whose import has effects", () => {
    expect(modulesToInspect(parseModuleTable(TABLE))).toEqual(["js", "jsffi", "mycam", "tarfile", "tarfile.write"]);
  });

  it("builds a board-side walk that names only the modules asked for", () => {
    const src = inspectSource(["mycam"]);
    expect(src).toContain("for n in ('mycam',):");
    expect(src).toMatch(/finally:del _h$/);
  });

  it("keeps only identifier records of modules it asked about", () => {
    const out = [
      "mycam\tCamera\ttype",
      "mycam\tCamera.capture\tfunction",
      "mycam\tRES_VGA\tint",
      "mycam\tinit\tbuiltin_function_or_method",
      "other\tsneaky\tfunction",
      "mycam\tbad name\tint",
      "mycam\ta.b.c\tint",
      "mycam\tx\tin t",
      "!\tbroken",
    ].join("\r\n");
    expect(parseInspection(out, ["mycam"])).toEqual({
      mycam: [
        { name: "Camera", type: "type" },
        { name: "Camera.capture", type: "function" },
        { name: "RES_VGA", type: "int" },
        { name: "init", type: "builtin_function_or_method" },
      ],
    });
  });

  it("turns what the board said into loose stubs: functions, classes with methods, typed constants, packages", () => {
    const k = {
      banner: "MicroPython v1.24.1 on 2024-11-29; Generic ESP32 module with ESP32",
      modules: ["mycam", "tarfile", "tarfile.write"],
      members: {
        mycam: [
          { name: "Camera", type: "type" },
          { name: "Camera.capture", type: "function" },
          { name: "RES_VGA", type: "int" },
          { name: "init", type: "builtin_function_or_method" },
        ],
        tarfile: [{ name: "TarFile", type: "type" }],
      },
    };
    const files = stubsFromBoard(k, ["mycam", "tarfile", "tarfile.write"]);
    expect(Object.keys(files).sort()).toEqual(["mycam.pyi", "tarfile/__init__.pyi", "tarfile/write.pyi"]);
    expect(files["mycam.pyi"]).toContain("class Camera:\n    def capture(self, *args: Any, **kwargs: Any) -> Any: ...");
    expect(files["mycam.pyi"]).toContain("RES_VGA: int");
    expect(files["mycam.pyi"]).toContain("def init(*args: Any, **kwargs: Any) -> Any: ...");
    expect(files["tarfile/__init__.pyi"]).toContain("class TarFile:\n    ...");
    expect(files["mycam.pyi"]).toContain("Generic ESP32 module");
  });
});
