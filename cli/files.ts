/** ls, cp, rm, mkdir: the board's files through the BoardFilesApi facade (the same engine the UI uses). */
import fs from "node:fs/promises";
import path from "node:path";
import type { BoardEntry, BoardFilesApi, LocalFile, SyncPlan } from "../src/device/fs/types";
import { displayName } from "../src/device/paths";
import { boardPath, endsLikeDir, isRemote, type Command } from "./args";
import { formatBytes, formatRate, type ErrStream, type Progress } from "./progress";

export interface OutStream {
  write(text: string): unknown;
}

export interface FileContext {
  files: BoardFilesApi;
  /** The board's working directory, where relative board paths land. */
  cwd: string;
  out: OutStream;
  err: ErrStream;
  progress: Progress;
  /** Cancels the transfer under way (Ctrl-C); the engine then rejects with Interrupted. */
  signal?: AbortSignal;
  now?: () => number;
}

/** A plain one-line failure (no device error code behind it). */
export class CliFailure extends Error {
  override readonly name = "CliFailure";
}

const baseName = (p: string): string => p.slice(p.lastIndexOf("/") + 1);
const joinBoard = (dir: string, name: string): string => (dir === "/" ? `/${name}` : `${dir}/${name}`);

export async function ls(ctx: FileContext, cmd: Extract<Command, { name: "ls" }>): Promise<void> {
  const dir = boardPath(cmd.dir, ctx.cwd);
  let entries: BoardEntry[];
  try {
    entries = await ctx.files.list(dir, { recursive: cmd.recursive });
  } catch (e) {
    // A listing fails for a path that is not a folder; say which, in words, instead of the board's OSError.
    const st = await ctx.files.stat(dir).catch(() => undefined);
    if (st === null) throw new CliFailure(`no such folder on the board: :${dir}`);
    if (st?.kind === "file") entries = [st];
    else throw e;
  }
  const prefix = dir === "/" ? "/" : `${dir}/`;
  for (const entry of entries) {
    const shown = entry.path.startsWith(prefix) ? entry.path.slice(prefix.length) : entry.name;
    const suffix = entry.kind === "dir" ? "/" : "";
    // Board names are untrusted: a newline or a bidi control in one must not forge or hide lines of the listing.
    ctx.out.write(`${String(entry.kind === "dir" ? "" : entry.size).padStart(9)}  ${displayName(shown)}${suffix}\n`);
  }
}

export async function rm(ctx: FileContext, cmd: Extract<Command, { name: "rm" }>): Promise<void> {
  const target = boardPath(cmd.path, ctx.cwd);
  if (target === "/") throw new CliFailure("refusing to remove the board's root folder; name what is inside it");
  const st = await ctx.files.stat(target);
  if (!st) throw new CliFailure(`no such file on the board: :${target}`);
  if (st.kind === "dir" && !cmd.recursive) throw new CliFailure(`:${target} is a folder (use rm -r)`);
  await ctx.files.remove(target, { recursive: cmd.recursive });
  ctx.err.write(`removed :${target}\n`);
}

export async function mkdir(ctx: FileContext, cmd: Extract<Command, { name: "mkdir" }>): Promise<void> {
  const target = boardPath(cmd.path, ctx.cwd);
  await ctx.files.mkdir(target);
}

export async function cp(ctx: FileContext, cmd: Extract<Command, { name: "cp" }>): Promise<void> {
  if (isRemote(cmd.to)) {
    const local = await fs.stat(cmd.from);
    if (local.isDirectory()) {
      if (!cmd.recursive) throw new CliFailure(`${cmd.from} is a folder (use cp -r to sync it)`);
      await syncUp(ctx, cmd.from, boardPath(cmd.to, ctx.cwd), cmd);
      return;
    }
    await uploadFile(ctx, cmd.from, cmd.to, cmd.force);
    return;
  }
  await download(ctx, cmd.from, cmd.to, cmd.recursive);
}

function summary(ctx: FileContext, started: number, bytes: number, what: string): void {
  const seconds = Math.max(0.001, ((ctx.now ?? Date.now)() - started) / 1000);
  ctx.err.write(`${what}: ${formatBytes(bytes)} in ${seconds.toFixed(1)} s (${formatRate(bytes / seconds)})\n`);
}

async function uploadFile(ctx: FileContext, local: string, toSpec: string, force: boolean): Promise<void> {
  const data = new Uint8Array(await fs.readFile(local));
  let target = boardPath(toSpec, ctx.cwd);
  if (endsLikeDir(toSpec) || (await ctx.files.stat(target))?.kind === "dir") {
    target = joinBoard(target, path.basename(local));
  }
  const started = (ctx.now ?? Date.now)();
  const result = await ctx.files.write(target, data, {
    force,
    signal: ctx.signal,
    onProgress: ctx.progress.reporter(`:${target}`),
  }).finally(() => ctx.progress.done());
  if (result.skipped) ctx.err.write(`:${target} unchanged (${formatBytes(data.length)}), not sent\n`);
  else summary(ctx, started, data.length, `${local} -> :${target}`);
}

async function download(ctx: FileContext, fromSpec: string, local: string, recursive: boolean): Promise<void> {
  const source = boardPath(fromSpec, ctx.cwd);
  const st = await ctx.files.stat(source);
  if (!st) throw new CliFailure(`no such file on the board: :${source}`);
  const localIsDir = local.endsWith("/") || local.endsWith(path.sep) || (await isDir(local));
  if (st.kind === "dir") {
    if (!recursive) throw new CliFailure(`:${source} is a folder (use cp -r)`);
    await downloadTree(ctx, source, localIsDir ? path.join(local, baseName(source) || "board") : local);
    return;
  }
  const target = localIsDir ? path.join(local, baseName(source)) : local;
  const started = (ctx.now ?? Date.now)();
  const data = await ctx.files
    .read(source, { signal: ctx.signal, onProgress: ctx.progress.reporter(`:${source}`) })
    .finally(() => ctx.progress.done());
  await fs.writeFile(target, data);
  summary(ctx, started, data.length, `:${source} -> ${target}`);
}

async function isDir(p: string): Promise<boolean> {
  return (await fs.stat(p).catch(() => null))?.isDirectory() ?? false;
}

/**
 * Where a board entry lands under `root`. Board names are untrusted: a name that would climb out of the chosen
 * folder ("..", an absolute path, a backslash on Windows) is refused rather than written elsewhere.
 */
export function localTarget(root: string, rel: string): string {
  const parts = rel.split("/");
  if (parts.some((p) => p === "" || p === "." || p === ".." || p.includes("\0") || (path.sep === "\\" && /[\\:]/.test(p)))) {
    throw new CliFailure(`refusing board name that would leave ${root}: ${JSON.stringify(rel)}`);
  }
  const target = path.resolve(root, ...parts);
  const base = path.resolve(root);
  if (target !== base && !target.startsWith(base + path.sep)) {
    throw new CliFailure(`refusing board name that would leave ${root}: ${JSON.stringify(rel)}`);
  }
  return target;
}

async function downloadTree(ctx: FileContext, source: string, local: string): Promise<void> {
  const entries = await ctx.files.list(source, { recursive: true });
  const prefix = source === "/" ? "/" : `${source}/`;
  await fs.mkdir(local, { recursive: true });
  const started = (ctx.now ?? Date.now)();
  let bytes = 0;
  let count = 0;
  for (const entry of entries) {
    if (!entry.path.startsWith(prefix)) continue;
    const target = localTarget(local, entry.path.slice(prefix.length));
    if (entry.kind === "dir") {
      await fs.mkdir(target, { recursive: true });
      continue;
    }
    const data = await ctx.files
      .read(entry.path, { signal: ctx.signal, onProgress: ctx.progress.reporter(`:${entry.path}`) })
      .finally(() => ctx.progress.done());
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, data);
    bytes += data.length;
    count++;
  }
  summary(ctx, started, bytes, `:${source} -> ${local} (${count} files)`);
}

/** Every regular file under `root`, relative paths with "/", sorted so plans read the same on every machine. */
export async function collectLocal(root: string): Promise<LocalFile[]> {
  const out: LocalFile[] = [];
  const walk = async (dir: string, rel: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      // Follow symlinks to what they name, as cp does; a dangling one is skipped.
      const st = entry.isSymbolicLink() ? await fs.stat(full).catch(() => null) : entry;
      if (!st) continue;
      if (st.isDirectory()) await walk(full, relPath);
      else if (st.isFile()) out.push({ relPath, data: new Uint8Array(await fs.readFile(full)) });
    }
  };
  await walk(root, "");
  return out.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
}

export function describePlan(plan: SyncPlan): string[] {
  const lines: string[] = [];
  for (const u of plan.upload) lines.push(`${u.reason === "new" ? "+" : "~"} ${u.relPath} (${formatBytes(u.size)}, ${u.reason})`);
  for (const p of plan.extra) lines.push(plan.deleteExtra ? `- ${p} (delete)` : `? ${p} (only on the board; --delete removes it)`);
  return lines;
}

async function syncUp(
  ctx: FileContext,
  localDir: string,
  remoteDir: string,
  cmd: Extract<Command, { name: "cp" }>,
): Promise<void> {
  const local = await collectLocal(localDir);
  const plan = await ctx.files.planSync(local, remoteDir, { deleteExtra: cmd.deleteExtra });
  for (const line of describePlan(plan)) ctx.out.write(`${line}\n`);
  const bytes = plan.upload.reduce((n, u) => n + u.size, 0);
  const deletes = plan.deleteExtra ? plan.extra.length : 0;
  const counts = `${plan.upload.length} to upload (${formatBytes(bytes)}), ${plan.unchanged.length} unchanged, ${deletes} to delete`;
  if (cmd.dryRun) {
    ctx.err.write(`dry run, nothing changed: ${counts} in :${remoteDir}\n`);
    return;
  }
  const started = (ctx.now ?? Date.now)();
  await ctx.files
    .applySync(plan, local, { signal: ctx.signal, onProgress: ctx.progress.reporter(`:${remoteDir}`) })
    .finally(() => ctx.progress.done());
  summary(ctx, started, bytes, `synced ${localDir} -> :${remoteDir}: ${counts}`);
}
