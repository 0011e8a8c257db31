/**
 * Wire constants shared by the board-side receiver and the connect path. Kept free of imports so device.ts can use
 * them without pulling in the transfer engine.
 */

/** Header byte before each window: more data follows. */
export const HDR_DATA = 0x01;
/**
 * Header byte that makes the receiver give up. CAN (0x18) because a friendly or raw REPL ignores it silently (measured
 * on MicroPython 1.27 WASM and micro:bit 1.9.2; Ctrl-C would print a prompt per byte, NUL upsets micro:bit).
 */
export const HDR_ABORT = 0x18;
/** The largest window any receiver uses; RECEIVER_FLUSH depends on it. */
export const MAX_WINDOW = 1024;

/**
 * Written on connect before anything else. A receiver orphaned by a cut link runs with Ctrl-C disabled and would eat
 * the Ctrl-Cs that enter the raw REPL; whatever byte of a window it is waiting for, MAX_WINDOW + 1 abort bytes reach a
 * header position, so it removes its temp file and ends. At a REPL prompt these bytes are ignored.
 */
export const RECEIVER_FLUSH: Uint8Array = new Uint8Array(MAX_WINDOW + 1).fill(HDR_ABORT);
