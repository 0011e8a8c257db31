import { bytesOf, fromUtf8, utf8 } from "./bytes";
import { DeviceError, remoteError } from "./errors";
import { sendCode, writePaced, type Link, type RawPasteSupport } from "./rawRepl";
import type { StreamIo, StreamOptions } from "./session";

/**
 * RawSession.stream() over a link at the raw prompt: send `source`, hand the link to `body` while the board-side code
 * runs, then read the program's end (its stderr becomes a typed error). `learned` hears what raw-paste support the
 * send found, even when `body` then fails.
 */
export async function streamExec<T>(
  link: Link,
  source: string,
  rawPaste: RawPasteSupport,
  replyMs: number,
  learned: (support: RawPasteSupport) => void,
  body: (io: StreamIo) => Promise<T>,
  options: StreamOptions = {},
): Promise<T> {
  learned(await sendCode(link, utf8(source), rawPaste, { replyMs }));
  const reader = link.reader;
  let err = "";
  const readStderr = (idleMs: number) =>
    reader.readUntil(bytesOf("\x04"), {
      idleTimeoutMs: idleMs,
      what: "the board's error output",
      onData: (d) => (err += fromUtf8(d)),
    });
  const readPrompt = () => reader.readUntil(bytesOf(">"), { idleTimeoutMs: replyMs, what: "the raw prompt" });
  const finish = async (idleMs: number) => {
    await reader.readUntil(bytesOf("\x04"), { idleTimeoutMs: idleMs, what: "the end of the board's reply" });
    await readStderr(idleMs);
    await readPrompt();
  };
  const io: StreamIo = {
    write: (data) => writePaced(link, data),
    read: (n, what, idleMs) => reader.readExactly(n, { idleTimeoutMs: idleMs ?? replyMs, what }),
    readUntil: (marker, what, idleMs, onData) => reader.readUntil(marker, { idleTimeoutMs: idleMs ?? replyMs, what, onData }),
    get buffered() {
      return reader.buffered;
    },
    ended: async () => {
      // The stdout marker was consumed by the caller: what follows is stderr, then \x04 and the prompt.
      await readStderr(replyMs);
      await readPrompt();
      if (err) throw remoteError(err);
      throw new DeviceError("ProtocolError", "The board's helper program ended early without an error");
    },
  };
  let result: T;
  try {
    result = await body(io);
  } catch (e) {
    if (options.abortBytes && !reader.isEnded) {
      await writePaced(link, options.abortBytes).catch(() => {});
      // Give the board-side code a moment to finish on its own; the Device's recovery does the rest.
      await finish(Math.min(replyMs, 1000)).catch(() => {});
    }
    throw e;
  }
  await finish(options.endIdleMs ?? replyMs * 3);
  if (err) throw remoteError(err);
  return result;
}
