// The Packages dialog's words: progress labels per phase, outcomes, and failures from each layer.
import { describe, expect, it } from "vitest";
import { DeviceError } from "../device/errors";
import { PackageError } from "../packages/errors";
import { describePackageProblem, outcomeWords, progressWords } from "./packageWords";

describe("progressWords", () => {
  it("says what is happening and how far, per phase", () => {
    expect(progressWords(null, "greet")).toEqual({ label: "Looking up greet…", fraction: null });
    expect(progressWords({ phase: "resolving", packages: 1, filesDone: 0, filesTotal: 0, bytes: 0, current: "textcase" }, "greet").label).toBe(
      "Reading the package list of textcase…",
    );
    expect(progressWords({ phase: "downloading", packages: 2, filesDone: 1, filesTotal: 4, bytes: 10 }, "greet")).toEqual({
      label: "Downloading and checking 1 of 4 files…",
      fraction: 0.25,
    });
    expect(
      progressWords({ phase: "writing", current: "greet/words.py", filesDone: 1, filesTotal: 3, bytesDone: 50, bytesTotal: 200 }, "greet"),
    ).toEqual({ label: "Writing greet/words.py to the board (2 of 3)…", fraction: 0.25 });
    expect(progressWords({ phase: "recording", filesDone: 3, filesTotal: 3, bytesDone: 200, bytesTotal: 200 }, "greet").fraction).toBe(1);
  });
});

describe("outcomeWords", () => {
  it("an install with dependencies, files already there, and unchecked GitHub files", () => {
    const lines = outcomeWords(
      {
        kind: "installed",
        spec: "github:o/r",
        result: {
          lib: "/lib",
          packages: [
            { key: "github:o/r", version: "0.3" },
            { key: "textcase", version: "0.9" },
          ],
          written: ["r.py"],
          unchanged: ["textcase.py"],
          unchecked: ["r.py"],
          obsolete: [],
        },
      },
      "/lib",
    );
    expect(lines).toEqual([
      "Installed github:o/r 0.3 into /lib, with textcase 0.9.",
      "1 file written, 1 already up to date.",
      "1 file came without a checksum from the index (GitHub packages carry none): r.py.",
    ]);
  });

  it("a removal that kept a file the person changed", () => {
    expect(outcomeWords({ kind: "removed", result: { packages: ["textcase"], deleted: [], changedKept: ["textcase.py"] } }, "/lib")).toEqual([
      "Removed textcase (0 files deleted).",
      "Kept textcase.py: changed on the board since it was installed. Delete it in Board files if you no longer need it.",
    ]);
  });
});

describe("describePackageProblem", () => {
  it("package errors carry their own words; board errors get the app's; nothing is nothing", () => {
    expect(describePackageProblem(new PackageError("NotFound", "There is no x.", "Check it."))).toEqual({ text: "There is no x.", hint: "Check it.", code: "NotFound" });
    expect(describePackageProblem(new DeviceError("Busy", "busy"))?.text).toMatch(/still busy/);
    expect(describePackageProblem(new DeviceError("Disconnected", "gone"), "virtual")?.text).toMatch(/virtual board stopped/);
    expect(describePackageProblem(null)).toBeNull();
  });
});
