import { afterAll, beforeAll, expect, it } from "vitest";
import { describeQemu } from "../../transports/node/qemuTest";
import { startQemuMicrobit, type QemuMicrobit } from "../../transports/node/qemuMicrobit";
import { fromUtf8 } from "../bytes";
import { connectDevice, type Device } from "../device";
import { displayName, pyPath } from "../paths";
import type { RawSession } from "../session";
import { list, mkdir, remove, rename, stat, usage } from "./ops";
import { checkedPath, PY_CHECKED } from "./common";
import { probeCaps } from "./probe";
import type { FsCaps } from "./types";

// The fs operations against REAL MicroPython 1.9.2 (BBC micro:bit under QEMU): a flat filesystem, os with only
// listdir/remove/size, no sys.stdin, 16 KB of RAM. Files are made with plain Python execs.
describeQemu("board filesystem on QEMU micro:bit (real firmware)", () => {
  let board: QemuMicrobit;
  let device: Device;
  let caps: FsCaps;
  const on = <T>(body: (s: RawSession) => Promise<T>) => device.session("fs test", body);
  const py = async (src: string) => fromUtf8(await device.exec(src));
  const touch = (name: string, size: number) => py(`f=open(${pyPath(name)},'wb')\nf.write(b'x'*${size})\nf.close()`);

  beforeAll(async () => {
    board = await startQemuMicrobit();
    device = await connectDevice(board.transport);
    caps = await on((s) => probeCaps(s));
  });
  afterAll(async () => {
    await device?.disconnect();
    await board?.stop();
  });

  it("probes a flat filesystem with the UART as the only binary path in", () => {
    expect(caps).toEqual({ dirs: false, rename: false, statvfs: false, sha256: false, deflate: false, binaryIn: "uart", cwd: "/", rawPaste: false });
  });

  it("lists files with their sizes, including hostile and non-UTF-8 names", async () => {
    await touch("a.py", 10);
    await touch("b'q\"x.txt", 300);
    await touch("ünï€.py", 1);
    await touch("bad\udcffname", 2); // pyPath sends the raw byte 0xff
    const entries = await on((s) => list(s, caps));
    const byName = new Map(entries.map((e) => [e.name, e]));
    expect(byName.get("a.py")).toEqual({ path: "/a.py", name: "a.py", kind: "file", size: 10 });
    expect(byName.get("b'q\"x.txt")).toMatchObject({ path: "/b'q\"x.txt", size: 300 });
    expect(byName.get("ünï€.py")).toMatchObject({ size: 1 });
    expect(byName.get("bad\udcffname")).toMatchObject({ size: 2 });
    expect(displayName("bad\udcffname")).toBe("bad\\xffname");
    expect(entries.every((e) => e.kind === "file")).toBe(true);
  });

  it("stats files and missing names", async () => {
    await touch("s.py", 33);
    expect(await on((s) => stat(s, caps, "/s.py"))).toEqual({ path: "/s.py", name: "s.py", kind: "file", size: 33 });
    expect(await on((s) => stat(s, caps, "s.py"))).toMatchObject({ size: 33 });
    expect(await on((s) => stat(s, caps, "/missing.py"))).toBeNull();
    expect(await on((s) => stat(s, caps, "/lib/x.py"))).toBeNull();
  });

  it("removes files, including one whose name is not UTF-8, and reports a missing one", async () => {
    await touch("gone.py", 5);
    await touch("bad\udcfe", 1);
    await on((s) => remove(s, caps, "/gone.py"));
    await on((s) => remove(s, caps, "/bad\udcfe"));
    const names = (await on((s) => list(s, caps))).map((e) => e.name);
    expect(names).not.toContain("gone.py");
    expect(names).not.toContain("bad\udcfe");
    expect(await py("import os\nprint(os.listdir())")).not.toContain("gone.py");
    await expect(on((s) => remove(s, caps, "/gone.py"))).rejects.toMatchObject({ code: "NotFound" });
  });

  it("a path that arrives damaged fails its check as SyntaxError before anything is removed", async () => {
    await touch("keep.py", 4);
    // What V() sees when a byte of the literal was lost on the way: "keep.py" arrived as "kep.py".
    const damaged = `${PY_CHECKED}import os\nos.remove(V(b'kep.py',${"keep.py".length},${[..."keep.py"].reduce((n, c) => n + c.charCodeAt(0), 0)}))`;
    await expect(device.exec(damaged)).rejects.toMatchObject({ code: "RemoteError", message: "SyntaxError: damaged" });
    expect(await py("import os\nprint(os.listdir())")).toContain("keep.py");
    // The same call as the host writes it passes the check on 1.9.2 and does the change.
    await py(`${PY_CHECKED}import os\nos.remove(${checkedPath("keep.py")})`);
    expect(await py("import os\nprint(os.listdir())")).not.toContain("keep.py");
  });

  it("refuses folders, rename and usage clearly, and changes nothing", async () => {
    const before = await on((s) => list(s, caps));
    await expect(on((s) => mkdir(s, caps, "/lib"))).rejects.toMatchObject({ code: "Unsupported", message: expect.stringContaining("flat filesystem") });
    await expect(on((s) => rename(s, caps, "/a.py", "/b.py"))).rejects.toMatchObject({ code: "Unsupported", message: expect.stringContaining("flat filesystem") });
    await expect(on((s) => list(s, caps, "/lib"))).rejects.toMatchObject({ code: "Unsupported", message: expect.stringContaining("flat filesystem") });
    await expect(on((s) => remove(s, caps, "/", { recursive: true }))).rejects.toMatchObject({ code: "Unsupported" });
    await expect(on((s) => remove(s, caps, "../a.py"))).rejects.toMatchObject({ code: "Unsupported", message: expect.stringContaining("climbs above") });
    expect(await on((s) => usage(s, caps))).toBeNull();
    expect(await on((s) => list(s, caps))).toEqual(before);
  });
});
