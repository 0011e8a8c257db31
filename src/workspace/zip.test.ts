import { describe, expect, it } from "vitest";
import { strToU8, unzipSync, zipSync } from "fflate";
import { exportProjectZip, importProjectZip, printableName, secretFiles, ZipFormatError } from "./zip";
import { crc32 } from "./zipRead";
import { fromEntries, type Project } from "./project";
import type { FileEntry } from "./storage";

interface RawEntry {
  name: Uint8Array | string;
  data?: Uint8Array | string;
  /** Unix st_mode to store in the external attributes (e.g. a symlink). */
  mode?: number;
  /** Store a different CRC than the data's, as a damaged archive would. */
  badCrc?: boolean;
}

/**
 * Writes a stored (uncompressed) zip byte by byte, so tests can put names in it that no zip library would write
 * (invalid UTF-8, NUL, "..", drive letters). The same bytes are also checked to open in fflate below, so this is a
 * real archive, not a double of one.
 */
function rawZip(entries: RawEntry[]): Uint8Array {
  const enc = (v: Uint8Array | string) => (typeof v === "string" ? strToU8(v) : v);
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = enc(e.name);
    const data = enc(e.data ?? "");
    const crc = e.badCrc ? crc32(data) ^ 1 : crc32(data);
    const local = new Uint8Array(30 + name.length + data.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint32(14, crc >>> 0, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, data.length, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    local.set(data, 30 + name.length);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, (3 << 8) | 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint32(16, crc >>> 0, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, data.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(38, ((e.mode ?? 0o100644) << 16) >>> 0, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const dirSize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, dirSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + dirSize + 22);
  let p = 0;
  for (const part of [...locals, ...centrals, end]) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}

function project(files: Record<string, string>, folders: string[] = []): Project {
  const entries: Array<FileEntry | { kind: "folder"; path: string }> = Object.entries(files).map(([path, content]) => ({
    kind: "file" as const,
    path,
    content,
    modified: Date.UTC(2026, 0, 1),
  }));
  for (const f of folders) entries.push({ kind: "folder", path: f });
  return fromEntries(entries);
}

describe("zip export and import", () => {
  it("round-trips files, nested folders, unicode names and an empty folder", () => {
    const src = project(
      {
        "main.py": 'print("hi")\n',
        "lib/sensor.py": "X = 1\r\nY = 'ü€😀'\n",
        "lib/deep/boot.py": "",
        "données/é.txt": "\ufeffBOM kept\n",
      },
      ["empty", "lib/deep"],
    );
    const zipped = exportProjectZip(src);
    // fflate, an independent reader, sees the same names.
    expect(Object.keys(unzipSync(zipped)).sort()).toEqual(
      ["données/é.txt", "empty/", "lib/deep/boot.py", "lib/sensor.py", "main.py"].sort(),
    );
    const back = importProjectZip(zipped);
    expect(back.skipped).toEqual([]);
    const got = Object.fromEntries(back.files.map((f) => [f.path, f.content]));
    expect(got).toEqual(Object.fromEntries(Object.entries(src.files).map(([p, f]) => [p, f.content])));
    expect(back.folders).toEqual(["données", "empty", "lib", "lib/deep"]);
  });

  it("reads a deflated zip written by fflate, including a large compressible file", () => {
    const big = "x = 1\n".repeat(50_000);
    const zipped = zipSync({ "big.py": strToU8(big), "a/b.py": strToU8("pass\n") }, { level: 9 });
    const back = importProjectZip(zipped);
    expect(back.files.find((f) => f.path === "big.py")?.content).toBe(big);
    expect(back.files.find((f) => f.path === "a/b.py")?.content).toBe("pass\n");
  });

  it("writes an archive the test helper's independent reader (fflate) also opens", () => {
    const z = rawZip([{ name: "ok.py", data: "1\n" }]);
    expect(new TextDecoder().decode(unzipSync(z)["ok.py"])).toBe("1\n");
  });

  const hostile: Array<[string, Uint8Array | string, RegExp]> = [
    ["parent traversal", "../evil.py", /\.\./],
    ["traversal inside", "lib/../../evil.py", /\.\./],
    ["absolute path", "/etc/passwd", /absolute/],
    ["drive letter", "C:/Windows/evil.py", /drive letter/],
    ["drive letter with backslash", "C:\\evil.py", /drive letter/],
    ["backslash traversal", "..\\..\\evil.py", /\.\./],
    ["backslash traversal inside", "lib\\..\\..\\evil.py", /\.\./],
    ["UNC path", "\\\\server\\share\\x.py", /absolute/],
    ["NUL in name", "ok.py\0.txt", /NUL/],
    ["not UTF-8", new Uint8Array([0x66, 0xff, 0xfe, 0x2e, 0x70, 0x79]), /UTF-8/],
    ["overlong UTF-8 slash", new Uint8Array([0x2e, 0x2e, 0xc0, 0xaf, 0x78]), /UTF-8/],
    ["very long name", "a".repeat(300) + ".py", /too long/],
    ["very long path", Array.from({ length: 40 }, () => "abcdefgh").join("/") + "/x.py", /too long/],
    ["control character", "bad\nname.py", /control/],
    ["reserved character", "what?.py", /character/],
  ];

  it.each(hostile)("refuses %s with a reason and keeps the good entries", (_label, name, reason) => {
    const z = rawZip([{ name: "good.py", data: "ok\n" }, { name, data: "EVIL\n" }]);
    const result = importProjectZip(z);
    expect(result.files).toEqual([{ path: "good.py", content: "ok\n" }]);
    expect(result.skipped).toHaveLength(1);
    expect(result.skipped[0].reason).toMatch(reason);
    // Nothing EVIL reached the project under any name.
    expect(result.files.some((f) => f.content.includes("EVIL"))).toBe(false);
  });

  it("turns harmless Windows separators and ./ prefixes into project paths", () => {
    const result = importProjectZip(rawZip([{ name: "lib\\util.py", data: "u\n" }, { name: "./main.py", data: "m\n" }]));
    expect(result.skipped).toEqual([]);
    expect(result.files.map((f) => f.path).sort()).toEqual(["lib/util.py", "main.py"]);
  });

  it("shows refused names escaped, so a hostile name can't forge the message", () => {
    expect(printableName(new Uint8Array([0x61, 0xff, 0x0a, 0xc3, 0xa9]))).toBe("a\\xff\\u000aé");
    const result = importProjectZip(rawZip([{ name: new Uint8Array([0x61, 0xff, 0x2e, 0x70, 0x79]) }]));
    expect(result.skipped[0].name).toBe("a\\xff.py");
  });

  it("refuses symlinks, binary files, damaged data and case clashes, naming each", () => {
    const result = importProjectZip(
      rawZip([
        { name: "link.py", data: "/etc/passwd", mode: 0o120777 },
        { name: "image.bin", data: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff, 0x00]) },
        { name: "broken.py", data: "x = 1\n", badCrc: true },
        { name: "Main.py", data: "first\n" },
        { name: "main.py", data: "second\n" },
        { name: "Main.py/inner.py", data: "under a file\n" },
      ]),
    );
    expect(result.files).toEqual([{ path: "Main.py", content: "first\n" }]);
    const reasons = Object.fromEntries(result.skipped.map((s) => [s.name, s.reason]));
    expect(reasons["link.py"]).toMatch(/symbolic link/);
    expect(reasons["image.bin"]).toMatch(/text/);
    expect(reasons["broken.py"]).toMatch(/checksum/);
    expect(reasons["main.py"]).toMatch(/clashes with "Main.py"/);
    expect(reasons["Main.py/inner.py"]).toMatch(/clashes/);
  });

  it("bounds sizes: a file over the limit is skipped, the total is capped", () => {
    const limits = { maxEntries: 10, maxFileBytes: 10, maxTotalBytes: 15 };
    const result = importProjectZip(
      rawZip([
        { name: "big.py", data: "x".repeat(11) },
        { name: "a.py", data: "a".repeat(8) },
        { name: "b.py", data: "b".repeat(8) },
      ]),
      limits,
    );
    expect(result.files.map((f) => f.path)).toEqual(["a.py"]);
    expect(result.skipped.map((s) => s.name)).toEqual(["big.py", "b.py"]);
  });

  it("a deflate stream longer than its declared size is cut off and caught by the checksum", () => {
    const real = zipSync({ "bomb.py": strToU8("A".repeat(100_000)) });
    // Lie in the central directory: claim 10 bytes uncompressed.
    const z = real.slice();
    const dv = new DataView(z.buffer);
    let p = z.length - 22;
    while (dv.getUint32(p, true) !== 0x06054b50) p--;
    const dir = dv.getUint32(p + 16, true);
    dv.setUint32(dir + 24, 10, true);
    const result = importProjectZip(z);
    expect(result.files).toEqual([]);
    expect(result.skipped[0].reason).toMatch(/damaged/);
  });

  it("refuses a file that is not a zip with ZipFormatError", () => {
    expect(() => importProjectZip(strToU8("print('not a zip')\n".repeat(3)))).toThrow(ZipFormatError);
    expect(() => importProjectZip(new Uint8Array(5))).toThrow(ZipFormatError);
  });

  it("finds secrets.py anywhere in the project", () => {
    expect(secretFiles(project({ "main.py": "", "lib/Secrets.py": "", "secrets.py": "" })).sort()).toEqual([
      "lib/Secrets.py",
      "secrets.py",
    ]);
    expect(secretFiles(project({ "main.py": "" }))).toEqual([]);
  });
});
