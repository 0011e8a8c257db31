import { describe, expect, test } from "vitest";
import { loadMicroPython } from "@micropython/micropython-webassembly-pyscript";
import { FsTracker } from "./fs-snapshot";
import { FsMirror, MemoryFsStore } from "./fs-store";

// The tracker against a real MicroPython MEMFS (main thread, no worker): what a command changed, and nothing else.
describe("FsTracker (node, real WASM filesystem)", () => {
  test("node: reports created, rewritten and removed entries, skipping /dev /proc /tmp", async () => {
    const mp = await loadMicroPython({ linebuffer: false, stdout: () => undefined });
    const t = new FsTracker(mp.FS);
    t.restore([]);
    expect(t.diff()).toEqual({ changed: [], removed: [] });
    mp.runPython("import os\nos.mkdir('d')\nopen('d/f.txt','w').write('one')\nopen('/tmp/t','w').write('x')");
    const first = t.diff();
    expect(first.changed.map((e) => [e.path, e.kind])).toEqual([
      ["/d", "dir"],
      ["/d/f.txt", "file"],
    ]);
    expect(new TextDecoder().decode(first.changed[1].data)).toBe("one");
    // Same size, same millisecond possible: must still be seen, by content.
    mp.runPython("open('d/f.txt','w').write('two')");
    expect(t.diff().changed.map((e) => new TextDecoder().decode(e.data))).toEqual(["two"]);
    expect(t.diff()).toEqual({ changed: [], removed: [] });
    // Growth is reported as the new tail only.
    mp.runPython("f = open('d/f.txt','a')\nf.write('!!')\nf.close()");
    expect(t.diff().changed).toEqual([{ path: "/d/f.txt", kind: "file", data: new TextEncoder().encode("!!"), appendAt: 3 }]);
    mp.runPython("os.remove('d/f.txt')\nos.rmdir('d')");
    expect(t.diff()).toEqual({ changed: [], removed: ["/d", "/d/f.txt"] });
  });

  test("node: restore rebuilds nested files and does not report them back", async () => {
    const mp = await loadMicroPython({ linebuffer: false, stdout: () => undefined });
    const t = new FsTracker(mp.FS);
    t.restore([
      { path: "/lib/pkg/mod.py", kind: "file", data: new TextEncoder().encode("X = 1") },
      { path: "/lib/pkg", kind: "dir" },
      { path: "/lib", kind: "dir" },
    ]);
    expect(t.diff()).toEqual({ changed: [], removed: [] });
    expect(() => mp.runPython("from lib.pkg.mod import X\nassert X == 1")).not.toThrow();
    expect(() => mp.runPython("assert X == 2")).toThrow(); // the check above can fail
    expect(new TextDecoder().decode(mp.FS.readFile("/lib/pkg/mod.py"))).toBe("X = 1");
  });

  test("node: FsMirror rebuilds appended files and writes the store once the changes settle", async () => {
    const store = new MemoryFsStore();
    const mirror = new FsMirror(store, 20);
    await mirror.load();
    const enc = (t: string) => new TextEncoder().encode(t);
    mirror.apply([{ path: "/f", kind: "file", data: enc("abc") }], []);
    mirror.apply([{ path: "/f", kind: "file", data: enc("de"), appendAt: 3 }], []);
    expect(await store.load()).toEqual([]); // not yet: debounced
    expect(mirror.entries()).toEqual([{ path: "/f", kind: "file", data: enc("abcde") }]);
    await mirror.flush();
    expect(await store.load()).toEqual([{ path: "/f", kind: "file", data: enc("abcde") }]);
    mirror.apply([], ["/f"]);
    await new Promise((r) => setTimeout(r, 60));
    expect(await store.load()).toEqual([]);
  });

  test("node: MemoryFsStore applies changes and removals and hands out copies", async () => {
    const store = new MemoryFsStore();
    const data = new Uint8Array([1, 2, 3]);
    await store.apply([{ path: "/a", kind: "file", data }, { path: "/d", kind: "dir" }], []);
    data[0] = 9;
    await store.apply([], ["/d"]);
    const all = await store.load();
    expect(all).toEqual([{ path: "/a", kind: "file", data: new Uint8Array([1, 2, 3]) }]);
    await store.clear();
    expect(await store.load()).toEqual([]);
  });
});
