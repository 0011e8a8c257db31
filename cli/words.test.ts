import { describe, expect, it } from "vitest";
import { DeviceError, type DeviceErrorCode } from "../src/device/errors";
import type { TransferProgress } from "../src/device/fs/types";
import { UsageError } from "./args";
import { formatProgress, Progress } from "./progress";
import { describeFailure, exitCodeFor } from "./words";

describe("failures as one line", () => {
  it("gives every device error code one line with what to do next", () => {
    const codes: DeviceErrorCode[] = [
      "Timeout", "Disconnected", "Busy", "NotMicroPython", "ProtocolError", "Interrupted", "PortInUse", "Unsupported",
      "DeviceFull", "Conflict", "NotFound", "RemoteError",
    ];
    for (const code of codes) {
      const line = describeFailure(new DeviceError(code, "Something\nhappened.", "Traceback...\nmore"));
      expect(line, code).not.toMatch(/\n/);
      expect(line, code).toMatch(/^Something happened/);
      expect(line.length, code).toBeGreaterThan("Something happened".length + 5);
    }
    expect(describeFailure(new DeviceError("DeviceFull", "OSError: 28"))).toBe(
      "OSError: 28: the board's storage is full; delete some files and try again",
    );
  });

  it("leaves a message that already says everything alone", () => {
    expect(describeFailure(new DeviceError("Disconnected", "No serial port at /dev/ttyACM9"))).toBe("No serial port at /dev/ttyACM9");
    expect(describeFailure(new DeviceError("Unsupported", "Folders are not supported on this board"))).toBe(
      "Folders are not supported on this board",
    );
  });

  it("words Node's file errors and usage mistakes", () => {
    const enoent = Object.assign(new Error("ENOENT: no such file or directory, open 'x.py'"), { code: "ENOENT", path: "x.py" });
    expect(describeFailure(enoent)).toBe("no such file or folder: x.py");
    expect(describeFailure(new UsageError("unknown command \"frob\""))).toBe('unknown command "frob" (see mote --help)');
  });

  it("maps failures to exit codes", () => {
    expect(exitCodeFor(new UsageError("x"))).toBe(2);
    expect(exitCodeFor(new DeviceError("Interrupted", "x"))).toBe(130);
    expect(exitCodeFor(new DeviceError("Timeout", "x"))).toBe(1);
    expect(exitCodeFor(new Error("x"))).toBe(1);
  });
});

describe("progress on stderr", () => {
  const p = (done: number, phase: TransferProgress["phase"] = "sending"): TransferProgress => ({
    done, total: 4096, bytesPerSecond: 1024, etaMs: (4096 - done) / 1.024, phase,
  });

  it("formats bytes, percent, rate and ETA; an unknown total shows only bytes and rate", () => {
    expect(formatProgress(":/a.bin", p(1024))).toBe(":/a.bin sending 1.0 KiB/4.0 KiB 25% 1.0 KiB/s ETA 3s");
    expect(formatProgress(":/a.bin", { ...p(2048, "receiving"), total: 0 })).toBe(":/a.bin receiving 2.0 KiB 1.0 KiB/s");
  });

  it("overwrites one line on a terminal and ends it once", () => {
    let text = "";
    const progress = new Progress({ write: (s: string) => (text += s), isTTY: true }, false);
    const report = progress.reporter("f")!;
    report(p(1024));
    report(p(4096, "verifying"));
    progress.done();
    expect(text.split("\r").filter(Boolean)).toHaveLength(2);
    expect(text.endsWith("\n")).toBe(true);
    expect(text.match(/\n/g)).toHaveLength(1);
  });

  it("is silent when stderr is not a terminal, unless forced; forced lines are throttled by a clock", () => {
    expect(new Progress({ write: () => true, isTTY: false }, false).reporter("f")).toBeUndefined();
    let now = 0;
    const lines: string[] = [];
    const progress = new Progress({ write: (s: string) => lines.push(s), isTTY: false }, true, () => now);
    const report = progress.reporter("f")!;
    report(p(100));
    now = 100;
    report(p(200));
    now = 700;
    report(p(300));
    report(p(400));
    report(p(4096, "committing"));
    expect(lines.map((l) => l.split(" ")[2])).toEqual(["100", "300", "4.0"]);
    expect(lines.every((l) => l.endsWith("\n") && !l.includes("\r"))).toBe(true);
  });
});
