import type { FlashProgress } from "./types";

/**
 * Throttles a flasher's progress to about ten events a second: a new phase, a log message, the end of a phase and a
 * forced event always pass. The rate is computed from the phase's start when the event has bytes.
 */
export function progressReporter(onProgress?: (p: FlashProgress) => void): (p: FlashProgress, force?: boolean) => void {
  let lastAt = 0;
  let phase = "";
  let phaseStart = 0;
  return (p, force = false) => {
    if (!onProgress) return;
    const now = Date.now();
    if (p.phase !== phase) {
      phase = p.phase;
      phaseStart = now;
      force = true;
    }
    if (!force && p.message === undefined && p.done < p.total && now - lastAt < 100) return;
    lastAt = now;
    const secs = (now - phaseStart) / 1000;
    onProgress(secs > 0 && p.done > 0 ? { ...p, bytesPerSecond: Math.round(p.done / secs) } : p);
  };
}
