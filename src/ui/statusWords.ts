import { ConnectionState, RuntimeState } from "../device/states";

/** The status pill's words and colour tone for a connection + runtime state. */
const RUNTIME_WORDS: Record<RuntimeState, string> = {
  [RuntimeState.Idle]: "Ready",
  [RuntimeState.Running]: "Running",
  [RuntimeState.Busy]: "Busy",
  [RuntimeState.Transferring]: "Transferring",
  [RuntimeState.Flashing]: "Flashing",
};

export function statusWords(connection: ConnectionState, runtime: RuntimeState): { text: string; tone: string } {
  switch (connection) {
    case ConnectionState.Connected:
      return { text: RUNTIME_WORDS[runtime], tone: runtime === RuntimeState.Idle ? "ok" : "busy" };
    case ConnectionState.Connecting:
      return { text: "Connecting…", tone: "busy" };
    case ConnectionState.Disconnecting:
      return { text: "Disconnecting…", tone: "busy" };
    case ConnectionState.Lost:
      return { text: "Connection lost", tone: "error" };
    default:
      return { text: "Not connected", tone: "off" };
  }
}
