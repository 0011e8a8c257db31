/** Progress every flashing path reports: at most ~10 events a second, always one at each phase change. */
export interface FlashProgress {
  phase: "connecting" | "erasing" | "writing" | "verifying" | "resetting" | "done";
  /** Bytes of the image handled so far in this phase, and the phase's total (0 when unknown). */
  done: number;
  total: number;
  bytesPerSecond?: number;
  /** Free text for the log line under the progress bar ("Chip is ESP32-D0WD (revision 1)"). */
  message?: string;
}

export interface FlashOptions {
  onProgress?: (p: FlashProgress) => void;
  signal?: AbortSignal;
  /** Lines for the dialog's log (what esptool would print). */
  onLog?: (line: string) => void;
}
