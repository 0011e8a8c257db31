import { afterEach, describe, expect, test } from "vitest";
import WebSocket from "ws";
import { fromUtf8, utf8 } from "../../device/bytes";
import { BoardFiles } from "../../device/boardFiles";
import { connectDevice, type Device } from "../../device/device";
import { startWebReplDouble, type WebReplDouble } from "./testing/webreplDouble";
import { openWebRepl, type WebReplTransport, type WebSocketFactory } from "./webreplTransport";

// Board files (the facade the UI and CLI use) over WebREPL, against the protocol TEST DOUBLE whose board is the REAL
// MicroPython WASM build: data moves by WebREPL put/get, checks and commits run through the raw REPL.
const NodeWebSocket = WebSocket as unknown as WebSocketFactory;
const open: Array<{ d: WebReplDouble; link: WebReplTransport }> = [];

async function connect(): Promise<{ d: WebReplDouble; dev: Device; files: BoardFiles; link: WebReplTransport }> {
  const d = await startWebReplDouble({ password: "pw4321" });
  const link = await openWebRepl({ url: d.url, password: "pw4321", WebSocket: NodeWebSocket });
  open.push({ d, link });
  const dev = await connectDevice(link, { connectTimeoutMs: 20_000 });
  return { d, dev, files: new BoardFiles(dev), link };
}

const bytes = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 131 + seed * 17 + (i >> 8)) & 0xff);

afterEach(async () => {
  for (const { d, link } of open.splice(0)) {
    await link.close();
    await d.close();
  }
});

describe("Board files over WebREPL (protocol double, real WASM board)", () => {
  test("double: upload goes by put into a temp beside the target, download by get; both byte-exact", async () => {
    const { d, files } = await connect();
    const data = bytes(20_000);
    const phases = new Set<string>();
    await files.mkdir("/lib");
    const result = await files.write("/lib/data.bin", data, { onProgress: (p) => phases.add(p.phase) });
    expect(result).toMatchObject({ skipped: false, wireBytes: 20_000, compressed: false });
    const puts = d.requests.filter((r) => r.op === "put");
    expect(puts.at(-1)).toMatchObject({ size: 20_000, name: expect.stringMatching(/^\/lib\/\.mote-[0-9a-f]{8}\.tmp$/) });
    expect([...phases]).toEqual(expect.arrayContaining(["sending", "verifying", "committing"]));
    expect(await files.read("/lib/data.bin")).toEqual(data);
    expect(d.requests.at(-1)).toMatchObject({ op: "get", name: "/lib/data.bin" });
    expect(await files.sha256("/lib/data.bin")).toBe(result.sha256);
    // Nothing left behind: the temp was renamed into place.
    const names = (await files.list("/lib")).map((e) => e.name);
    expect(names).toEqual(["data.bin"]);
  });

  test("double: list, mkdir, rename, remove and usage work as on any board; an unchanged file is not sent again", async () => {
    const { d, files } = await connect();
    await files.mkdir("/app");
    await files.write("/app/main.py", utf8("print('hi')\n"));
    const putsBefore = d.requests.filter((r) => r.op === "put").length;
    expect((await files.write("/app/main.py", utf8("print('hi')\n"))).skipped).toBe(true);
    expect(d.requests.filter((r) => r.op === "put").length).toBe(putsBefore);
    await files.rename("/app/main.py", "/app/boot.py");
    const tree = await files.list("/", { recursive: true });
    expect(tree.filter((e) => e.path.startsWith("/app")).map((e) => `${e.kind}:${e.path}:${e.size}`)).toEqual([
      "dir:/app:0",
      "file:/app/boot.py:12",
    ]);
    await files.remove("/app", { recursive: true });
    expect(await files.stat("/app")).toBeNull();
  });

  test("double: names longer than WebREPL's 63 bytes go through a short staging name in the working folder", async () => {
    const { d, files } = await connect();
    const dir = "/a-rather-long-folder-name-for-webrepl-transfers";
    const path = `${dir}/and-an-even-longer-file-name-über.bin`;
    expect(utf8(path).length).toBeGreaterThan(63);
    await files.mkdir(dir);
    const data = bytes(3000, 5);
    await files.write(path, data);
    const put = d.requests.filter((r) => r.op === "put").at(-1);
    expect(put?.name).toMatch(/^\/\.mote-[0-9a-f]{8}\.tmp$/);
    expect(await files.read(path)).toEqual(data);
    expect(d.requests.at(-1)?.name).toMatch(/^\/\.mote-[0-9a-f]{8}\.get$/);
    const leftovers = (await files.list("/", { recursive: true })).filter((e) => e.name.startsWith(".mote-"));
    expect(leftovers).toEqual([]);
  });

  test("double: an upload into a missing folder is a RemoteError before any put, and the link stays up", async () => {
    const { d, dev, files } = await connect();
    const puts = d.requests.length;
    await expect(files.write("/no/such/dir/x.py", utf8("x=1"))).rejects.toMatchObject({ code: "RemoteError" });
    expect(d.requests.length).toBe(puts);
    expect(fromUtf8(await dev.exec("print('still here')")).trim()).toBe("still here");
  });

  test("double: a download of a missing file is NotFound and sends no get (which would drop the connection)", async () => {
    const { d, files } = await connect();
    await expect(files.read("/missing.bin")).rejects.toMatchObject({ code: "NotFound" });
    expect(d.requests.filter((r) => r.op === "get")).toEqual([]);
  });

  test("double: a cancelled upload leaves the old file and no temp; the channel stays in step", async () => {
    const { files } = await connect();
    await files.write("/keep.bin", bytes(100, 2));
    const ctl = new AbortController();
    const write = files.write("/keep.bin", bytes(200_000, 3), {
      signal: ctl.signal,
      onProgress: (p) => {
        if (p.phase === "sending" && p.done > 10_000) ctl.abort();
      },
    });
    await expect(write).rejects.toMatchObject({ code: "Interrupted" });
    expect(await files.read("/keep.bin")).toEqual(bytes(100, 2));
    expect((await files.list("/")).filter((e) => e.name.startsWith(".mote-"))).toEqual([]);
  });

  test("double: Save to board's conflict check holds over WebREPL", async () => {
    const { dev, files } = await connect();
    const first = await files.write("/c.py", utf8("a=1\n"));
    await dev.exec("f=open('/c.py','w');f.write('a=2\\n');f.close()");
    await expect(files.write("/c.py", utf8("a=3\n"), { expectSha256: first.sha256 })).rejects.toMatchObject({ code: "Conflict" });
    expect(fromUtf8(await files.read("/c.py"))).toBe("a=2\n");
  });
});
