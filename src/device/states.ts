/** Whether there is a link to a board. Separate from what the board is doing (RuntimeState). */
export enum ConnectionState {
  Disconnected = "disconnected",
  Connecting = "connecting",
  Connected = "connected",
  Disconnecting = "disconnecting",
  /** The link ended without the user asking (cable pulled, worker died). */
  Lost = "lost",
}

/** What the board is doing while connected. */
export enum RuntimeState {
  /** At the friendly REPL; keystrokes go straight to the board. */
  Idle = "idle",
  /** Running the user's code (Run); keystrokes feed its stdin. */
  Running = "running",
  /** Running Mote's own helper code (file operations, probes). */
  Busy = "busy",
  /** Moving file contents. */
  Transferring = "transferring",
  /** Writing firmware; the REPL is gone until it finishes. */
  Flashing = "flashing",
}
