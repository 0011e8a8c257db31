import { bytesOf, latin1, sleep } from "./bytes";
import { DeviceError } from "./errors";
import type { ByteReader } from "./reader";

/**
 * The raw REPL and raw-paste wire protocol (see shared/notes/protocol.md), as functions over a Link. No state of
 * their own beyond what the caller passes: the Device decides when to call them.
 */

// The banner's line end is matched loosely (then up to ">"), so a port that prints bare \n still matches.
export const RAW_BANNER = bytesOf("raw REPL; CTRL-B to exit");
// Old firmware answers a raw-paste request with the start of this banner: "ra" + the rest.
const RAW_BANNER_REST = bytesOf("w REPL; CTRL-B to exit");
export const FRIENDLY_PROMPT = bytesOf(">>> ");
const EOT = bytesOf("\x04");
const PROMPT = bytesOf(">");

export interface Link {
  reader: ByteReader;
  write(data: Uint8Array): Promise<void>;
  /** Write long inputs in small paced chunks (boards with tiny UART buffers). */
  pacing?: { chunkBytes: number; delayMs: number };
}

export interface Timing {
  /** Idle timeout for protocol replies (not for the user's program). */
  replyMs: number;
}

/** Write, splitting into paced chunks when the link needs it. */
export async function writePaced(link: Pick<Link, "write" | "pacing">, data: Uint8Array): Promise<void> {
  const pace = link.pacing;
  if (!pace || data.length <= pace.chunkBytes) return link.write(data);
  for (let i = 0; i < data.length; i += pace.chunkBytes) {
    await link.write(data.subarray(i, i + pace.chunkBytes));
    if (i + pace.chunkBytes < data.length) await sleep(pace.delayMs);
  }
}

/**
 * Get to the raw REPL from anywhere: interrupt what runs, then Ctrl-A until the raw banner shows. Bytes before the
 * banner (a program's last output, garbage, a NUL from an old micro:bit) are dropped. Fails with NotMicroPython when
 * no banner comes within `totalMs`.
 */
export async function enterRawRepl(link: Link, totalMs: number): Promise<void> {
  const deadline = Date.now() + totalMs;
  let received = 0;
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    // Ctrl-A acts only on an empty line, so \r first; two Ctrl-Cs because one may be swallowed by a board that is
    // busy printing (mpremote does the same).
    await link.write(bytesOf("\r\x03"));
    await sleep(attempt === 0 ? 20 : 100);
    await link.write(bytesOf("\x03"));
    received += (await link.reader.collectFor(attempt === 0 ? 30 : 150)).length;
    await link.write(bytesOf("\r\x01"));
    const left = deadline - Date.now();
    if (left <= 0) break;
    try {
      const wait = { totalTimeoutMs: Math.min(left, 600 + attempt * 400), what: "the raw REPL banner" };
      await link.reader.readUntil(RAW_BANNER, wait);
      await link.reader.readUntil(PROMPT, wait);
      return;
    } catch (e) {
      if (!(e instanceof DeviceError) || e.code !== "Timeout") throw e;
      received += link.reader.drain().length;
    }
  }
  throw new DeviceError(
    "NotMicroPython",
    received
      ? "The port answers, but not like MicroPython (no raw REPL prompt)"
      : "The port is silent: no MicroPython prompt",
    `received ${received} bytes in ${totalMs} ms`,
  );
}

/** Leave raw REPL for the friendly one; returns what the board printed before `>>> ` (its banner). */
export async function leaveRawRepl(link: Link, timing: Timing): Promise<string> {
  await link.write(bytesOf("\r\x02"));
  const before = await link.reader.readUntil(FRIENDLY_PROMPT, { idleTimeoutMs: timing.replyMs, what: "the >>> prompt" });
  return latin1(before);
}

export interface ExecStreams {
  onStdout?: (data: Uint8Array) => void;
  onStderr?: (data: Uint8Array) => void;
  /** Idle timeout while the code runs; undefined for the user's programs, which may sit quietly for ever. */
  runIdleMs?: number;
}

export type RawPasteSupport = boolean | undefined;

/**
 * Run source in the raw REPL (the caller has just seen the raw `>`). Uses raw-paste when `rawPaste` is not false,
 * and returns what it learned about raw-paste so the caller can skip the probe next time.
 */
export async function execRaw(
  link: Link,
  source: Uint8Array,
  rawPaste: RawPasteSupport,
  timing: Timing,
  streams: ExecStreams,
): Promise<RawPasteSupport> {
  const support = await sendCode(link, source, rawPaste, timing);
  await readExecOutput(link, timing, streams);
  return support;
}

/**
 * Send source to run in the raw REPL and return once the board has taken it and started running it: what follows on
 * the link is the program's stdout. Callers that speak an in-band protocol with the running code (the transfer
 * engine) use this, then readExecOutput.
 */
export async function sendCode(
  link: Link,
  source: Uint8Array,
  rawPaste: RawPasteSupport,
  timing: Timing,
): Promise<RawPasteSupport> {
  let support = rawPaste;
  if (support !== false) support = await tryRawPaste(link, source, timing);
  if (support === false) {
    await writePaced(link, source);
    await link.write(EOT);
    const ok = await link.reader.readExactly(2, { idleTimeoutMs: timing.replyMs, what: "OK after the code" });
    if (latin1(ok) !== "OK") {
      throw new DeviceError("ProtocolError", "The board did not accept the code", `expected OK, got ${JSON.stringify(latin1(ok))}`);
    }
  }
  return support;
}

/** Returns true when the source went through raw-paste, false when the board lacks it (still in raw REPL). */
async function tryRawPaste(link: Link, source: Uint8Array, timing: Timing): Promise<boolean> {
  await link.write(bytesOf("\x05A\x01"));
  const reply = latin1(await link.reader.readExactly(2, { idleTimeoutMs: timing.replyMs, what: "the raw-paste reply" }));
  if (reply === "R\x00") return false;
  if (reply === "ra") {
    // Firmware older than raw-paste treated \x05 as garbage and reprinted the raw banner.
    const wait = { idleTimeoutMs: timing.replyMs, what: "the raw REPL banner" };
    await link.reader.readUntil(RAW_BANNER_REST, wait);
    await link.reader.readUntil(PROMPT, wait);
    return false;
  }
  if (reply !== "R\x01") {
    throw new DeviceError("ProtocolError", "Unexpected answer to raw-paste", JSON.stringify(reply));
  }
  const w = await link.reader.readExactly(2, { idleTimeoutMs: timing.replyMs, what: "the raw-paste window" });
  const window = w[0] | (w[1] << 8);
  if (window === 0) throw new DeviceError("ProtocolError", "Raw-paste window of 0 bytes");
  let credit = window;
  for (let sent = 0; sent < source.length; ) {
    // Take every flow byte already waiting, and block for one when out of credit.
    while (credit === 0 || link.reader.buffered > 0) {
      const b = (await link.reader.readExactly(1, { idleTimeoutMs: timing.replyMs, what: "raw-paste flow control" }))[0];
      if (b === 0x01) credit += window;
      else if (b === 0x04) {
        await link.write(EOT);
        throw new DeviceError("ProtocolError", "The board aborted the upload (raw-paste)");
      } else throw new DeviceError("ProtocolError", "Unexpected byte during raw-paste", `0x${b.toString(16)}`);
    }
    const n = Math.min(credit, source.length - sent);
    await link.write(source.subarray(sent, sent + n));
    sent += n;
    credit -= n;
  }
  await link.write(EOT);
  // The board acknowledges the end of data with \x04; flow bytes may still precede it.
  await link.reader.readUntil(EOT, { idleTimeoutMs: timing.replyMs, what: "the end of the raw-paste upload" });
  return true;
}

/** stdout until \x04, stderr until \x04, then the raw prompt. */
export async function readExecOutput(link: Link, timing: Timing, streams: ExecStreams): Promise<void> {
  const run = { idleTimeoutMs: streams.runIdleMs, what: "the program's output" };
  await link.reader.readUntil(EOT, { ...run, onData: streams.onStdout ?? (() => {}) });
  await link.reader.readUntil(EOT, { ...run, onData: streams.onStderr ?? (() => {}) });
  await link.reader.readUntil(PROMPT, { idleTimeoutMs: timing.replyMs, what: "the raw prompt" });
}
