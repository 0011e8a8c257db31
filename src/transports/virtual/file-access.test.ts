import { afterEach, describe, expect, test } from "vitest";
import { connectDevice, type Device } from "../../device/device";
import { fromUtf8 } from "../../device/bytes";
import { FileAccessError } from "./file-access";
import { MemoryFsStore } from "./fs-store";
import { createNodeVirtualBoard } from "./node";

// The page's file door into a real MicroPython WASM board (Node worker_thread): what it writes, Python reads, and the
// other way round, with the REPL in use around it.
type Board = Awaited<ReturnType<typeof createNodeVirtualBoard>>;
const open: Array<{ device?: Device; board: Board }> = [];

async function start(store = new MemoryFsStore()): Promise<{ device: Device; board: Board }> {
  const board = await createNodeVirtualBoard({ store });
  const device = await connectDevice(board, { connectTimeoutMs: 20_000 });
  const entry = { device, board };
  open.push(entry);
  return entry;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => (e.device ? e.device.disconnect() : e.board.close())));
});

describe("virtual board file access (real WASM)", () => {
  test("a file written through the door is what Python opens, byte for byte", async () => {
    const { device, board } = await start();
    const data = Uint8Array.from({ length: 40_000 }, (_, i) => (i * 7 + 3) & 0xff);
    await board.files.open("/door.bin", "wb");
    await board.files.write(data.subarray(0, 1000));
    await board.files.write(data.subarray(1000));
    await board.files.close();
    const out = await device.exec(
      "import hashlib,binascii\nd=open('/door.bin','rb').read()\nprint(len(d),binascii.hexlify(hashlib.sha256(d).digest()).decode())",
    );
    const want = Buffer.from(await crypto.subtle.digest("SHA-256", data)).toString("hex");
    expect(fromUtf8(out).trim()).toBe(`40000 ${want}`);
  });

  test("a file Python wrote reads back through the door in pieces, then an empty read at the end", async () => {
    const { device, board } = await start();
    await device.exec("f=open('/py.txt','wb');f.write(bytes(range(256))*3);f.close()");
    await board.files.open("/py.txt", "rb");
    const parts: Uint8Array[] = [];
    for (;;) {
      const part = await board.files.read(256);
      if (!part.length) break;
      parts.push(part);
    }
    await board.files.close();
    expect(parts.map((p) => p.length)).toEqual([256, 256, 256]);
    expect(Array.from(parts[2])).toEqual(Array.from({ length: 256 }, (_, i) => i));
  });

  test("opening a missing file fails with the board's OSError and leaves the board usable", async () => {
    const { device, board } = await start();
    await expect(board.files.open("/nope/missing.txt", "rb")).rejects.toThrow(FileAccessError);
    await expect(board.files.open("/nope/missing.txt", "rb")).rejects.toThrow(/OSError: \[Errno \d+\]/);
    expect(fromUtf8(await device.exec("print(1+1)")).trim()).toBe("2");
  });

  test("a written file persists in the board's store like any file the board writes", async () => {
    const store = new MemoryFsStore();
    const { device, board } = await start(store);
    await board.files.open("/kept.py", "wb");
    await board.files.write(new TextEncoder().encode("print('kept')\n"));
    await board.files.close();
    await device.disconnect();
    open.splice(0);
    const again = await start(store);
    expect(fromUtf8(await again.device.exec("exec(open('/kept.py').read())")).trim()).toBe("kept");
  });
});
