import type { DeviceApi } from "./api";
import { DeviceError } from "./errors";
import { probeCaps } from "./fs/probe";
import * as ops from "./fs/ops";
import type {
  BoardEntry,
  BoardFilesApi,
  FsCaps,
  FsUsage,
  LocalFile,
  SyncPlan,
  TransferOptions,
  WriteOptions,
  WriteResult,
} from "./fs/types";
import { join as joinPath, parent as parentPath } from "./paths";
import type { RawSession } from "./session";
import { RuntimeState } from "./states";
import * as transfer from "./transfer";
import { withFreshHeapRetry } from "./transfer/freshHeap";
import { sha256Hex } from "./transfer/hash";

/** Capabilities are probed once per Device (one connection), whichever BoardFiles asks first. */
const capsByDevice = new WeakMap<DeviceApi, Promise<FsCaps>>();
/** Devices whose stale temporaries have been dealt with (once per connection). */
const cleanedDevices = new WeakSet<DeviceApi>();

/** What the Board files panel shows, read in one session. */
export interface BoardOverview {
  caps: FsCaps;
  /** The whole tree below the board's cwd (flat boards: its files). */
  entries: BoardEntry[];
  usage: FsUsage | null;
}

/**
 * The board's files as the UI and the CLI see them: every call is one raw-REPL session (the board is held for its
 * duration, Busy otherwise), capabilities are probed once per connection, and writes go through the transfer engine
 * (streamed, verified, atomic).
 */
export class BoardFiles implements BoardFilesApi {
  constructor(private readonly device: DeviceApi) {}

  capabilities(): Promise<FsCaps> {
    return this.session("Read board capabilities", RuntimeState.Busy, async (_s, caps) => caps);
  }

  list(dir?: string, options: { recursive?: boolean } = {}): Promise<BoardEntry[]> {
    return this.session("List files", RuntimeState.Busy, (s, caps) => ops.list(s, caps, dir ?? caps.cwd, options));
  }

  stat(path: string): Promise<BoardEntry | null> {
    return this.session("Stat file", RuntimeState.Busy, (s, caps) => ops.stat(s, caps, path));
  }

  read(path: string, options?: TransferOptions): Promise<Uint8Array> {
    return this.session("Download", RuntimeState.Transferring, (s, caps) => transfer.download(s, caps, path, options));
  }

  write(path: string, data: Uint8Array, options?: WriteOptions): Promise<WriteResult> {
    return this.session("Upload", RuntimeState.Transferring, (s, caps) => transfer.upload(s, caps, path, data, options));
  }

  mkdir(path: string): Promise<void> {
    return this.session("New folder", RuntimeState.Busy, (s, caps) => ops.mkdir(s, caps, path));
  }

  remove(path: string, options: { recursive?: boolean } = {}): Promise<void> {
    return this.session("Delete", RuntimeState.Busy, (s, caps) => ops.remove(s, caps, path, options));
  }

  rename(from: string, to: string): Promise<void> {
    return this.session("Rename", RuntimeState.Busy, (s, caps) => ops.rename(s, caps, from, to));
  }

  usage(): Promise<FsUsage | null> {
    return this.session("Storage usage", RuntimeState.Busy, (s, caps) => ops.usage(s, caps));
  }

  sha256(path: string): Promise<string | null> {
    return this.session("Hash file", RuntimeState.Busy, (s, caps) => transfer.boardSha256(s, caps, path));
  }

  /** Roll back or finish what a cut transfer left, and remove stale temporaries; the app calls it after connecting. */
  cleanup(): Promise<number> {
    return this.session("Clean up", RuntimeState.Busy, async (s, caps) => {
      cleanedDevices.add(this.device);
      return transfer.cleanupTemporaries(s, caps);
    });
  }

  /**
   * The panel's view in ONE session (each session costs a raw-REPL entry, ~50 ms, far more on a slow board): the
   * first call on a connection also settles what a cut transfer left behind.
   */
  overview(): Promise<BoardOverview> {
    return this.session("List files", RuntimeState.Busy, async (s, caps) => {
      if (!cleanedDevices.has(this.device)) {
        await transfer.cleanupTemporaries(s, caps);
        cleanedDevices.add(this.device);
      }
      const entries = await ops.list(s, caps, caps.cwd, { recursive: caps.dirs });
      const usage = await ops.usage(s, caps);
      return { caps, entries, usage };
    });
  }

  planSync(local: LocalFile[], remoteDir: string, options: { deleteExtra?: boolean } = {}): Promise<SyncPlan> {
    return this.session("Compare files", RuntimeState.Busy, (s, caps) => planSyncIn(s, caps, local, remoteDir, options));
  }

  applySync(plan: SyncPlan, local: LocalFile[], options: TransferOptions = {}): Promise<void> {
    return this.session("Sync", RuntimeState.Transferring, (s, caps) => applySyncIn(s, caps, plan, local, options));
  }

  private session<T>(what: string, runtime: RuntimeState, body: (s: RawSession, caps: FsCaps) => Promise<T>): Promise<T> {
    return this.device.session(
      what,
      async (s) => {
        const capsOf = () => {
          let caps = capsByDevice.get(this.device);
          if (!caps) {
            caps = probeCaps(s);
            capsByDevice.set(this.device, caps);
            // A failed probe (board busy, link cut) must be retried next time, not cached.
            caps.catch(() => capsByDevice.delete(this.device));
          }
          return caps;
        };
        // Every body here is safe to run again: reads and listings change nothing, and writes are atomic.
        return withFreshHeapRetry(s, async () => body(s, await capsOf()));
      },
      runtime,
    );
  }
}

/** Board path of a file of the sync, "/"-joined under remoteDir. */
function remotePathOf(remoteDir: string, relPath: string): string {
  return relPath.split("/").reduce((dir, part) => joinPath(dir, part), remoteDir);
}

async function planSyncIn(
  s: RawSession,
  caps: FsCaps,
  local: LocalFile[],
  remoteDir: string,
  options: { deleteExtra?: boolean },
): Promise<SyncPlan> {
  if (!caps.dirs && local.some((f) => f.relPath.includes("/"))) {
    throw new DeviceError("Unsupported", "Folders are not supported on this board: its filesystem is flat");
  }
  const existing = (await ops.stat(s, caps, remoteDir)) ?? null;
  const remote = existing ? await ops.list(s, caps, remoteDir, { recursive: true }) : [];
  const files = new Map(remote.filter((e) => e.kind === "file").map((e) => [e.path, e]));
  const plan: SyncPlan = { remoteDir, upload: [], unchanged: [], extra: [], deleteExtra: !!options.deleteExtra };
  const wanted = new Set<string>();
  for (const f of local) {
    const path = remotePathOf(remoteDir, f.relPath);
    wanted.add(path);
    const there = files.get(path);
    if (!there) plan.upload.push({ relPath: f.relPath, size: f.data.length, reason: "new" });
    else if (there.size !== f.data.length) plan.upload.push({ relPath: f.relPath, size: f.data.length, reason: "changed" });
    else if ((await transfer.boardSha256(s, caps, path)) !== (await sha256Hex(f.data))) {
      plan.upload.push({ relPath: f.relPath, size: f.data.length, reason: "changed" });
    } else plan.unchanged.push(f.relPath);
  }
  for (const path of files.keys()) if (!wanted.has(path)) plan.extra.push(path);
  return plan;
}

async function applySyncIn(s: RawSession, caps: FsCaps, plan: SyncPlan, local: LocalFile[], options: TransferOptions): Promise<void> {
  const byPath = new Map(local.map((f) => [f.relPath, f]));
  const total = plan.upload.reduce((n, u) => n + u.size, 0);
  const started = Date.now();
  let before = 0;
  const made = new Set<string>();
  for (const item of plan.upload) {
    const file = byPath.get(item.relPath);
    if (!file) throw new DeviceError("ProtocolError", `The sync plan names ${item.relPath}, which is not in the project`);
    const path = remotePathOf(plan.remoteDir, item.relPath);
    if (caps.dirs) await makeParents(s, caps, parentPath(path), made);
    const offset = before;
    await transfer.upload(s, caps, path, file.data, {
      signal: options.signal,
      onProgress: (p) => {
        const done = offset + p.done;
        const seconds = (Date.now() - started) / 1000;
        const rate = seconds > 0 ? done / seconds : 0;
        options.onProgress?.({
          ...p,
          done,
          total,
          bytesPerSecond: rate,
          etaMs: rate > 0 ? ((total - done) / rate) * 1000 : undefined,
        });
      },
    });
    before += file.data.length;
  }
  if (plan.deleteExtra) for (const path of plan.extra) await ops.remove(s, caps, path, { recursive: false });
}

/** mkdir -p, remembering what exists so a sync of many files in one folder asks once. */
async function makeParents(s: RawSession, caps: FsCaps, dir: string, made: Set<string>): Promise<void> {
  if (made.has(dir) || dir === "/" || dir === caps.cwd) return;
  const there = await ops.stat(s, caps, dir);
  if (!there) {
    await makeParents(s, caps, parentPath(dir), made);
    await ops.mkdir(s, caps, dir);
  } else if (there.kind !== "dir") {
    throw new DeviceError("RemoteError", `${dir} on the board is a file, so it cannot hold a folder`);
  }
  made.add(dir);
}
