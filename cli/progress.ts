/** Transfer progress on stderr: a self-overwriting line on a terminal, occasional plain lines with --progress. */
import type { TransferProgress } from "../src/device/fs/types";

export interface ErrStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(2)} MiB`;
}

export function formatRate(bytesPerSecond: number): string {
  return `${formatBytes(Math.round(bytesPerSecond))}/s`;
}

export function formatProgress(label: string, p: TransferProgress): string {
  const rate = p.bytesPerSecond > 0 ? ` ${formatRate(p.bytesPerSecond)}` : "";
  // A total of 0 with bytes moving means the size is not known yet: no percent or ETA to show.
  if (p.total <= 0) return `${label} ${p.phase} ${formatBytes(p.done)}${rate}`;
  const pct = Math.min(100, Math.floor((p.done / p.total) * 100));
  const eta = p.etaMs !== undefined ? ` ETA ${Math.ceil(p.etaMs / 1000)}s` : "";
  return `${label} ${p.phase} ${formatBytes(p.done)}/${formatBytes(p.total)} ${pct}%${rate}${eta}`;
}

export class Progress {
  private lastLength = 0;
  private lastPlain = Number.NEGATIVE_INFINITY;
  private readonly live: boolean;

  constructor(
    private readonly err: ErrStream,
    forced: boolean,
    private readonly now: () => number = Date.now,
  ) {
    this.live = !!err.isTTY || forced;
  }

  get enabled(): boolean {
    return this.live;
  }

  /** A callback for TransferOptions.onProgress, or undefined when progress is off. */
  reporter(label: string): ((p: TransferProgress) => void) | undefined {
    if (!this.live) return undefined;
    let lastPhase: string | undefined;
    return (p) => {
      // Each new phase (checking, sending, verifying, ...) is worth a line of its own; the rest is throttled.
      const changed = p.phase !== lastPhase;
      lastPhase = p.phase;
      this.show(formatProgress(label, p), changed);
    };
  }

  private show(line: string, important: boolean): void {
    if (this.err.isTTY) {
      const pad = " ".repeat(Math.max(0, this.lastLength - line.length));
      this.err.write(`\r${line}${pad}`);
      this.lastLength = line.length;
      return;
    }
    // Not a terminal (a CI log): one line per half second at most, so the log stays readable.
    const t = this.now();
    if (!important && t - this.lastPlain < 500) return;
    this.lastPlain = t;
    this.err.write(`${line}\n`);
  }

  /** Ends the overwritten line before anything else is printed. */
  done(): void {
    if (this.err.isTTY && this.lastLength > 0) this.err.write("\n");
    this.lastLength = 0;
  }
}
