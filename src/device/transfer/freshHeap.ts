import { isDeviceError } from "../errors";
import type { RawSession } from "../session";

export const isMemoryError = (e: unknown) => isDeviceError(e, "RemoteError") && /^MemoryError/.test(e.message);

/**
 * Run `fn`; when the board answers MemoryError (micro:bit's ~10 KB heap, split over time by interned names that never
 * go, no longer holds a helper's compile), soft-reset it for a fresh heap, run `repair` (e.g. roll back what a helper
 * cut short), and run `fn` once more. Only for work that is safe to repeat: reads, and writes that are atomic.
 */
export async function withFreshHeapRetry<T>(s: RawSession, fn: () => Promise<T>, repair?: () => Promise<unknown>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (!s.restart || !isMemoryError(e)) throw e;
    await s.restart();
    await repair?.();
    return fn();
  }
}
