// The virtual board's network tunnel through the real HTTP server and real loopback TCP services: every refusal rule,
// every limit hit, and bytes carried intact with backpressure. DNS answers are injected where a test needs a name to
// resolve somewhere in particular (a rebinding answer); one test injects a socket that never connects (the timeout).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CloseCode, NetPolicy, netOptionsFromEnv, originAllowed, parseAllowList } from "./net/policy.mjs";
import { closeAll, closedPort, connectClient, echoService, lanAddress, startTunnel, tcpService, upgradeStatus } from "./net/testTunnel";

afterEach(closeAll);

describe("tunnel refuses before upgrading (HTTP 403)", () => {
  it.each([
    ["no Origin", undefined],
    ["another site", "http://evil.test"],
    ["a rebinding name on the right port", "http://evil.test:PORT"],
    ["localhost on another port", "http://localhost:1"],
    ["a file: page", "file://"],
    ["Origin with a path", "http://127.0.0.1:PORT/x"],
  ])("%s", async (_name, origin) => {
    const t = await startTunnel();
    const echo = await echoService();
    const status = await upgradeStatus(t.url("127.0.0.1", echo.port), {}, origin?.replace("PORT", String(t.port)));
    expect(status).toBe(403);
    expect(echo.sockets).toHaveLength(0);
  });

  it("accepts the app's own origin under each loopback name", () => {
    for (const host of ["localhost", "127.0.0.1", "[::1]"]) expect(originAllowed(`http://${host}:4000`, 4000)).toBe(true);
    expect(originAllowed("https://mote.school.test", 4000, ["https://mote.school.test"])).toBe(true);
    expect(originAllowed("https://other.test", 4000, ["https://mote.school.test"])).toBe(false);
  });

  const lan = lanAddress();
  it.skipIf(!lan)(`a client that is not on this computer (from ${lan ?? "no LAN address here: skipped"}), unless MOTE_NET_REMOTE`, async () => {
    const echo = await echoService();
    for (const remoteClients of [false, true]) {
      const t = await startTunnel({ remoteClients }, "0.0.0.0");
      const url = `ws://${lan}:${t.port}/api/net/tcp?host=127.0.0.1&port=${echo.port}`;
      if (!remoteClients) {
        expect(await upgradeStatus(url, {}, `http://localhost:${t.port}`)).toBe(403);
      } else {
        await connectClient(url, `http://localhost:${t.port}`).opened;
      }
    }
  });

  it("answers 404 for other upgrade paths", async () => {
    const t = await startTunnel();
    expect(await upgradeStatus(`ws://127.0.0.1:${t.port}/api/net/udp`, {}, t.origin)).toBe(404);
  });
});

describe("tunnel refuses after upgrading, with a close code and a reason", () => {
  it.each([
    ["no host", "/api/net/tcp?port=80", CloseCode.BadRequest],
    ["no port", "/api/net/tcp?host=127.0.0.1", CloseCode.BadRequest],
    ["port 0", "/api/net/tcp?host=127.0.0.1&port=0", CloseCode.BadRequest],
    ["port 70000", "/api/net/tcp?host=127.0.0.1&port=70000", CloseCode.BadRequest],
    ["a port that is not a number", "/api/net/tcp?host=127.0.0.1&port=80a", CloseCode.BadRequest],
    ["a repeated host", "/api/net/tcp?host=127.0.0.1&host=10.0.0.1&port=2000", CloseCode.BadRequest],
    ["an extra parameter", "/api/net/tcp?host=127.0.0.1&port=2000&via=x", CloseCode.BadRequest],
    ["a host with a path in it", "/api/net/tcp?host=a%2Fb&port=2000", CloseCode.BadRequest],
    ["a private address", "/api/net/tcp?host=10.1.2.3&port=1883", CloseCode.NotAllowed],
    ["a public address", "/api/net/tcp?host=8.8.8.8&port=53", CloseCode.NotAllowed],
    ["the cloud metadata address", "/api/net/tcp?host=169.254.169.254&port=80", CloseCode.NotAllowed],
    ["this computer's ssh port", "/api/net/tcp?host=127.0.0.1&port=22", CloseCode.NotAllowed],
    ["this computer on a privileged port, as IPv6", "/api/net/tcp?host=%3A%3A1&port=80", CloseCode.NotAllowed],
    ["0.0.0.0", "/api/net/tcp?host=0.0.0.0&port=2000", CloseCode.NotAllowed],
    ["an IPv4-mapped private address", "/api/net/tcp?host=%3A%3Affff%3A10.0.0.1&port=2000", CloseCode.NotAllowed],
  ])("%s", async (_name, path, code) => {
    const t = await startTunnel();
    const c = connectClient(`ws://127.0.0.1:${t.port}${path}`, t.origin);
    await expect(c.opened).rejects.toThrow();
    const closed = await c.closed;
    expect(closed.code).toBe(code);
    expect(closed.reason.length).toBeGreaterThan(5);
  });

  it("the Mote server's own port, so the tunnel cannot be chained through itself", async () => {
    const t = await startTunnel();
    const c = connectClient(t.url("127.0.0.1", t.port), t.origin);
    const closed = await c.closed;
    expect(closed.code).toBe(CloseCode.NotAllowed);
    expect(closed.reason).toContain("Mote's own server");
  });

  it.each([
    ["a private address", "192.168.1.20"],
    ["the metadata address", "169.254.169.254"],
    ["a public address", "93.184.216.34"],
  ])("a name that resolves to %s (injected DNS answer; checked on the resolved address)", async (_name, address) => {
    const echo = await echoService();
    const t = await startTunnel({ lookup: async () => [{ address, family: 4 }] });
    const c = connectClient(t.url("broker.example.test", echo.port), t.origin);
    const closed = await c.closed;
    expect(closed.code).toBe(CloseCode.NotAllowed);
    expect(closed.reason).toContain(address);
  });

  it("a name with one rebinding answer among allowed ones (injected DNS answer)", async () => {
    const echo = await echoService();
    const t = await startTunnel({
      lookup: async () => [
        { address: "127.0.0.1", family: 4 },
        { address: "10.0.0.7", family: 4 },
      ],
    });
    const closed = await connectClient(t.url("sneaky.test", echo.port), t.origin).closed;
    expect(closed.code).toBe(CloseCode.NotAllowed);
    expect(echo.sockets).toHaveLength(0);
  });

  it("a name that does not resolve (injected DNS failure)", async () => {
    const t = await startTunnel({ lookup: async () => Promise.reject(Object.assign(new Error("nx"), { code: "ENOTFOUND" })) });
    const closed = await connectClient(t.url("no-such-host.test", 2000), t.origin).closed;
    expect(closed.code).toBe(CloseCode.ConnectFailed);
    expect(closed.reason).toMatch(/^EHOSTUNREACH .*no-such-host\.test/);
  });

  it("a loopback port where nothing listens: ECONNREFUSED", async () => {
    const t = await startTunnel();
    const closed = await connectClient(t.url("127.0.0.1", await closedPort()), t.origin).closed;
    expect(closed.code).toBe(CloseCode.ConnectFailed);
    expect(closed.reason).toMatch(/^ECONNREFUSED /);
  });

  it("a connection that never completes: ETIMEDOUT after the connect timeout (injected pending socket)", async () => {
    const pending: net.Socket[] = [];
    const t = await startTunnel({
      limits: { connectTimeoutMs: 300 },
      connect: () => {
        const s = new net.Socket(); // never connected: neither "connect" nor "error" ever fires
        pending.push(s);
        return s;
      },
    });
    const closed = await connectClient(t.url("127.0.0.1", 2000), t.origin).closed;
    expect(closed.code).toBe(CloseCode.ConnectTimeout);
    expect(closed.reason).toMatch(/^ETIMEDOUT /);
    expect(pending[0].destroyed).toBe(true);
  });

  it("everything when MOTE_NET=off", async () => {
    const echo = await echoService();
    const t = await startTunnel({ ...netOptionsFromEnv({ MOTE_NET: "off" }) });
    const closed = await connectClient(t.url("127.0.0.1", echo.port), t.origin).closed;
    expect(closed.code).toBe(CloseCode.NotAllowed);
    expect(closed.reason).toContain("MOTE_NET=off");
  });

  it("bytes sent before the connection is open", async () => {
    const t = await startTunnel({ lookup: () => new Promise(() => undefined) }); // resolution never ends
    const c = connectClient(t.url("slow.test", 2000), t.origin);
    await new Promise<void>((resolve) => c.ws.on("open", () => resolve()));
    c.ws.send(Buffer.from("early"));
    expect((await c.closed).code).toBe(CloseCode.BadRequest);
  });
});

describe("tunnel limits", () => {
  it("a client's connection count: the ninth is refused while eight are open", async () => {
    const echo = await echoService();
    const t = await startTunnel();
    const first = Array.from({ length: 8 }, () => connectClient(t.url("127.0.0.1", echo.port), t.origin));
    await Promise.all(first.map((c) => c.opened));
    const ninth = connectClient(t.url("127.0.0.1", echo.port), t.origin);
    const closed = await ninth.closed;
    expect(closed.code).toBe(CloseCode.TooMany);
    expect(closed.reason).toMatch(/^ENOBUFS /);
    // Closing one makes room again.
    first[0].ws.close();
    await first[0].closed;
    await new Promise((r) => setTimeout(r, 50));
    await connectClient(t.url("127.0.0.1", echo.port), t.origin).opened;
  });

  it("connections in all: the server's total is shared by every client", async () => {
    const echo = await echoService();
    const t = await startTunnel({ limits: { totalConnections: 2 } });
    await Promise.all([0, 1].map(() => connectClient(t.url("127.0.0.1", echo.port), t.origin).opened));
    const third = await connectClient(t.url("127.0.0.1", echo.port), t.origin).closed;
    expect(third.code).toBe(CloseCode.TooMany);
    expect(third.reason).toContain("the server has too many connections open");
  });

  it("bytes per connection, both directions counted", async () => {
    const echo = await echoService();
    const t = await startTunnel({ limits: { perConnectionBytes: 1000 } });
    const c = connectClient(t.url("127.0.0.1", echo.port), t.origin);
    await c.opened;
    c.ws.send(randomBytes(400));
    await c.waitBytes(400);
    c.ws.send(randomBytes(400)); // 1200 with the first echo
    const closed = await c.closed;
    expect(closed.code).toBe(CloseCode.ByteLimit);
    expect(closed.reason).toContain("this connection reached its 1000 byte limit");
  });

  it("bytes per client across its connections, and new connections refused until the window passes", async () => {
    const echo = await echoService();
    const t = await startTunnel({ limits: { perClientBytes: 3000, clientWindowMs: 60_000 } });
    const a = connectClient(t.url("127.0.0.1", echo.port), t.origin);
    await a.opened;
    a.ws.send(randomBytes(1000));
    await a.waitBytes(1000); // 2000 spent
    const b = connectClient(t.url("127.0.0.1", echo.port), t.origin);
    await b.opened;
    b.ws.send(randomBytes(800)); // 2800, then its echo passes 3000
    expect((await b.closed).code).toBe(CloseCode.ByteLimit);
    const late = await connectClient(t.url("127.0.0.1", echo.port), t.origin).closed;
    expect(late.code).toBe(CloseCode.ByteLimit);
    expect(late.reason).toMatch(/budget; try again in \d+ s/);
  });

  it("idle connections are closed", async () => {
    const echo = await echoService();
    const t = await startTunnel({ limits: { idleMs: 200 } });
    const c = connectClient(t.url("127.0.0.1", echo.port), t.origin);
    await c.opened;
    const closed = await c.closed;
    expect(closed.code).toBe(CloseCode.IdleTimeout);
    await new Promise((r) => setTimeout(r, 50));
    expect(echo.sockets[0].destroyed || echo.sockets[0].readableEnded).toBe(true);
  });

  it("a page that stops acknowledging pauses the peer (backpressure), and acks resume it", async () => {
    const big = randomBytes(1024 * 1024);
    const sender = await tcpService((s) => s.end(big));
    const t = await startTunnel({ limits: { flowWindow: 64 * 1024 } });
    const c = connectClient(t.url("127.0.0.1", sender.port), t.origin, { autoAck: false });
    await c.opened;
    await c.waitBytes(64 * 1024);
    await new Promise((r) => setTimeout(r, 200));
    // Paused at the window: one read's worth past it at most, far from the whole megabyte.
    expect(c.received().length).toBeLessThan(256 * 1024);
    const timer = setInterval(() => c.ackAll(), 5);
    try {
      const all = await c.waitBytes(big.length, 15_000);
      expect(all.equals(big)).toBe(true);
    } finally {
      clearInterval(timer);
    }
    expect((await c.closed).code).toBe(CloseCode.Normal);
  });

  it("an ack for bytes never sent is a protocol error", async () => {
    const echo = await echoService();
    const t = await startTunnel();
    const c = connectClient(t.url("127.0.0.1", echo.port), t.origin);
    await c.opened;
    c.ws.send(JSON.stringify({ type: "ack", bytes: 10 }));
    expect((await c.closed).code).toBe(CloseCode.BadRequest);
  });
});

describe("tunnel carries bytes", () => {
  it("to an echo service and back intact, then closes normally when the page closes", async () => {
    const echo = await echoService();
    const t = await startTunnel();
    const c = connectClient(t.url("localhost", echo.port), t.origin);
    const open = await c.opened;
    expect(open.type).toBe("open");
    const data = randomBytes(300_000);
    for (let i = 0; i < data.length; i += 16384) c.ws.send(data.subarray(i, i + 16384));
    expect((await c.waitBytes(data.length)).equals(data)).toBe(true);
    c.ws.close(1000);
    expect((await c.closed).code).toBe(1000);
  });

  it("a peer that sends and closes: every byte, then code 1000", async () => {
    const greeter = await tcpService((s) => s.end("hello from the peer\n"));
    const t = await startTunnel();
    const c = connectClient(t.url("127.0.0.1", greeter.port), t.origin);
    const closed = await c.closed;
    expect(c.received().toString()).toBe("hello from the peer\n");
    expect(closed.code).toBe(CloseCode.Normal);
  });

  it("a peer that resets: ECONNRESET", async () => {
    const resetter = await tcpService((s) => s.once("data", () => s.resetAndDestroy()));
    const t = await startTunnel();
    const c = connectClient(t.url("127.0.0.1", resetter.port), t.origin);
    await c.opened;
    c.ws.send(Buffer.from("hello?"));
    const closed = await c.closed;
    expect(closed.code).toBe(CloseCode.Reset);
    expect(closed.reason).toMatch(/^ECONNRESET/);
  });

  it("hosts MOTE_NET_ALLOW names, by name and by CIDR, reached at the checked address (injected DNS and route)", async () => {
    // This sandbox has no LAN: the injected connect records the address the tunnel chose and stands in for the
    // route by connecting to the loopback echo service instead.
    const echo = await echoService();
    const asked: string[] = [];
    const t = await startTunnel({
      rules: parseAllowList("broker.lan:1883,10.0.0.0/8:80"),
      lookup: async () => [{ address: "192.168.1.20", family: 4 }],
      connect: (address, port) => {
        asked.push(`${address}:${port}`);
        return net.connect({ host: "127.0.0.1", port: echo.port });
      },
    });
    const c = connectClient(t.url("broker.lan", 1883), t.origin);
    await c.opened;
    c.ws.send(Buffer.from("ping"));
    expect((await c.waitBytes(4)).toString()).toBe("ping");
    await connectClient(t.url("10.1.2.3", 80), t.origin).opened;
    expect(asked).toEqual(["192.168.1.20:1883", "10.1.2.3:80"]);
    // Not the same name, nor another port of the block.
    expect((await connectClient(t.url("other.lan", 1883), t.origin).closed).code).toBe(CloseCode.NotAllowed);
    expect((await connectClient(t.url("10.1.2.3", 81), t.origin).closed).code).toBe(CloseCode.NotAllowed);
    expect(asked).toHaveLength(2);
  });
});

describe("allow rules", () => {
  it("parse hosts, CIDR blocks, IPv6 and port ranges", () => {
    const rules = parseAllowList(" mqtt.example.com:1883 , 10.0.0.0/8:80-90,[fd00::1]:*,192.168.1.5:8080");
    expect(rules.map((r) => r.kind)).toEqual(["name", "net", "net", "net"]);
    const p = new NetPolicy({ rules });
    expect(p.refusal("mqtt.example.com", "203.0.113.9", 1883)).toBeNull();
    expect(p.refusal("mqtt.example.com", "203.0.113.9", 1884)).not.toBeNull();
    expect(p.refusal("10.2.3.4", "10.2.3.4", 85)).toBeNull();
    expect(p.refusal("10.2.3.4", "10.2.3.4", 91)).not.toBeNull();
    expect(p.refusal("fd00::1", "fd00::1", 5)).toBeNull();
    expect(p.refusal("192.168.1.5", "192.168.1.5", 8080)).toBeNull();
    expect(p.refusal("192.168.1.6", "192.168.1.6", 8080)).not.toBeNull();
    // A name rule does not open what the name resolves to elsewhere, nor the never-list.
    expect(p.refusal("mqtt.example.com", "169.254.169.254", 1883)).toMatch(/link-local/);
    expect(p.refusal("other.example.com", "203.0.113.9", 1883)).not.toBeNull();
  });

  it.each(["justahost", "host:", "host:0", "host:99999", "host:90-80", "a b:80", "10.0.0.0/40:80", "[zz::1]:80", "host:80:81"])(
    "refuse a malformed entry %j with words",
    (entry) => {
      expect(() => parseAllowList(entry)).toThrow(/MOTE_NET_ALLOW entry/);
    },
  );

  it("the default is this computer's unprivileged ports", () => {
    const p = new NetPolicy({ serverPort: 5173 });
    expect(p.refusal("localhost", "127.0.0.1", 1883)).toBeNull();
    expect(p.refusal("localhost", "::1", 1883)).toBeNull();
    expect(p.refusal("127.9.9.9", "127.9.9.9", 65535)).toBeNull();
    expect(p.refusal("localhost", "::ffff:127.0.0.1", 1024)).toBeNull();
    expect(p.refusal("localhost", "127.0.0.1", 1023)).not.toBeNull();
    expect(p.refusal("localhost", "127.0.0.1", 5173)).toMatch(/Mote's own server/);
  });
});

describe("server/main.mjs reads the tunnel's settings from the environment", () => {
  const dist = mkdtempSync(path.join(os.tmpdir(), "mote-net-dist-"));
  writeFileSync(path.join(dist, "index.html"), "<!doctype html><title>Mote</title>");

  async function runMain(env: Record<string, string>) {
    const port = await closedPort();
    const child = spawn(process.execPath, [path.join(import.meta.dirname, "main.mjs")], {
      env: { ...process.env, MOTE_DIST: dist, PORT: String(port), ...env },
    });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    for (let i = 0; i < 200 && !/Mote is running|could not start/.test(output); i++) await new Promise((r) => setTimeout(r, 50));
    return { port, child, exited, output: () => output };
  }

  it("refuses to start on a malformed MOTE_NET_ALLOW, saying which entry", async () => {
    const main = await runMain({ MOTE_NET_ALLOW: "broker.lan:1883,oops" });
    expect(await main.exited).toBe(1);
    expect(main.output()).toContain('MOTE_NET_ALLOW entry "oops" must look like host:port');
  });

  it.each([
    ["without a rule a privileged port is refused by policy", {}, (code: number) => expect(code).toBe(CloseCode.NotAllowed)],
    ["MOTE_NET_ALLOW=127.0.0.1:1 lets the connection be tried", { MOTE_NET_ALLOW: "127.0.0.1:1" }, (code: number) => expect(code).not.toBe(CloseCode.NotAllowed)],
    ["MOTE_NET=off refuses everything", { MOTE_NET: "off" }, (code: number) => expect(code).toBe(CloseCode.NotAllowed)],
  ])("%s", async (_name, env: Record<string, string>, check) => {
    const main = await runMain(env);
    if (env.MOTE_NET_ALLOW) await expect.poll(main.output).toContain("The virtual board's network also reaches 127.0.0.1:1.");
    if (env.MOTE_NET) await expect.poll(main.output).toContain("The virtual board's network is off (MOTE_NET=off).");
    try {
      const origin = `http://127.0.0.1:${main.port}`;
      const c = connectClient(`ws://127.0.0.1:${main.port}/api/net/tcp?host=127.0.0.1&port=1`, origin);
      const closed = await Promise.race([c.closed, c.opened.then(() => ({ code: -1, reason: "open" }))]);
      check(closed.code);
      c.ws.terminate();
    } finally {
      main.child.kill("SIGTERM");
      await main.exited;
    }
  });
});
