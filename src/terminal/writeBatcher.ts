/**
 * Collects terminal output and hands it to the terminal in few, bounded writes.
 *
 * A board printing in a tight loop can emit thousands of tiny chunks a second. Writing each one to xterm costs a
 * parse + render request per chunk and starves the page; instead chunks are queued and flushed once per frame, each
 * flush capped so one frame never takes on more than the terminal can chew. When the producer outruns the terminal
 * for long, the oldest unseen output is dropped (with a visible note) rather than letting memory and latency grow
 * without bound: a person wants the newest lines, not a terminal that is minutes behind.
 *
 * Pure: no DOM, no xterm. The caller supplies `schedule` (requestAnimationFrame in the app, a manual clock in tests)
 * and `write`.
 */

export type StreamKind = "repl" | "stdout" | "stderr" | "local";

export interface WriteBatcherOptions {
  /** Hand one batch to the terminal. Call `done` once it has been consumed, to allow the next flush. */
  write(data: Uint8Array, done: () => void): void;
  /** Run `callback` soon (next animation frame). Returns a function that cancels it. */
  schedule(callback: () => void): () => void;
  /**
   * Run `callback` in a task of its own, without waiting for a frame (taskScheduler in the app): used for the next
   * flush while a backlog of at least one full flush waits, so a flood goes at the terminal's parse speed instead of
   * one flush per frame. Without it, every flush waits for `schedule`.
   */
  soon?(callback: () => void): () => void;
  /** Upper bound on bytes handed over per flush (the starting bound, when `clock` is given). */
  maxBytesPerFlush?: number;
  /**
   * A clock in ms (performance.now in the app). With it, the bound follows the terminal's measured speed: a full
   * flush that the terminal took in less than `flushBudgetMs` raises it (at most doubling), a slower one lowers it.
   * A fixed 64 KiB made a flood frame-bound: 16 frames per MB, ~270 ms, where xterm itself parsed the MB in ~150 ms.
   */
  clock?: () => number;
  /**
   * How long one flush may keep the terminal busy, in ms; default 12: xterm's own parse slice, leaving a 60 Hz
   * frame ~4 ms to render.
   */
  flushBudgetMs?: number;
  /** Once this many bytes wait, the oldest are dropped. */
  maxBacklogBytes?: number;
  /** Escape sequence written before a chunk of this stream (e.g. red for stderr). */
  styles?: Partial<Record<StreamKind, string>>;
}

export interface WriteBatcher {
  push(data: Uint8Array | string, stream?: StreamKind): void;
  /** Bytes queued and not yet handed to the terminal. */
  readonly pendingBytes: number;
  /** The current bound on one flush (it moves when a clock is given). */
  readonly bytesPerFlush: number;
  /** Total bytes dropped so far because the backlog overflowed. */
  readonly droppedBytes: number;
  /** Hand over everything queued now, ignoring the per-flush cap (used before tear-down). */
  flushAll(): void;
  dispose(): void;
}

// The adaptive bound's range: below 16 KiB a flood would need too many frames, above 1 MiB one flush is a long task.
const MIN_FLUSH = 16 * 1024;
const MAX_FLUSH = 1024 * 1024;

/** Undo any stream style: default foreground, not bold. */
const RESET = "\x1b[39;22m";
const encoder = new TextEncoder();

interface Segment {
  bytes: Uint8Array;
  stream: StreamKind;
}

export function createWriteBatcher(options: WriteBatcherOptions): WriteBatcher {
  let maxPerFlush = options.maxBytesPerFlush ?? 64 * 1024;
  const budgetMs = options.flushBudgetMs ?? 12;
  const maxBacklog = Math.max(options.maxBacklogBytes ?? 4 * 1024 * 1024, maxPerFlush);
  const styles = options.styles ?? {};
  const queue: Segment[] = [];
  let pending = 0;
  let dropped = 0;
  let droppedSinceNote = 0;
  let cancelScheduled: (() => void) | null = null;
  let writeInFlight = false;
  let disposed = false;
  // The style currently in force on the terminal, so a stream change emits exactly one escape.
  let activeStyle = "";

  function ensureScheduled(): void {
    if (cancelScheduled || writeInFlight || disposed || pending === 0) return;
    const run = pending >= maxPerFlush && options.soon ? options.soon : options.schedule;
    cancelScheduled = run(() => {
      cancelScheduled = null;
      flush(maxPerFlush);
    });
  }

  function trimBacklog(): void {
    while (pending > maxBacklog && queue.length > 0) {
      const head = queue[0];
      const excess = pending - maxBacklog;
      if (head.bytes.length <= excess) {
        queue.shift();
        pending -= head.bytes.length;
        dropped += head.bytes.length;
        droppedSinceNote += head.bytes.length;
      } else {
        head.bytes = head.bytes.subarray(excess);
        pending -= excess;
        dropped += excess;
        droppedSinceNote += excess;
      }
    }
  }

  function take(limit: number): Uint8Array {
    const parts: Uint8Array[] = [];
    let size = 0;
    const add = (b: Uint8Array) => {
      parts.push(b);
      size += b.length;
    };
    if (droppedSinceNote > 0) {
      add(encoder.encode(`${RESET}\r\n\x1b[2m[… ${droppedSinceNote} bytes of output skipped to keep up …]\x1b[22m\r\n`));
      activeStyle = "";
      droppedSinceNote = 0;
    }
    while (queue.length > 0 && size < limit) {
      const seg = queue[0];
      const style = styles[seg.stream] ?? "";
      if (style !== activeStyle) {
        add(encoder.encode(style === "" ? RESET : RESET + style));
        activeStyle = style;
      }
      const room = limit - size;
      if (seg.bytes.length <= room) {
        queue.shift();
        pending -= seg.bytes.length;
        add(seg.bytes);
      } else {
        add(seg.bytes.subarray(0, room));
        seg.bytes = seg.bytes.subarray(room);
        pending -= room;
      }
    }
    if (parts.length === 1) return parts[0];
    const out = new Uint8Array(size);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }

  function adapt(elapsedMs: number): void {
    const scale = Math.min(2, budgetMs / Math.max(elapsedMs, 0.25));
    maxPerFlush = Math.round(Math.min(MAX_FLUSH, Math.max(MIN_FLUSH, maxPerFlush * scale)));
  }

  function flush(limit: number): void {
    if (disposed || (pending === 0 && droppedSinceNote === 0)) return;
    const full = pending >= limit;
    const batch = take(limit);
    writeInFlight = true;
    let finished = false;
    const clock = options.clock;
    const started = clock?.();
    options.write(batch, () => {
      // Guard against a sink calling done twice.
      if (finished) return;
      finished = true;
      writeInFlight = false;
      // Only a full flush says what the terminal can take; a small one is quick because it is small.
      if (full && clock && started !== undefined) adapt(clock() - started);
      ensureScheduled();
    });
  }

  return {
    push(data, stream = "repl") {
      if (disposed) return;
      const bytes = typeof data === "string" ? encoder.encode(data) : data;
      if (bytes.length === 0) return;
      // Copy: the producer may reuse its buffer after the event returns.
      const last = queue[queue.length - 1];
      if (last && last.stream === stream && last.bytes.length < 4096 && bytes.length < 4096) {
        const merged = new Uint8Array(last.bytes.length + bytes.length);
        merged.set(last.bytes);
        merged.set(bytes, last.bytes.length);
        last.bytes = merged;
      } else {
        queue.push({ bytes: bytes.slice(), stream });
      }
      pending += bytes.length;
      trimBacklog();
      ensureScheduled();
    },
    get pendingBytes() {
      return pending;
    },
    get bytesPerFlush() {
      return maxPerFlush;
    },
    get droppedBytes() {
      return dropped;
    },
    flushAll() {
      if (disposed) return;
      cancelScheduled?.();
      cancelScheduled = null;
      while (pending > 0 || droppedSinceNote > 0) {
        const batch = take(Number.MAX_SAFE_INTEGER);
        options.write(batch, () => {});
      }
      writeInFlight = false;
    },
    dispose() {
      disposed = true;
      cancelScheduled?.();
      cancelScheduled = null;
      queue.length = 0;
      pending = 0;
    },
  };
}

/** How the app paces the batcher in a page (frames, next tasks, the page's clock); the benches use the same. */
export const pageTiming: Pick<WriteBatcherOptions, "schedule" | "soon" | "clock"> = {
  schedule: animationFrameScheduler,
  soon: taskScheduler,
  clock: () => performance.now(),
};

/** A scheduler for the next task: a MessageChannel message, which (unlike setTimeout) browsers do not clamp to 4 ms. */
export function taskScheduler(callback: () => void): () => void {
  let cancelled = false;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    if (!cancelled) callback();
  };
  channel.port2.postMessage(0);
  return () => {
    cancelled = true;
    channel.port1.close();
  };
}

/** A scheduler on requestAnimationFrame, falling back to a timer where frames do not run (hidden tab). */
export function animationFrameScheduler(callback: () => void): () => void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    callback();
  };
  const frame = requestAnimationFrame(run);
  // Background tabs pause animation frames; without this fallback, output would pile up until the backlog cap.
  const timer = setTimeout(run, 250);
  return () => {
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
