import { describe, expect, it } from "vitest";
import { ConnectionState, RuntimeState } from "../device/states";
import { statusWords } from "./statusWords";

describe("statusWords", () => {
  it("names every connection state in words", () => {
    expect(statusWords(ConnectionState.Disconnected, RuntimeState.Idle).text).toBe("Not connected");
    expect(statusWords(ConnectionState.Connecting, RuntimeState.Idle).text).toBe("Connecting…");
    expect(statusWords(ConnectionState.Disconnecting, RuntimeState.Idle).text).toBe("Disconnecting…");
    expect(statusWords(ConnectionState.Lost, RuntimeState.Idle)).toEqual({ text: "Connection lost", tone: "error" });
  });

  it("shows the runtime state only while connected", () => {
    expect(statusWords(ConnectionState.Connected, RuntimeState.Idle)).toEqual({ text: "Ready", tone: "ok" });
    expect(statusWords(ConnectionState.Connected, RuntimeState.Running)).toEqual({ text: "Running", tone: "busy" });
    expect(statusWords(ConnectionState.Connected, RuntimeState.Transferring).text).toBe("Transferring");
    expect(statusWords(ConnectionState.Lost, RuntimeState.Running).text).toBe("Connection lost");
  });
});
