// requests / urequests on the virtual board against a real node:http receiver, through the real Mote server tunnel.
import http from "node:http";
import type net from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { closedPort } from "../../../../server/net/testTunnel";
import { netBoard, py, rawExec, startMoteServer, type MoteServer, type NetBoard } from "./testBoard";

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const open: Array<{ close(): Promise<void> }> = [];

afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

/** A small REST backend like the tutorials' Flask one: records what it got, answers per path. */
async function receiver(): Promise<{ port: number; got: Received[] }> {
  const got: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      got.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      if (req.url === "/readings" && req.method === "POST") {
        res.writeHead(201, { "Content-Type": "application/json" });
        return res.end(JSON.stringify({ stored: JSON.parse(body).readings.length }));
      }
      if (req.url === "/moved") {
        res.writeHead(302, { Location: "/hello" });
        return res.end();
      }
      if (req.url === "/chunked") {
        res.writeHead(200, { "Content-Type": "text/plain", "Transfer-Encoding": "chunked" });
        res.write("part one, ");
        return setTimeout(() => res.end("part two"), 50);
      }
      res.writeHead(200, { "Content-Type": "text/plain", "X-Mote": "yes" });
      res.end(`hello ${req.method}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const sockets = new Set<net.Socket>();
  server.on("connection", (s) => (sockets.add(s), s.on("close", () => sockets.delete(s))));
  open.push({
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  });
  return { port: (server.address() as net.AddressInfo).port, got };
}

async function setup(): Promise<NetBoard> {
  const server: MoteServer = await startMoteServer();
  open.push(server);
  const b = await netBoard(server);
  open.push(b);
  return b;
}

describe("requests on the virtual board against a local HTTP receiver", () => {
  test("a JSON POST of readings arrives as JSON, and the answer's status, headers and json() come back", async () => {
    const api = await receiver();
    const { d } = await setup();
    const [out, err] = await rawExec(
      d,
      py(
        "import requests",
        "readings = [{'t': 21.5, 'h': 40}, {'t': 21.7, 'h': 41}]",
        `r = requests.post('http://localhost:${api.port}/readings', json={'device': 'mote', 'readings': readings})`,
        "print(r.status_code, r.headers['Content-Type'], r.json())",
        "r.close()",
      ),
    );
    expect(err).toBe("");
    expect(out).toBe("201 application/json {'stored': 2}\n");
    expect(api.got).toHaveLength(1);
    const req = api.got[0];
    expect(req.method).toBe("POST");
    expect(req.url).toBe("/readings");
    expect(req.headers["content-type"]).toBe("application/json");
    expect(Number(req.headers["content-length"])).toBe(Buffer.byteLength(req.body));
    expect(JSON.parse(req.body)).toEqual({ device: "mote", readings: [{ t: 21.5, h: 40 }, { t: 21.7, h: 41 }] });
  }, 30_000);

  test("urequests, the old name: GET, PUT with data and headers, DELETE, a redirect, a chunked body", async () => {
    const api = await receiver();
    const { d } = await setup();
    const base = `http://127.0.0.1:${api.port}`;
    const [out, err] = await rawExec(
      d,
      py(
        "import urequests",
        `r = urequests.get('${base}/hello')`,
        "print(r.status_code, r.reason, r.text, r.headers.get('X-Mote'))",
        `print(urequests.put('${base}/item/1', data='x=1', headers={'Content-Type': 'text/plain'}).text)`,
        `print(urequests.delete('${base}/item/1').content)`,
        `print(urequests.get('${base}/moved').text)`,
        `print(urequests.get('${base}/chunked').text)`,
      ),
      20_000,
    );
    expect(err).toBe("");
    expect(out).toBe("200 b'OK' hello GET yes\nhello PUT\nb'hello DELETE'\nhello GET\npart one, part two\n");
    expect(api.got.map((g) => `${g.method} ${g.url}`)).toEqual(["GET /hello", "PUT /item/1", "DELETE /item/1", "GET /moved", "GET /hello", "GET /chunked"]);
    expect(api.got[1].body).toBe("x=1");
    expect(api.got[1].headers["content-type"]).toBe("text/plain");
  }, 30_000);

  test("a server that is not there, and a host the tunnel does not allow, raise OSError", async () => {
    const { d } = await setup();
    const port = await closedPort();
    const [out] = await rawExec(
      d,
      py(
        "import requests, errno",
        `for url in ('http://127.0.0.1:${port}/x', 'http://10.9.9.9:8080/x'):`,
        "    try:",
        "        requests.get(url)",
        "    except OSError as e:",
        "        print(errno.errorcode[e.errno])",
      ),
    );
    expect(out).toBe("ECONNREFUSED\nEHOSTUNREACH\n");
  }, 30_000);
});
