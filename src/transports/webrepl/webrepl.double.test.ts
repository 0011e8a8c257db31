import { afterEach, describe, expect, test } from "vitest";
import WebSocket from "ws";
import { fromUtf8, utf8 } from "../../device/bytes";
import { connectDevice, type Device } from "../../device/device";
import { isWebReplError } from "./errors";
import { startWebReplDouble, type WebReplDouble } from "./testing/webreplDouble";
import { openWebRepl, type WebReplTransport, type WebSocketFactory } from "./webreplTransport";

// Against the WebREPL protocol TEST DOUBLE (testing/webreplDouble.ts): a WebSocket server in this process speaking
// WebREPL, whose REPL and filesystem are the REAL MicroPython WASM board; the client is ws's browser-shaped WebSocket.
const NodeWebSocket = WebSocket as unknown as WebSocketFactory;
const PASSWORD = "mote123";
const doubles: WebReplDouble[] = [];
const links: WebReplTransport[] = [];

async function double(): Promise<WebReplDouble> {
  const d = await startWebReplDouble({ password: PASSWORD });
  doubles.push(d);
  return d;
}

async function login(d: WebReplDouble, password = PASSWORD): Promise<WebReplTransport> {
  const link = await openWebRepl({ url: d.url, password, WebSocket: NodeWebSocket });
  links.push(link);
  return link;
}

async function device(d: WebReplDouble): Promise<{ device: Device; link: WebReplTransport }> {
  const link = await login(d);
  return { device: await connectDevice(link, { connectTimeoutMs: 20_000 }), link };
}

function output(dev: Device): () => string {
  let text = "";
  dev.on("output", (d) => (text += fromUtf8(d)));
  return () => text;
}

async function until(read: () => string, want: string | RegExp, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(typeof want === "string" ? read().includes(want) : want.test(read()))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(want)}; got ${JSON.stringify(read().slice(-300))}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

afterEach(async () => {
  await Promise.all(links.splice(0).map((l) => l.close()));
  await Promise.all(doubles.splice(0).map((d) => d.close()));
});

describe("WebREPL against the protocol double (real MicroPython WASM behind it)", () => {
  test("double: log in, then the device core connects: REPL line, exec output, a run's real traceback", async () => {
    const d = await double();
    const { device: dev } = await device(d);
    expect(dev.info.banner).toMatch(/^MicroPython v\d+\.\d+\.\d+/);
    const text = output(dev);
    dev.sendInput(utf8("6*7\r"));
    await until(text, "42");
    expect(fromUtf8(await dev.exec("print('über', 3+4)")).trim()).toBe("über 7");
    const result = await dev.run("def f():\n    return 1/0\nf()\n");
    expect(result.stderr).toMatch(/ZeroDivisionError/);
    expect(result.stderr).toMatch(/line 2/);
    expect(dev.info.rawPaste).toBe(false);
    expect(d.log[0]).toMatch(/^WebREPL connection from: 127\.0\.0\.1/);
  });

  test("double: a wrong password is WrongPassword and the board drops the connection; the right one then works", async () => {
    const d = await double();
    const e = await login(d, "wrong").catch((x: unknown) => x);
    expect(isWebReplError(e, "WrongPassword")).toBe(true);
    expect(d.log).toContain("dupterm: EOF received, deactivating");
    const { device: dev } = await device(d);
    expect(fromUtf8(await dev.exec("print(1)")).trim()).toBe("1");
  });

  test("double: a second client is refused while one is connected (Refused, the board's one-client rule)", async () => {
    const d = await double();
    await login(d);
    const e = await login(d).catch((x: unknown) => x);
    expect(isWebReplError(e, "Refused")).toBe(true);
    expect(d.log.some((l) => /^Concurrent WebREPL connection from .* rejected$/.test(l))).toBe(true);
  });

  test("double: put and get move every byte value through WebREPL's binary messages; get-version is the banner's", async () => {
    const d = await double();
    const { device: dev, link } = await device(d);
    const data = Uint8Array.from({ length: 3000 }, (_, i) => (i * 31 + 7) & 0xff);
    await link.files.put(utf8("/all.bin"), data);
    const seen = fromUtf8(await dev.exec("d=open('/all.bin','rb').read()\nprint(len(d),d[0],d[2999],sorted(set(d))==list(range(256)))"));
    expect(seen.trim()).toBe(`3000 ${data[0]} ${data[2999]} True`);
    await dev.exec("f=open('/py.bin','wb');f.write(bytes(range(256))*5);f.close()");
    const back = await link.files.get(utf8("/py.bin"));
    expect(back.length).toBe(1280);
    expect(Array.from(back.subarray(256, 512))).toEqual(Array.from({ length: 256 }, (_, i) => i));
    const [major, minor, micro] = await link.files.version();
    expect(dev.info.banner).toContain(`v${major}.${minor}.${micro}`);
  });

  test("double: a get of a missing file drops the connection, as a board's dupterm does on the exception", async () => {
    const d = await double();
    const link = await login(d);
    const closed = new Promise((r) => link.onClose(r));
    await expect(link.files.get(utf8("/missing.txt"))).rejects.toMatchObject({ code: "Disconnected" });
    expect(isWebReplError(await closed, "Closed")).toBe(true);
    expect(d.log.at(-1)).toMatch(/Exception in read\(\) method, deactivating: OSError/);
  });

  test("double: raw-paste's window reply (0x80 0x00) in a text frame ends the link; that is why Mote never asks", async () => {
    const d = await double();
    const link = await login(d);
    const closed = new Promise<unknown>((r) => link.onClose(r));
    await link.write(utf8("\r\x03\x03\r\x01"));
    await new Promise((r) => setTimeout(r, 300));
    await link.write(utf8("\x05A\x01"));
    const e = await closed;
    expect(isWebReplError(e, "Closed")).toBe(true);
    expect((e as Error).message).toMatch(/not text/);
    expect((e as { detail?: string }).detail).toMatch(/UTF-8/i);
  });

  test("double: the board's cable is cut (connection dropped) and the device reports Lost", async () => {
    const d = await double();
    const { device: dev } = await device(d);
    const lost = new Promise((r) => dev.on("lost", r));
    d.dropClient();
    expect(isWebReplError(await lost, "Closed")).toBe(true);
    expect(dev.connection).toBe("lost");
  });
});
