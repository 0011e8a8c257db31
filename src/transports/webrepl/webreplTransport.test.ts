import { describe, expect, test } from "vitest";
import { isWebReplError } from "./errors";
import { CONNECTED_TEXT, decodeRequest, DENIED_TEXT, encodeResponse, Op, PASSWORD_PROMPT } from "./protocol";
import { scriptedSockets, type ScriptedSocket } from "./testing/scriptedSocket";
import { openWebRepl, type WebReplTransport } from "./webreplTransport";

// Against a SCRIPTED WebSocket double (testing/scriptedSocket.ts): each test plays the board frame by frame.
const tick = () => new Promise((r) => setTimeout(r, 0));
const utf8 = (s: string) => new TextEncoder().encode(s);

async function loggedIn(password = "pw1234"): Promise<{ link: WebReplTransport; sock: ScriptedSocket }> {
  const { factory, sockets } = scriptedSockets();
  const opening = openWebRepl({ url: "ws://board:8266/", password, WebSocket: factory, replyMs: 200 });
  const sock = sockets[0];
  sock.open();
  sock.text(PASSWORD_PROMPT);
  sock.text(CONNECTED_TEXT);
  return { link: await opening, sock };
}

/** Plays the board's side of file transfers: `reply` gets each binary frame the client sent. */
function board(sock: ScriptedSocket, reply: (frame: Uint8Array) => void): void {
  sock.onSent((f) => {
    if (typeof f !== "string") queueMicrotask(() => reply(f));
  });
}

describe("WebREPL transport login (scripted socket double)", () => {
  test("scripted: sends the password with CR after a prompt split across frames; bytes after login reach the terminal", async () => {
    const { factory, sockets } = scriptedSockets();
    const opening = openWebRepl({ url: "ws://192.168.4.1:8266/", password: "s3cret", WebSocket: factory });
    const sock = sockets[0];
    expect(sock.url).toBe("ws://192.168.4.1:8266/");
    sock.open();
    sock.text("Pass");
    expect(sock.textSent()).toEqual([]);
    sock.text("word: ");
    expect(sock.textSent()).toEqual(["s3cret\r"]);
    sock.text("\r\nWebREPL con");
    sock.text("nected\r\n>>> extra");
    const link = await opening;
    expect(link.label).toBe("WebREPL 192.168.4.1:8266");
    expect(link.traits.textOnly).toBe(true);
    expect(link.traits.files).toBe(link.files);
    const got: string[] = [];
    link.onData((c) => got.push(new TextDecoder().decode(c)));
    sock.text("more");
    expect(got).toEqual(["extra", "more"]);
  });

  test("scripted: Access denied is WrongPassword (AccessDenied code), and the socket is closed", async () => {
    const { factory, sockets } = scriptedSockets();
    const opening = openWebRepl({ url: "ws://b/", password: "nope", WebSocket: factory });
    sockets[0].open();
    sockets[0].text(PASSWORD_PROMPT);
    sockets[0].text(DENIED_TEXT);
    const e = await opening.catch((x: unknown) => x);
    expect(isWebReplError(e, "WrongPassword")).toBe(true);
    expect((e as { code: string }).code).toBe("AccessDenied");
    expect(sockets[0].closedByClient).toBeDefined();
  });

  test("scripted: closed before opening is Unreachable; opened then closed before the prompt is Refused", async () => {
    const a = scriptedSockets();
    const unreachable = openWebRepl({ url: "ws://nowhere/", password: "x", WebSocket: a.factory });
    a.sockets[0].serverClose(1006);
    expect(isWebReplError(await unreachable.catch((x: unknown) => x), "Unreachable")).toBe(true);

    const b = scriptedSockets();
    const refused = openWebRepl({ url: "ws://busy/", password: "x", WebSocket: b.factory });
    b.sockets[0].open();
    b.sockets[0].serverClose(1006);
    const e = await refused.catch((x: unknown) => x);
    expect(isWebReplError(e, "Refused")).toBe(true);
    expect((e as { code: string }).code).toBe("PortInUse");
  });

  test("scripted: no open in time is Timeout; open but no prompt is NotWebRepl; closed after the password is WrongPassword", async () => {
    const a = scriptedSockets();
    const silent = openWebRepl({ url: "ws://slow/", password: "x", WebSocket: a.factory, timeoutMs: 30 });
    expect(isWebReplError(await silent.catch((x: unknown) => x), "Timeout")).toBe(true);

    const b = scriptedSockets();
    const other = openWebRepl({ url: "ws://web/", password: "x", WebSocket: b.factory, timeoutMs: 30 });
    b.sockets[0].open();
    b.sockets[0].text("HTTP says hello");
    expect(isWebReplError(await other.catch((x: unknown) => x), "NotWebRepl")).toBe(true);

    const c = scriptedSockets();
    const cut = openWebRepl({ url: "ws://cut/", password: "x", WebSocket: c.factory });
    c.sockets[0].open();
    c.sockets[0].text(PASSWORD_PROMPT);
    c.sockets[0].serverClose(1006);
    expect(isWebReplError(await cut.catch((x: unknown) => x), "WrongPassword")).toBe(true);
  });

  test("scripted: refused before any socket: bad address, impossible password, ws:// from an https page", async () => {
    const { factory, sockets } = scriptedSockets();
    const bad = await openWebRepl({ url: "http://board/", password: "x", WebSocket: factory }).catch((e: unknown) => e);
    expect(isWebReplError(bad, "BadAddress")).toBe(true);
    const long = await openWebRepl({ url: "ws://b/", password: "1234567890", WebSocket: factory }).catch((e: unknown) => e);
    expect(isWebReplError(long, "BadPassword")).toBe(true);
    const g = globalThis as { location?: { protocol: string } };
    const before = g.location;
    g.location = { protocol: "https:" };
    try {
      const mixed = await openWebRepl({ url: "ws://b/", password: "x", WebSocket: factory }).catch((e: unknown) => e);
      expect(isWebReplError(mixed, "MixedContent")).toBe(true);
    } finally {
      g.location = before;
    }
    expect(sockets).toHaveLength(0);
  });
});

describe("WebREPL transport terminal (scripted socket double)", () => {
  test("scripted: a character split across writes goes out whole in one text frame; non-UTF-8 bytes are refused", async () => {
    const { link, sock } = await loggedIn();
    sock.sent.length = 0;
    const euro = utf8("€");
    await link.write(Uint8Array.of(0x61, euro[0]));
    await link.write(euro.subarray(1));
    expect(sock.textSent()).toEqual(["a", "€"]);
    await expect(link.write(Uint8Array.of(0x80, 0x41))).rejects.toMatchObject({ code: "Unsupported" });
    expect(sock.textSent()).toEqual(["a", "€"]);
    const big = utf8("é".repeat(5000));
    await link.write(big);
    const frames = sock.textSent().slice(2);
    expect(frames.length).toBeGreaterThan(1);
    expect(frames.join("")).toBe("é".repeat(5000));
  });

  test("scripted: the board closing after login reaches onClose as Closed (1007 named as non-text output)", async () => {
    const { link, sock } = await loggedIn();
    const errors: unknown[] = [];
    link.onClose((e) => errors.push(e));
    sock.serverClose(1007);
    expect(isWebReplError(errors[0], "Closed")).toBe(true);
    expect(String((errors[0] as Error).message)).toMatch(/not text/);
    await expect(link.write(utf8("x"))).rejects.toMatchObject({ code: "Disconnected" });
  });

  test("scripted: close() by us reports no error", async () => {
    const { link } = await loggedIn();
    const errors: unknown[] = [];
    link.onClose((e) => errors.push(e));
    await link.close();
    expect(errors).toEqual([undefined]);
  });
});

describe("WebREPL file messages (scripted socket double)", () => {
  test("scripted: put sends the request, waits for WB split across frames, sends the data, ends on the last WB", async () => {
    const { link, sock } = await loggedIn();
    const data = Uint8Array.from({ length: 2500 }, (_, i) => i & 0xff);
    const received: number[] = [];
    let request: ReturnType<typeof decodeRequest> | undefined;
    board(sock, (f) => {
      if (!request) {
        request = decodeRequest(f);
        sock.binary([0x57]);
        sock.binary([0x42, 0, 0]);
        return;
      }
      received.push(...f);
      if (received.length === request.size) sock.binary(encodeResponse(0));
    });
    const progress: number[] = [];
    await link.files.put(utf8("/data.bin"), data, { onProgress: (n) => progress.push(n) });
    expect(request?.op).toBe(Op.Put);
    expect(new TextDecoder().decode(request?.name)).toBe("/data.bin");
    expect(Uint8Array.from(received)).toEqual(data);
    expect(progress.at(-1)).toBe(2500);
    // Data frames of at most 1 KiB.
    expect(sock.binarySent().slice(1).map((f) => f.length)).toEqual([1024, 1024, 452]);
  });

  test("scripted: get acks each chunk with one 0x00 and reassembles chunks split across frames", async () => {
    const { link, sock } = await loggedIn();
    const content = Uint8Array.from({ length: 600 }, (_, i) => (i * 13) & 0xff);
    const chunks = [content.subarray(0, 256), content.subarray(256, 512), content.subarray(512), new Uint8Array(0)];
    let acks = 0;
    board(sock, (f) => {
      if (f.length === 82) {
        expect(decodeRequest(f).op).toBe(Op.Get);
        sock.binary(encodeResponse(0));
        return;
      }
      expect(Array.from(f)).toEqual([0]);
      const c = chunks[acks++];
      const framed = [c.length & 0xff, c.length >> 8, ...c];
      // The length and the data in separate, odd-sized frames.
      sock.binary(framed.slice(0, 1));
      sock.binary(framed.slice(1, 7));
      if (framed.length > 7) sock.binary(framed.slice(7));
      if (c.length === 0) sock.binary(encodeResponse(0));
    });
    expect(await link.files.get(utf8("/f"))).toEqual(content);
    expect(acks).toBe(4);
  });

  test("scripted: a name too long is refused before anything is sent, and the channel stays usable", async () => {
    const { link, sock } = await loggedIn();
    sock.sent.length = 0;
    await expect(link.files.put(utf8(`/${"x".repeat(70)}`), new Uint8Array(1))).rejects.toMatchObject({
      code: "Unsupported",
      message: expect.stringMatching(/at most 63/),
    });
    expect(sock.sent).toEqual([]);
    board(sock, () => sock.binary([1, 27, 0]));
    expect(await link.files.version()).toEqual([1, 27, 0]);
  });

  test("scripted: the board closing during a get fails it as Disconnected", async () => {
    const { link, sock } = await loggedIn();
    board(sock, (f) => {
      if (f.length === 82) sock.binary(encodeResponse(0));
      else sock.serverClose(1006);
    });
    await expect(link.files.get(utf8("/gone"))).rejects.toMatchObject({ code: "Disconnected" });
  });

  test("scripted: a reply that is not WB is a ProtocolError, and later requests are refused until reconnect", async () => {
    const { link, sock } = await loggedIn();
    board(sock, () => sock.binary([0x58, 0x58, 0, 0]));
    await expect(link.files.get(utf8("/a"))).rejects.toMatchObject({ code: "ProtocolError" });
    await expect(link.files.version()).rejects.toMatchObject({ message: expect.stringMatching(/connect again/) });
  });

  test("scripted: a silent board makes the request time out", async () => {
    const { link } = await loggedIn();
    await expect(link.files.version()).rejects.toMatchObject({ code: "Timeout" });
  });

  test("scripted: a cancelled put still sends the promised size (zeros) so the board stays in step", async () => {
    const { link, sock } = await loggedIn();
    const ctl = new AbortController();
    let total = 0;
    let size = 0;
    const frames: Uint8Array[] = [];
    board(sock, (f) => {
      if (!size) {
        size = decodeRequest(f).size;
        sock.binary(encodeResponse(0));
        return;
      }
      frames.push(f);
      total += f.length;
      ctl.abort();
      if (total === size) sock.binary(encodeResponse(0));
    });
    await tick();
    const e = await link.files.put(utf8("/t"), new Uint8Array(5000).fill(7), { signal: ctl.signal }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: "Interrupted" });
    expect(total).toBe(5000);
    expect(frames.at(-1)?.every((b) => b === 0)).toBe(true);
  });
});
