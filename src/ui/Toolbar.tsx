import { ConnectionState, RuntimeState } from "../device/states";
import { saveActiveFormatted } from "../editor/saveFormatted";
import { BAUD_RATES, isLinked, useConnection, type BoardKind } from "../store/connection";
import { useWorkspace } from "../store/workspace";
import { useFlash } from "../store/flash";
import { BoltIcon, GearIcon, KeyboardIcon, Logo, PlayIcon, PlugIcon, ResetIcon, SaveIcon, StopIcon, UnplugIcon, UploadIcon } from "./icons";
import { openDialog } from "../settings/dialogs";
import { StatusPill } from "./StatusPill";

export function Toolbar() {
  const board = useConnection((s) => s.board);
  const baud = useConnection((s) => s.baud);
  const anyPort = useConnection((s) => s.anyPort);
  const connection = useConnection((s) => s.connection);
  const runtime = useConnection((s) => s.runtime);
  const actions = useConnection.getState();

  const linked = isLinked(connection);
  const connected = connection === ConnectionState.Connected;
  const connecting = connection === ConnectionState.Connecting || connection === ConnectionState.Disconnecting;
  const idle = runtime === RuntimeState.Idle;
  // Run also works with no board: it connects first. It only waits while the board is doing something.
  const canRun = !connecting && (!connected || idle);

  return (
    <header className="toolbar" role="toolbar" aria-label="Board controls">
      <div className="brand">
        <Logo />
        <span className="brand-name">Mote</span>
      </div>

      <div className="tool-group">
        <label className="field">
          <span className="visually-hidden">Board</span>
          <select
            aria-label="Board"
            value={board}
            onChange={(e) => actions.setBoard(e.target.value as BoardKind)}
            disabled={connecting}
          >
            <option value="virtual">Virtual board</option>
            <option value="serial">Serial port</option>
            <option value="webrepl">WebREPL</option>
          </select>
        </label>
        {board === "serial" ? (
          <label className="field">
            <span className="visually-hidden">Baud rate</span>
            <select
              aria-label="Baud rate"
              value={baud}
              onChange={(e) => actions.setBaud(Number(e.target.value))}
              disabled={linked}
            >
              {BAUD_RATES.map((b) => (
                <option key={b} value={b}>
                  {b} baud
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {board === "serial" && !linked ? (
          <label className="field field-check" title="List every serial port, not only known MicroPython boards">
            <input type="checkbox" checked={anyPort} onChange={(e) => actions.setAnyPort(e.target.checked)} />
            All ports
          </label>
        ) : null}
        {linked ? (
          <button type="button" className="btn" onClick={() => void actions.disconnect()}>
            <UnplugIcon />
            Disconnect
          </button>
        ) : (
          <button
            type="button"
            className="btn btn-primary-outline"
            onClick={() => void actions.connect()}
            disabled={connection === ConnectionState.Disconnecting}
          >
            <PlugIcon />
            Connect
          </button>
        )}
        <button
          type="button"
          className="btn"
          onClick={() => useFlash.getState().openDialog()}
          // Not tied to the board's state: the dialog only opens, and flashing releases the board when it starts.
          disabled={connecting}
          title="Put MicroPython on a board (ESP32/ESP8266, Raspberry Pi Pico, pyboard)"
        >
          <BoltIcon />
          Flash firmware
        </button>
      </div>

      <div className="tool-group">
        <button type="button" className="btn btn-run" onClick={() => void actions.run()} disabled={!canRun} title="Run (F5)">
          <PlayIcon />
          Run
        </button>
        <button
          type="button"
          className="btn btn-stop"
          onClick={() => void actions.stop()}
          disabled={!connected}
          title="Stop (Ctrl-Shift-C)"
        >
          <StopIcon />
          Stop
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => void actions.softReset()}
          disabled={!connected || !idle}
          title="Soft reset: restart MicroPython, keep files"
        >
          <ResetIcon />
          Soft reset
        </button>
      </div>

      <div className="tool-group">
        <button type="button" className="btn" onClick={() => void saveActiveFormatted(useWorkspace)} title="Save (Ctrl-S)">
          <SaveIcon />
          Save
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => void actions.saveToBoard()}
          disabled={connecting || (connected && !idle)}
          title="Copy this file to the board"
        >
          <UploadIcon />
          Save to board
        </button>
      </div>

      <div className="toolbar-spacer" />
      <StatusPill />
      <div className="tool-group">
        <button type="button" className="btn btn-icon" aria-label="Settings" title="Settings (Ctrl-,)" onClick={() => openDialog("settings")}>
          <GearIcon />
        </button>
        <button
          type="button"
          className="btn btn-icon"
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (F1)"
          onClick={() => openDialog("shortcuts")}
        >
          <KeyboardIcon />
        </button>
      </div>
    </header>
  );
}
