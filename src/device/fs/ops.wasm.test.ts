import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeVirtualBoard } from "../../transports/virtual/node";
import { fromUtf8 } from "../bytes";
import { connectDevice, type Device } from "../device";
import { displayName, pyPath, toBytes } from "../paths";
import type { RawSession } from "../session";
import { list, mkdir, remove, rename, stat, usage } from "./ops";
import { probeCaps } from "./probe";
import type { BoardEntry, FsCaps } from "./types";

// The fs operations against the REAL MicroPython WebAssembly build (the virtual board in a Node worker_thread).
// Files are made with plain Python execs, so what the operations report is checked against the board's own view.
describe("board filesystem on the virtual board (real MicroPython WASM)", () => {
  let device: Device;
  let caps: FsCaps;
  const on = <T>(body: (s: RawSession) => Promise<T>) => device.session("fs test", body);
  const py = async (src: string) => fromUtf8(await device.exec(src));
  /** Makes `path` on the board with Python itself, `size` bytes long. */
  const touch = (path: string, size = 0) => py(`f=open(${pyPath(path)},'wb')\nf.write(b'x'*${size})\nf.close()`);
  const everything = () => on((s) => list(s, caps, "/", { recursive: true }));
  const brief = (es: BoardEntry[]) => es.map((e) => `${e.kind} ${e.path} ${e.size}`);

  beforeAll(async () => {
    device = await connectDevice(await createNodeVirtualBoard(), { connectTimeoutMs: 20_000 });
    caps = await on((s) => probeCaps(s));
  }, 60_000);
  afterAll(async () => {
    await device?.disconnect();
  });

  it("probes what the WASM port can do", () => {
    expect(caps).toEqual({ dirs: true, rename: true, statvfs: true, sha256: true, deflate: true, binaryIn: "stdin", cwd: "/", rawPaste: true });
  });

  it("lists a tree with kinds and sizes, parents before children, system folders left out", async () => {
    await py("import os\nos.mkdir('/r')\nos.mkdir('/r/sub')\nos.mkdir('/r/sub/deep')");
    await touch("/r/a.txt", 3);
    await touch("/r/sub/b.bin", 1000);
    expect(brief(await on((s) => list(s, caps, "/r")))).toEqual(["file /r/a.txt 3", "dir /r/sub 0"]);
    const tree = await on((s) => list(s, caps, "r", { recursive: true }));
    expect(brief(tree)).toEqual(["file /r/a.txt 3", "dir /r/sub 0", "file /r/sub/b.bin 1000", "dir /r/sub/deep 0"]);
    expect(tree.map((e) => e.name)).toEqual(["a.txt", "sub", "b.bin", "deep"]);
    const root = (await on((s) => list(s, caps, "/"))).map((e) => e.path);
    expect(root).toContain("/r");
    for (const sys of ["/dev", "/proc", "/tmp"]) expect(root).not.toContain(sys);
    expect((await everything()).some((e) => e.path.startsWith("/dev/"))).toBe(false);
  });

  it("refuses to list what is not a folder", async () => {
    await expect(on((s) => list(s, caps, "/nowhere"))).rejects.toMatchObject({ code: "NotFound" });
    await touch("/plain.txt", 1);
    await expect(on((s) => list(s, caps, "/plain.txt"))).rejects.toMatchObject({ code: "Unsupported" });
  });

  it("stats files, folders and missing paths", async () => {
    await py("import os\nos.mkdir('/s')");
    await touch("/s/f.py", 12);
    expect(await on((s) => stat(s, caps, "/s/f.py"))).toEqual({ path: "/s/f.py", name: "f.py", kind: "file", size: 12 });
    expect(await on((s) => stat(s, caps, "/s"))).toEqual({ path: "/s", name: "s", kind: "dir", size: 0 });
    expect(await on((s) => stat(s, caps, "/s/missing"))).toBeNull();
    expect(await on((s) => stat(s, caps, "/no/such/dir"))).toBeNull();
    expect(await on((s) => stat(s, caps, "/"))).toMatchObject({ kind: "dir" });
  });

  it("makes folders, refusing existing ones and missing parents unless asked for parents", async () => {
    await on((s) => mkdir(s, caps, "/m"));
    expect(await on((s) => stat(s, caps, "/m"))).toMatchObject({ kind: "dir" });
    await expect(on((s) => mkdir(s, caps, "/m"))).rejects.toMatchObject({ code: "Conflict" });
    await expect(on((s) => mkdir(s, caps, "/x/y"))).rejects.toMatchObject({ code: "NotFound" });
    expect(await on((s) => stat(s, caps, "/x"))).toBeNull();
    await on((s) => mkdir(s, caps, "/m/a/b/c", { parents: true }));
    await on((s) => mkdir(s, caps, "/m/a/b/c", { parents: true }));
    expect(brief(await on((s) => list(s, caps, "/m", { recursive: true })))).toEqual(["dir /m/a 0", "dir /m/a/b 0", "dir /m/a/b/c 0"]);
    await touch("/m/file", 1);
    await expect(on((s) => mkdir(s, caps, "/m/file/sub", { parents: true }))).rejects.toMatchObject({ code: "Conflict" });
  });

  it("removes files and folders, recursively only when asked, and nothing beside them", async () => {
    await py("import os\nos.mkdir('/rm')\nos.mkdir('/rm/t')\nos.mkdir('/rm/t/u')\nos.mkdir('/rm/keep')");
    await touch("/rm/t/1", 5);
    await touch("/rm/t/u/2", 7);
    await touch("/rm/keep/k", 9);
    await touch("/rm/t2", 4); // shares a prefix with /rm/t: must survive
    await expect(on((s) => remove(s, caps, "/rm/t"))).rejects.toMatchObject({ code: "Conflict" });
    await on((s) => remove(s, caps, "/rm/t", { recursive: true }));
    expect(brief(await on((s) => list(s, caps, "/rm", { recursive: true })))).toEqual(["dir /rm/keep 0", "file /rm/keep/k 9", "file /rm/t2 4"]);
    await on((s) => remove(s, caps, "/rm/t2"));
    await on((s) => remove(s, caps, "/rm/keep/k"));
    await on((s) => remove(s, caps, "/rm/keep"));
    expect(await on((s) => list(s, caps, "/rm"))).toEqual([]);
    await expect(on((s) => remove(s, caps, "/rm/gone"))).rejects.toMatchObject({ code: "NotFound" });
  });

  it("refuses to remove the root, the working folder or system folders", async () => {
    const before = brief(await everything());
    for (const p of ["/", ".", "/dev", "/tmp/x", "/a/../"]) {
      await expect(on((s) => remove(s, caps, p, { recursive: true }))).rejects.toMatchObject({ code: "Unsupported" });
    }
    expect(brief(await everything())).toEqual(before);
  });

  it("renames and moves, refusing to overwrite unless asked and to move a folder into itself", async () => {
    await py("import os\nos.mkdir('/mv')\nos.mkdir('/mv/d')");
    await touch("/mv/a", 1);
    await touch("/mv/b", 2);
    await on((s) => rename(s, caps, "/mv/a", "/mv/d/a2"));
    expect(await on((s) => stat(s, caps, "/mv/a"))).toBeNull();
    expect(await on((s) => stat(s, caps, "/mv/d/a2"))).toMatchObject({ size: 1 });
    await expect(on((s) => rename(s, caps, "/mv/b", "/mv/d/a2"))).rejects.toMatchObject({ code: "Conflict" });
    expect(await on((s) => stat(s, caps, "/mv/d/a2"))).toMatchObject({ size: 1 });
    await on((s) => rename(s, caps, "/mv/b", "/mv/d/a2", { overwrite: true }));
    expect(await on((s) => stat(s, caps, "/mv/d/a2"))).toMatchObject({ size: 2 });
    await expect(on((s) => rename(s, caps, "/mv/d", "/mv/d/inner"))).rejects.toMatchObject({ code: "Unsupported" });
    await expect(on((s) => rename(s, caps, "/mv/nope", "/mv/x"))).rejects.toMatchObject({ code: "NotFound" });
    await expect(on((s) => rename(s, caps, "/mv/d", "/none/x"))).rejects.toMatchObject({ code: "NotFound" });
    await on((s) => rename(s, caps, "/mv/d", "/mv/e"));
    expect(brief(await on((s) => list(s, caps, "/mv", { recursive: true })))).toEqual(["dir /mv/e 0", "file /mv/e/a2 2"]);
  });

  it("never writes outside the chosen path: '..' above the root is refused and nothing appears anywhere", async () => {
    await touch("/esc.txt", 3);
    const before = brief(await everything());
    for (const to of ["../x", "/../x", "../../esc.txt", "a/../../x"]) {
      await expect(on((s) => rename(s, caps, "/esc.txt", to))).rejects.toMatchObject({
        code: "Unsupported",
        message: expect.stringContaining("climbs above"),
      });
      await expect(on((s) => mkdir(s, caps, to))).rejects.toMatchObject({ code: "Unsupported" });
    }
    expect(brief(await everything())).toEqual(before);
  });

  it("reports no storage usage where the board's statvfs is invented (Emscripten's MEMFS)", async () => {
    expect(caps.statvfs).toBe(true);
    expect(await on((s) => usage(s, caps))).toBeNull();
  });

  const hostile = ["a'b\"c", "back\\slash", "new\nline", "ünï€😀.py", "-rf", "tab\there", "x".repeat(252) + ".py", " lead", "%s{0}"];
  it.each(hostile)("round-trips the hostile name %j through list, stat, rename and remove", async (name) => {
    await py("import os\ntry:\n os.mkdir('/h')\nexcept OSError:\n pass");
    await touch(`/h/${name}`, 4);
    const listed = await on((s) => list(s, caps, "/h"));
    expect(listed).toEqual([{ path: `/h/${name}`, name, kind: "file", size: 4 }]);
    expect(await on((s) => stat(s, caps, `/h/${name}`))).toMatchObject({ name, size: 4 });
    const moved = name.length > 250 ? `${name.slice(0, 250)}.z` : `${name}.z`;
    await on((s) => rename(s, caps, `/h/${name}`, `/h/${moved}`));
    expect((await on((s) => list(s, caps, "/h"))).map((e) => e.name)).toEqual([moved]);
    // The board's own view agrees: exactly the renamed file, byte for byte.
    expect(await py(`import os\nprint(os.listdir(b'/h')==[${pyPath(moved)}])`)).toBe("True\n");
    await on((s) => remove(s, caps, `/h/${moved}`));
    expect(await on((s) => list(s, caps, "/h"))).toEqual([]);
  });

  it("refuses names no board can hold, with a clear message, changing nothing", async () => {
    const long = "y".repeat(256);
    const before = brief(await everything());
    await expect(on((s) => mkdir(s, caps, `/${long}`))).rejects.toMatchObject({ code: "Unsupported", message: expect.stringContaining("256 bytes") });
    await expect(on((s) => rename(s, caps, "/esc.txt", `/${long}`))).rejects.toMatchObject({ code: "Unsupported", message: expect.stringContaining("256 bytes") });
    await expect(on((s) => rename(s, caps, "/esc.txt", "/a\0b"))).rejects.toMatchObject({ code: "Unsupported", message: expect.stringContaining("NUL") });
    expect(await on((s) => stat(s, caps, "/esc.txt"))).toMatchObject({ size: 3 });
    expect(brief(await everything())).toEqual(before);
  });

  it("shows a name that is not UTF-8 the way the board stores it, and can still rename and delete it", async () => {
    // Emscripten's MEMFS mangles a non-UTF-8 name on the way in (it stores bytes that are themselves not UTF-8,
    // e.g. "bad\xed\xbd\xba\xed\xb1\xade"); whatever the board stores, the listing must carry it losslessly,
    // show the undecodable bytes as \xNN, and still let the file be renamed and removed.
    await py("import os\nos.mkdir('/nu')\nf=open(b'/nu/bad\\xffname','wb')\nf.close()");
    const [entry] = await on((s) => list(s, caps, "/nu"));
    const stored = await py("import os\nprint(''.join('%02x'%c for c in os.listdir(b'/nu')[0]))");
    expect(Buffer.from(toBytes(entry.name)).toString("hex")).toBe(stored.trim());
    expect(entry.name.startsWith("bad")).toBe(true);
    expect(displayName(entry.name)).toMatch(/^bad(\\x[89a-f][0-9a-f])+/);
    expect(await on((s) => stat(s, caps, entry.path))).toMatchObject({ kind: "file", size: 0 });
    await on((s) => rename(s, caps, entry.path, "/nu/fixed"));
    expect((await on((s) => list(s, caps, "/nu"))).map((e) => e.name)).toEqual(["fixed"]);
    await on((s) => remove(s, caps, "/nu", { recursive: true }));
    expect(await on((s) => stat(s, caps, "/nu"))).toBeNull();
  });
});
