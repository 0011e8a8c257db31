import { zlibSync } from "fflate";
import { DeviceError } from "../errors";
import type { FsCaps, TransferOptions, WriteOptions, WriteResult } from "../fs/types";
import type { RawSession } from "../session";
import { cancelled, Progress, pyPath, tempPaths, throwIfAborted } from "./common";
import { streamDownload } from "./download";
import { boardSum, cleanupFlat, commitByCopy, downloadFlat, hostSum, writeTemp, type FlatSum } from "./flat";
import { sha256Hex } from "./hash";
import { cleanupTree, commitByRename, hashlibSha256, removeQuietly } from "./modern";
import { streamUpload } from "./stdinUpload";
import { uartDownload } from "./uartDownload";
import { RECEIVER_FILE, uartUpload } from "./uartUpload";
import { withFreshHeapRetry } from "./freshHeap";
import { channelDownload, channelFor, channelUpload } from "./channel";

export { RECEIVER_FLUSH } from "./flush";

/** Engine knobs for tests: not part of the app's API. */
export interface EngineOverrides {
  /** Take the journal path even where os.rename would replace the target (exercises the FAT path on any board). */
  forceJournal?: boolean;
}

/** Compressed data is sent only when it saves at least this fraction. */
const WORTH_COMPRESSING = 0.9;

/**
 * Write `data` to `path` on the board: skipped when identical (unless force), refused with Conflict when the board's
 * copy is not what the caller expected, otherwise streamed to a temp beside the target, verified from flash, and only
 * then put in place. Cancel or any failure before the commit leaves the old file untouched and no temp.
 */
export async function upload(
  s: RawSession,
  caps: FsCaps,
  path: string,
  data: Uint8Array,
  o: WriteOptions & EngineOverrides = {},
): Promise<WriteResult> {
  const progress = new Progress(data.length, o);
  throwIfAborted(o.signal);
  progress.report("checking", 0, true);
  const sha256 = await sha256Hex(data);
  const channel = channelFor(s, caps);
  // A text-only link without a channel must not carry raw binary: the literal-exec path is text-safe.
  const flat = !channel && (caps.binaryIn !== "stdin" || !caps.sha256 || !!s.textOnly);
  // The micro:bit receiver checks for unchanged content itself, saving an exec.
  const uart = flat && caps.binaryIn === "uart" && !s.textOnly;

  if (o.expectSha256 !== undefined) {
    const current = await boardSha256(s, caps, path);
    if (current !== o.expectSha256) {
      throw new DeviceError(
        "Conflict",
        current === null
          ? `${path} was removed from the board since it was read`
          : `${path} changed on the board since it was read`,
        `expected ${o.expectSha256 ?? "no file"}, found ${current ?? "no file"}`,
      );
    }
    if (!o.force && current === sha256) return { skipped: true, sha256, wireBytes: 0, compressed: false };
  } else if (!o.force && !uart) {
    const same = flat ? sameFlat(await boardSum(s, caps, path), data) : (await hashlibSha256(s, caps, path)) === sha256;
    if (same) return { skipped: true, sha256, wireBytes: 0, compressed: false };
  }

  if (channel) {
    await channelUpload(s, caps, channel, path, data, sha256, progress, o);
    return { skipped: false, sha256, wireBytes: data.length, compressed: false };
  }
  const t = tempPaths(path);
  if (uart) {
    const skipIfSame = !o.force && o.expectSha256 === undefined;
    // A receiver cut short by MemoryError may leave a journalled new file: cleanup rolls it back before the retry.
    const outcome = await withFreshHeapRetry(
      s,
      () => uartUpload(s, path, t, data, skipIfSame, progress, o.signal),
      () => cleanupFlat(s, RECEIVER_FILE),
    );
    if (outcome.kind === "cancelled") throw cancelled();
    if (outcome.kind === "skipped") return { skipped: true, sha256, wireBytes: 0, compressed: false };
    if (!outcome.inPlace) {
      progress.report("committing", data.length, true);
      await commitByCopy(s, caps, path, t, data);
    }
    return { skipped: false, sha256, wireBytes: data.length, compressed: false };
  }
  if (flat) {
    const wireBytes = await writeTemp(s, caps, t.tmp, data, progress, o.signal);
    if (o.signal?.aborted) throw cancelled();
    progress.report("committing", data.length, true);
    // writeTemp verified the temp; a board with folders and rename (a text-only link) commits as the stream path does.
    if (caps.dirs && caps.rename) await commitByRename(s, caps, path, t, o.forceJournal);
    else await commitByCopy(s, caps, path, t, data);
    return { skipped: false, sha256, wireBytes, compressed: false };
  }

  const packed = caps.deflate && data.length >= 64 ? compress(data) : null;
  const useZip = !!packed && packed.length < data.length * WORTH_COMPRESSING;
  const wire = useZip ? packed : data;
  const outcome = await streamUpload(
    s,
    pyPath(caps, t.tmp),
    useZip ? pyPath(caps, t.zip) : null,
    wire,
    progress,
    data.length,
    o.signal,
  );
  if (outcome.kind === "cancelled") throw cancelled();
  if (outcome.sha256 !== sha256) {
    await removeQuietly(s, caps, t.tmp);
    throw new DeviceError("ProtocolError", `What the board stored for ${path} differs from what was sent (sha256)`);
  }
  if (o.signal?.aborted) {
    await removeQuietly(s, caps, t.tmp);
    throw cancelled();
  }
  progress.report("committing", data.length, true);
  await commitByRename(s, caps, path, t, o.forceJournal);
  return { skipped: false, sha256, wireBytes: wire.length, compressed: useZip };
}

export async function download(s: RawSession, caps: FsCaps, path: string, o: TransferOptions = {}): Promise<Uint8Array> {
  throwIfAborted(o.signal);
  const channel = channelFor(s, caps);
  if (channel) return channelDownload(s, caps, channel, path, (total) => new Progress(total, o), o.signal);
  if (caps.binaryIn === "stdin" && caps.sha256 && !s.textOnly) {
    return streamDownload(s, caps, path, (total) => new Progress(total, o), o.signal);
  }
  const data =
    caps.binaryIn === "uart" && !s.textOnly
      ? await withFreshHeapRetry(s, () => uartDownload(s, path, (total) => new Progress(total, o), o.signal))
      : await downloadFlat(s, caps, path, new Progress(0, o));
  throwIfAborted(o.signal);
  return data;
}

/** sha256 (hex) of a board file, null when it does not exist; boards without hashlib send the file to be hashed here. */
export async function boardSha256(s: RawSession, caps: FsCaps, path: string): Promise<string | null> {
  if (caps.sha256) return hashlibSha256(s, caps, path);
  try {
    const data =
      caps.binaryIn === "uart" && !s.textOnly
        ? await withFreshHeapRetry(s, () => uartDownload(s, path, new Progress(0)))
        : await downloadFlat(s, caps, path, new Progress(0));
    return await sha256Hex(data);
  } catch (e) {
    if (e instanceof DeviceError && e.code === "NotFound") return null;
    throw e;
  }
}

/** Finish or roll back what a cut transfer left and remove every stale `.mote-*` temp; run after connecting. */
export async function cleanupTemporaries(s: RawSession, caps: FsCaps): Promise<number> {
  if (!caps.dirs) return withFreshHeapRetry(s, () => cleanupFlat(s, RECEIVER_FILE));
  return cleanupTree(s, s.hiddenPaths ?? []);
}

function sameFlat(got: FlatSum | null, data: Uint8Array): boolean {
  const want = hostSum(data);
  return !!got && got.size === want.size && got.sum === want.sum;
}

/**
 * zlib with the header's window size lowered to the smallest power of two covering the data: no back-reference can
 * reach further than the data's length, and the board's DeflateIO allocates the window the header names, so a 3 KB
 * file costs the board 4 KB instead of 32 KB.
 */
export function compress(data: Uint8Array): Uint8Array {
  const out = zlibSync(data, { level: 9 });
  const bits = Math.max(9, Math.min(15, Math.ceil(Math.log2(Math.max(data.length, 1)))));
  const cmf = 0x08 | ((bits - 8) << 4);
  let flg = out[1] & 0xe0;
  flg |= 31 - ((cmf * 256 + flg) % 31);
  if (flg > 0xff || (cmf * 256 + flg) % 31 !== 0) return out;
  out[0] = cmf;
  out[1] = flg;
  return out;
}

