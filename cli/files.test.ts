import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BoardEntry, BoardFilesApi, FsCaps, LocalFile, SyncPlan, WriteOptions } from "../src/device/fs/types";
import { parseArgs, type Command } from "./args";
import { CliFailure, collectLocal, cp, describePlan, localTarget, ls, rm, type FileContext } from "./files";
import { Progress } from "./progress";

/**
 * TEST DOUBLE: an in-memory board filesystem behind BoardFilesApi. It checks only how the CLI maps its arguments to
 * facade calls and prints the results; the real facade is exercised against the WASM board and QEMU elsewhere.
 */
class MemoryBoardFilesDouble implements BoardFilesApi {
  readonly files = new Map<string, Uint8Array>();
  readonly dirs = new Set<string>(["/"]);
  readonly writes: string[] = [];

  async capabilities(): Promise<FsCaps> {
    return { dirs: true, rename: true, statvfs: false, sha256: true, deflate: false, binaryIn: "stdin", cwd: "/", rawPaste: true };
  }
  private children(dir: string): BoardEntry[] {
    const prefix = dir === "/" ? "/" : `${dir}/`;
    const direct = (p: string) => p.startsWith(prefix) && p !== dir && !p.slice(prefix.length).includes("/");
    return [
      ...[...this.dirs].filter(direct).map((p) => ({ path: p, name: p.slice(prefix.length), kind: "dir" as const, size: 0 })),
      ...[...this.files].filter(([p]) => direct(p)).map(([p, d]) => ({ path: p, name: p.slice(prefix.length), kind: "file" as const, size: d.length })),
    ].sort((a, b) => (a.path < b.path ? -1 : 1));
  }
  async list(dir = "/", options: { recursive?: boolean } = {}): Promise<BoardEntry[]> {
    if (!this.dirs.has(dir)) throw new Error("OSError: ENOENT (double)");
    const out: BoardEntry[] = [];
    for (const e of this.children(dir)) {
      out.push(e);
      if (options.recursive && e.kind === "dir") out.push(...(await this.list(e.path, options)));
    }
    return out;
  }
  async stat(p: string): Promise<BoardEntry | null> {
    const name = p.slice(p.lastIndexOf("/") + 1);
    if (this.dirs.has(p)) return { path: p, name, kind: "dir", size: 0 };
    const f = this.files.get(p);
    return f ? { path: p, name, kind: "file", size: f.length } : null;
  }
  async read(p: string): Promise<Uint8Array> {
    const f = this.files.get(p);
    if (!f) throw new Error("OSError: ENOENT (double)");
    return f.slice();
  }
  async write(p: string, data: Uint8Array, options: WriteOptions = {}) {
    const old = this.files.get(p);
    const same = !!old && Buffer.from(old).equals(Buffer.from(data));
    if (same && !options.force) return { skipped: true, sha256: "x", wireBytes: 0, compressed: false };
    this.files.set(p, data.slice());
    this.writes.push(p);
    return { skipped: false, sha256: "x", wireBytes: data.length, compressed: false };
  }
  async mkdir(p: string): Promise<void> {
    this.dirs.add(p);
  }
  async remove(p: string, options: { recursive?: boolean } = {}): Promise<void> {
    if (this.files.delete(p)) return;
    if (!options.recursive) throw new Error("double: directory needs recursive");
    for (const k of [...this.files.keys()]) if (k.startsWith(`${p}/`)) this.files.delete(k);
    for (const k of [...this.dirs]) if (k === p || k.startsWith(`${p}/`)) this.dirs.delete(k);
  }
  async rename(): Promise<void> {}
  async usage() {
    return null;
  }
  async sha256(): Promise<string | null> {
    return null;
  }
  async planSync(local: LocalFile[], remoteDir: string, options: { deleteExtra?: boolean } = {}): Promise<SyncPlan> {
    const plan: SyncPlan = { remoteDir, upload: [], unchanged: [], extra: [], deleteExtra: !!options.deleteExtra };
    const wanted = new Set(local.map((f) => `${remoteDir === "/" ? "" : remoteDir}/${f.relPath}`));
    for (const f of local) {
      const there = this.files.get(`${remoteDir === "/" ? "" : remoteDir}/${f.relPath}`);
      if (!there) plan.upload.push({ relPath: f.relPath, size: f.data.length, reason: "new" });
      else if (!Buffer.from(there).equals(Buffer.from(f.data))) plan.upload.push({ relPath: f.relPath, size: f.data.length, reason: "changed" });
      else plan.unchanged.push(f.relPath);
    }
    for (const p of this.files.keys()) if (p.startsWith(`${remoteDir}/`) && !wanted.has(p)) plan.extra.push(p);
    return plan;
  }
  async applySync(plan: SyncPlan, local: LocalFile[]): Promise<void> {
    for (const u of plan.upload) {
      const target = `${plan.remoteDir === "/" ? "" : plan.remoteDir}/${u.relPath}`;
      const parts = target.split("/").slice(1, -1);
      for (let i = 1; i <= parts.length; i++) this.dirs.add(`/${parts.slice(0, i).join("/")}`);
      await this.write(target, local.find((f) => f.relPath === u.relPath)!.data);
    }
    if (plan.deleteExtra) for (const p of plan.extra) this.files.delete(p);
  }
}

const bytes = (s: string) => new Uint8Array(Buffer.from(s, "latin1"));

describe("file commands (against an in-memory facade double)", () => {
  let board: MemoryBoardFilesDouble;
  let tmp: string;
  let out: string;
  let err: string;
  let ctx: FileContext;
  const command = <N extends Command["name"]>(argv: string[]) => parseArgs(argv).command as Extract<Command, { name: N }>;

  beforeEach(async () => {
    board = new MemoryBoardFilesDouble();
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), "mote-cli-"));
    out = "";
    err = "";
    const errStream = { write: (s: string) => (err += s), isTTY: false };
    ctx = { files: board, cwd: "/", out: { write: (s: string) => (out += s) }, err: errStream, progress: new Progress(errStream, false) };
  });
  afterEach(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it("ls lists names relative to the folder, folders with a slash; a missing folder is one clear failure", async () => {
    board.dirs.add("/lib");
    board.files.set("/main.py", bytes("print(1)"));
    board.files.set("/lib/a.py", bytes("abc"));
    await ls(ctx, command<"ls">(["ls"]));
    expect(out.split("\n").map((l) => l.trim())).toEqual(["lib/", "8  main.py", ""]);
    out = "";
    await ls(ctx, command<"ls">(["ls", "-r", ":/"]));
    expect(out).toContain("lib/a.py");
    await expect(ls(ctx, command<"ls">(["ls", ":nope"]))).rejects.toThrow(new CliFailure("no such folder on the board: :/nope"));
    out = "";
    board.files.set("/evil\n    999  forged.py", bytes("x"));
    await ls(ctx, command<"ls">(["ls"]));
    expect(out.split("\n").filter(Boolean)).toHaveLength(3);
    expect(out).toContain("evil\\n    999  forged.py");
  });

  it("cp uploads bytes intact, naming the target like cp does", async () => {
    const data = new Uint8Array(256).map((_, i) => i);
    const local = path.join(tmp, "all.bin");
    await fs.writeFile(local, data);
    board.dirs.add("/lib");
    await cp(ctx, command<"cp">(["cp", local, ":"]));
    await cp(ctx, command<"cp">(["cp", local, ":lib"]));
    await cp(ctx, command<"cp">(["cp", local, ":new/"]));
    await cp(ctx, command<"cp">(["cp", local, ":renamed.bin"]));
    expect([...board.files.keys()].sort()).toEqual(["/all.bin", "/lib/all.bin", "/new/all.bin", "/renamed.bin"]);
    expect(board.files.get("/lib/all.bin")).toEqual(data);
    expect(err).toMatch(/-> :\/renamed\.bin: 256 B in/);
  });

  it("cp says so when the board already holds the same content, and -f sends it anyway", async () => {
    const local = path.join(tmp, "same.py");
    await fs.writeFile(local, "x = 1\n");
    board.files.set("/same.py", bytes("x = 1\n"));
    await cp(ctx, command<"cp">(["cp", local, ":"]));
    expect(err).toContain(":/same.py unchanged");
    expect(board.writes).toEqual([]);
    await cp(ctx, command<"cp">(["cp", "-f", local, ":"]));
    expect(board.writes).toEqual(["/same.py"]);
  });

  it("cp downloads bytes intact, into a folder when LOCAL is one", async () => {
    const data = new Uint8Array(300).map((_, i) => (i * 7) & 255);
    board.files.set("/data.bin", data);
    await cp(ctx, command<"cp">(["cp", ":data.bin", path.join(tmp, "copy.bin")]));
    expect(new Uint8Array(await fs.readFile(path.join(tmp, "copy.bin")))).toEqual(data);
    await cp(ctx, command<"cp">(["cp", ":/data.bin", tmp]));
    expect(new Uint8Array(await fs.readFile(path.join(tmp, "data.bin")))).toEqual(data);
    await expect(cp(ctx, command<"cp">(["cp", ":missing.py", tmp]))).rejects.toThrow("no such file on the board: :/missing.py");
  });

  it("cp refuses a folder without -r, either way", async () => {
    board.dirs.add("/lib");
    await expect(cp(ctx, command<"cp">(["cp", ":lib", tmp]))).rejects.toThrow(":/lib is a folder (use cp -r)");
    await expect(cp(ctx, command<"cp">(["cp", tmp, ":"]))).rejects.toThrow(/is a folder \(use cp -r/);
  });

  it("cp -r --dry-run prints the plan and changes nothing; without it the sync happens; --delete removes extras", async () => {
    await fs.mkdir(path.join(tmp, "proj", "pkg"), { recursive: true });
    await fs.writeFile(path.join(tmp, "proj", "main.py"), "print('new')\n");
    await fs.writeFile(path.join(tmp, "proj", "same.py"), "same\n");
    await fs.writeFile(path.join(tmp, "proj", "pkg", "m.py"), "m\n");
    board.dirs.add("/app");
    board.files.set("/app/main.py", bytes("print('old')\n"));
    board.files.set("/app/same.py", bytes("same\n"));
    board.files.set("/app/stale.py", bytes("old\n"));
    const proj = path.join(tmp, "proj");

    await cp(ctx, command<"cp">(["cp", "-r", "--dry-run", "--delete", proj, ":app"]));
    expect(out).toContain("~ main.py");
    expect(out).toContain("+ pkg/m.py");
    expect(out).toContain("- /app/stale.py (delete)");
    expect(out).not.toContain("same.py");
    expect(err).toContain("dry run, nothing changed: 2 to upload");
    expect(board.writes).toEqual([]);
    expect(board.files.has("/app/stale.py")).toBe(true);

    out = "";
    await cp(ctx, command<"cp">(["cp", "-r", proj, ":app"]));
    expect(out).toContain("? /app/stale.py (only on the board");
    expect(Buffer.from(board.files.get("/app/main.py")!).toString()).toBe("print('new')\n");
    expect(Buffer.from(board.files.get("/app/pkg/m.py")!).toString()).toBe("m\n");
    expect(board.files.has("/app/stale.py")).toBe(true);

    await cp(ctx, command<"cp">(["cp", "-r", "--delete", proj, ":app"]));
    expect(board.files.has("/app/stale.py")).toBe(false);
  });

  it("cp -r downloads a board folder as a tree", async () => {
    board.dirs.add("/lib");
    board.dirs.add("/lib/sub");
    board.files.set("/lib/a.py", bytes("A"));
    board.files.set("/lib/sub/b.bin", new Uint8Array([0, 255, 10, 13]));
    await cp(ctx, command<"cp">(["cp", "-r", ":lib", path.join(tmp, "out")]));
    expect(await fs.readFile(path.join(tmp, "out", "a.py"), "utf8")).toBe("A");
    expect(new Uint8Array(await fs.readFile(path.join(tmp, "out", "sub", "b.bin")))).toEqual(new Uint8Array([0, 255, 10, 13]));
  });

  it("rm removes files, wants -r for folders, refuses the root and names a missing file", async () => {
    board.dirs.add("/lib");
    board.files.set("/lib/a.py", bytes("A"));
    board.files.set("/x.py", bytes("x"));
    await rm(ctx, command<"rm">(["rm", ":x.py"]));
    expect(board.files.has("/x.py")).toBe(false);
    await expect(rm(ctx, command<"rm">(["rm", ":lib"]))).rejects.toThrow(":/lib is a folder (use rm -r)");
    await rm(ctx, command<"rm">(["rm", "-r", ":lib"]));
    expect(board.dirs.has("/lib")).toBe(false);
    await expect(rm(ctx, command<"rm">(["rm", ":x.py"]))).rejects.toThrow("no such file on the board: :/x.py");
    await expect(rm(ctx, command<"rm">(["rm", "-r", ":/"]))).rejects.toThrow(/refusing to remove the board's root/);
  });
});

describe("local side of transfers", () => {
  it("never maps a board name outside the chosen folder", () => {
    const root = path.resolve("/tmp/dest");
    expect(localTarget(root, "a/b.py")).toBe(path.join(root, "a", "b.py"));
    for (const evil of ["../x", "a/../../x", "", "a//b", "./x", "a/\0b"]) {
      expect(() => localTarget(root, evil)).toThrow(CliFailure);
    }
  });

  it("collects a folder's files with /-separated relative paths, sorted", async () => {
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), "mote-cli-"));
    try {
      await fs.mkdir(path.join(tmp, "b", "c"), { recursive: true });
      await fs.writeFile(path.join(tmp, "z.py"), "z");
      await fs.writeFile(path.join(tmp, "b", "c", "d.txt"), "d");
      await fs.symlink(path.join(tmp, "nowhere"), path.join(tmp, "dangling"));
      const files = await collectLocal(tmp);
      expect(files.map((f) => f.relPath)).toEqual(["b/c/d.txt", "z.py"]);
      expect(Buffer.from(files[0].data).toString()).toBe("d");
    } finally {
      await fs.rm(tmp, { recursive: true, force: true });
    }
  });

  it("describes a plan one line per file", () => {
    const plan: SyncPlan = {
      remoteDir: "/",
      upload: [{ relPath: "a.py", size: 2048, reason: "new" }],
      unchanged: ["b.py"],
      extra: ["/c.py"],
      deleteExtra: false,
    };
    expect(describePlan(plan)).toEqual(["+ a.py (2.0 KiB, new)", "? /c.py (only on the board; --delete removes it)"]);
  });
});
