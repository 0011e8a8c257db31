import { describe, expect, it } from "vitest";
import { ConnectionState as C, RuntimeState as R } from "../device/states";
import { transitionNote, type TerminalStatus } from "./notes";

const status = (connection: C, runtime = R.Idle, extra: Partial<TerminalStatus> = {}): TerminalStatus => ({
  connection,
  runtime,
  board: "virtual",
  lastRunPath: null,
  ...extra,
});

describe("transitionNote", () => {
  it("announces a run with the file's name", () => {
    expect(transitionNote(status(C.Connected), status(C.Connected, R.Running, { lastRunPath: "main.py" }))).toBe(
      "run main.py",
    );
    expect(transitionNote(status(C.Connected, R.Running), status(C.Connected, R.Running))).toBeNull();
  });

  it("names the board being connected", () => {
    expect(transitionNote(status(C.Disconnected), status(C.Connecting))).toBe("connecting to the virtual board…");
    expect(transitionNote(status(C.Lost), status(C.Connecting, R.Idle, { board: "serial" }))).toBe(
      "connecting to the serial port…",
    );
  });

  it("marks a lost link and a chosen disconnect, but not a failed connect", () => {
    expect(transitionNote(status(C.Connected), status(C.Lost))).toBe("the board was disconnected");
    expect(transitionNote(status(C.Disconnecting), status(C.Disconnected))).toBe("disconnected");
    expect(transitionNote(status(C.Connecting), status(C.Disconnected))).toBeNull();
    expect(transitionNote(status(C.Connecting), status(C.Connected))).toBeNull();
  });
});
