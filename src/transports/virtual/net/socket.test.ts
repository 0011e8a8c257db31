// The virtual board's `socket` and `network` modules: the real MicroPython WASM board in a worker_thread, its sockets
// carried by the page-side code (hostNet.ts) through the REAL Mote server tunnel (server/net/tunnel.mjs) to real
// loopback TCP services. Nothing here is a double.
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, test } from "vitest";
import { closeAll, closedPort, echoService, tcpService } from "../../../../server/net/testTunnel";
import { netBoard, py, rawExec, startMoteServer, startProgram, type MoteServer, type NetBoard } from "./testBoard";

const open: Array<MoteServer | NetBoard> = [];
async function setup(options: Parameters<typeof startMoteServer>[0] = {}): Promise<NetBoard> {
  const server = await startMoteServer(options);
  open.push(server);
  const b = await netBoard(server);
  open.push(b);
  return b;
}

afterEach(async () => {
  await Promise.all(open.splice(0).reverse().map((x) => x.close()));
  await closeAll();
});

const connectTo = (port: number) =>
  py("import socket", "s = socket.socket()", `s.connect(socket.getaddrinfo('localhost', ${port})[0][-1])`);

describe("virtual board sockets through the real tunnel", () => {
  test("echo: write/readline, send/recv, read(n), readinto, and 300 KB of every byte value both ways", async () => {
    const echo = await echoService();
    const { d } = await setup();
    const [out, err] = await rawExec(
      d,
      py(
        connectTo(echo.port),
        "s.write(b'hello\\nworld\\n')",
        "print(s.readline(), s.readline())",
        "print(s.send(b'abc'))",
        "print(s.recv(100))",
        "s.sendall('text is sent as UTF-8 \\u00e9')",
        "print(s.read(24))",
        "buf = bytearray(4)",
        "s.write(b'wxyz--', 4)",
        "print(s.readinto(buf), buf)",
        "import hashlib, binascii",
        "blob = bytes(range(256)) * 1200",
        "s.write(blob)",
        "back = s.read(len(blob))",
        "print(len(back), back == blob)",
        "s.close()",
      ),
      30_000,
    );
    expect(err).toBe("");
    expect(out).toBe(
      "b'hello\\n' b'world\\n'\n3\nb'abc'\nb'text is sent as UTF-8 \\xc3\\xa9'\n4 bytearray(b'wxyz')\n307200 True\n",
    );
  }, 45_000);

  test("a peer that sends and closes: recv returns the bytes, then b'' (end of stream)", async () => {
    const payload = randomBytes(100_000);
    const sender = await tcpService((s) => s.end(payload));
    const { d } = await setup();
    const [out, err] = await rawExec(
      d,
      py(
        connectTo(sender.port),
        "import hashlib, binascii",
        "h = hashlib.sha256()",
        "n = 0",
        "while True:",
        "    chunk = s.recv(1500)",
        "    if not chunk:",
        "        break",
        "    n += len(chunk)",
        "    h.update(chunk)",
        "print(n, binascii.hexlify(h.digest()).decode())",
        "print(s.recv(10), s.read(10), s.readline())",
      ),
      30_000,
    );
    expect(err).toBe("");
    const { createHash } = await import("node:crypto");
    expect(out).toBe(`100000 ${createHash("sha256").update(payload).digest("hex")}\nb'' b'' b''\n`);
  }, 45_000);

  test("a Timer keeps firing while recv waits; Ctrl-C interrupts the recv, and the board goes on", async () => {
    const silent = await tcpService(() => undefined);
    const { d } = await setup();
    await startProgram(
      d,
      py(
        connectTo(silent.port),
        "import machine",
        "t = machine.Timer(0, period=100, callback=lambda t: print('tick'))",
        "print('waiting')",
        "s.recv(10)",
        "print('not reached')",
      ),
    );
    await d.until("waiting\n");
    await d.until("tick\ntick\ntick\n", 5000);
    await d.send("\x03");
    const err = (await d.until("\x04", 5000)) + (await d.until("\x04>", 5000));
    expect(err).toMatch(/KeyboardInterrupt/);
    expect(err).not.toContain("not reached");
    const [out] = await rawExec(d, "t.deinit()\ns.close()\nprint('still here')");
    expect(out).toBe("still here\n");
  }, 30_000);

  test("timeouts and non-blocking reads, as on a board", async () => {
    const silent = await tcpService(() => undefined);
    const { d } = await setup();
    const [out, err] = await rawExec(
      d,
      py(
        connectTo(silent.port),
        "import errno, time",
        "s.settimeout(0.3)",
        "t = time.ticks_ms()",
        "try:",
        "    s.recv(5)",
        "except OSError as e:",
        "    print('timeout', e.errno == errno.ETIMEDOUT, time.ticks_diff(time.ticks_ms(), t) >= 250)",
        "s.setblocking(False)",
        "print(s.read(5), s.readline())",
        "try:",
        "    s.recv(5)",
        "except OSError as e:",
        "    print('would block', e.errno == errno.EAGAIN)",
        "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
        "print(s.makefile('rwb', 0) is s)",
        "print(socket.inet_ntop(socket.AF_INET, socket.inet_pton(socket.AF_INET, '192.168.4.1')))",
      ),
    );
    expect(err).toBe("");
    expect(out).toBe("timeout True True\nNone None\nwould block True\nTrue\n192.168.4.1\n");
  }, 30_000);

  test("refusals surface as OSErrors with board errno names and words", async () => {
    const closed = await closedPort();
    const { d } = await setup();
    const [out, err] = await rawExec(
      d,
      py(
        "import socket, errno",
        "def attempt(host, port):",
        "    s = socket.socket()",
        "    try:",
        "        s.connect(socket.getaddrinfo(host, port)[0][-1])",
        "    except OSError as e:",
        "        print(errno.errorcode[e.errno], e.args[1])",
        "    finally:",
        "        s.close()",
        "attempt('10.1.2.3', 1883)",
        "attempt('127.0.0.1', 22)",
        `attempt('127.0.0.1', ${closed})`,
        "s = socket.socket()",
        "s.connect(('192.168.0.9', 80))",
      ),
    );
    const lines = out.trim().split("\n");
    expect(lines[0]).toMatch(/^EHOSTUNREACH 10\.1\.2\.3 port 1883 is not allowed; Mote's server allows this computer .*MOTE_NET_ALLOW/);
    expect(lines[1]).toMatch(/^EHOSTUNREACH 127\.0\.0\.1 port 22 is not allowed/);
    expect(lines[2]).toMatch(new RegExp(`^ECONNREFUSED 127\\.0\\.0\\.1 port ${closed} refused the connection`));
    // Uncaught, it reads as a board's OSError does, with the reason after the errno name.
    expect(err).toMatch(/OSError: \[Errno 113\] EHOSTUNREACH: 192\.168\.0\.9 port 80 is not allowed/);
  }, 30_000);

  test("the tunnel's limits reach the program: too many connections, and a connection's byte budget", async () => {
    const echo = await echoService();
    const { d } = await setup({ limits: { perClientConnections: 2, perConnectionBytes: 20_000 } });
    const [out, err] = await rawExec(
      d,
      py(
        "import socket, errno",
        "addr = socket.getaddrinfo('127.0.0.1', " + echo.port + ")[0][-1]",
        "a = socket.socket(); a.connect(addr)",
        "b = socket.socket(); b.connect(addr)",
        "c = socket.socket()",
        "try:",
        "    c.connect(addr)",
        "except OSError as e:",
        "    print('third', errno.errorcode[e.errno])",
        "c.close(); b.close()",
        "try:",
        "    for i in range(100):",
        "        a.write(b'x' * 1000)",
        "        a.read(1000)",
        "except OSError as e:",
        "    print('budget', errno.errorcode[e.errno], i < 20, e.args[1])",
      ),
      20_000,
    );
    expect(err).toBe("");
    expect(out).toMatch(/^third ENOBUFS\nbudget ECONNABORTED True this connection reached its 20000 byte limit\n$/);
  }, 30_000);

  test("a board has 8 sockets; the ninth says so; close() frees one", async () => {
    const { d } = await setup();
    const [out, err] = await rawExec(
      d,
      py(
        "import socket",
        "socks = [socket.socket() for i in range(8)]",
        "try:",
        "    socket.socket()",
        "except OSError as e:",
        "    print(e.args[1])",
        "socks.pop().close()",
        "print(socket.socket())",
      ),
    );
    expect(err).toBe("");
    expect(out).toMatch(/^all 8 sockets of the virtual board are in use; close\(\) the ones you are done with\n<socket \d>\n$/);
  }, 30_000);

  test("a soft reset closes the last interpreter's connections", async () => {
    const echo = await echoService();
    const { d } = await setup();
    await rawExec(d, connectTo(echo.port) + "\ns.write(b'x'); s.read(1)");
    expect(echo.sockets).toHaveLength(1);
    await d.send("\x04"); // Ctrl-D on the raw REPL's empty line: soft reset
    await d.until("raw REPL; CTRL-B to exit\r\n>");
    await expect.poll(() => echo.sockets[0].readableEnded || echo.sockets[0].destroyed, { timeout: 5000 }).toBe(true);
  }, 30_000);

  test("UDP, servers and TLS are refused with words", async () => {
    const { d } = await setup();
    const [out] = await rawExec(
      d,
      py(
        "import socket, requests",
        "for f in (lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM), lambda: socket.socket().bind(('', 80)),",
        "          lambda: requests.get('https://example.com/')):",
        "    try:",
        "        f()",
        "    except OSError as e:",
        "        print(e.args[1])",
      ),
    );
    expect(out).toBe(
      "the virtual board has TCP sockets only (no UDP)\n" +
        "the virtual board cannot serve connections (no bind/listen/accept); it can connect out\n" +
        "https is not on the virtual board (no TLS); use an http:// URL here, or run this on a real board\n",
    );
  }, 30_000);

  test("without a tunnel (no server given) connect() fails clearly", async () => {
    const b = await netBoard();
    open.push(b);
    const [, err] = await rawExec(b.d, "import socket\nsocket.socket().connect(('localhost', 1883))");
    expect(err).toMatch(/OSError: \[Errno 111\] ECONNREFUSED: the virtual board has no network here/);
  }, 30_000);
});

describe("virtual board network.WLAN", () => {
  test("connects at once, says what the network reaches, and reports an address", async () => {
    const b = await netBoard();
    open.push(b);
    const [out, err] = await rawExec(
      b.d,
      py(
        "import network",
        "w = network.WLAN(network.STA_IF)",
        "print(w.isconnected(), w.active())",
        "w.active(True)",
        "w.connect('home-wifi', 'secret')",
        "print(w.isconnected(), w.status() == network.STAT_GOT_IP, w.ifconfig()[0], network.WLAN(network.STA_IF).isconnected())",
        "try:",
        "    network.WLAN(network.AP_IF).active(True)",
        "except OSError as e:",
        "    print(e)",
      ),
    );
    expect(err).toBe("");
    expect(out).toBe(
      "False False\n" +
        'virtual board: Wi-Fi "home-wifi" simulated; its network reaches only the hosts Mote\'s server allows ' +
        "(this computer by default; MOTE_NET_ALLOW adds more)\n" +
        "True True 10.0.2.15 True\n" +
        "the virtual board cannot be an access point; use WLAN(network.STA_IF)\n",
    );
  }, 30_000);
});
