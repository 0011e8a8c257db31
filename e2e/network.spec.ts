import { expect, test } from "./fixtures/test";
import http from "node:http";
import type net from "node:net";
import { startMosquitto, subscribe, type Broker } from "../src/transports/node/mosquitto";
import { MoteApp } from "./app";
import { requireMosquitto } from "./fixtures/mosquittoAvailability";

// The virtual board's network in the app, end to end: a program run from the editor reaches a REAL mosquitto (seen by
// the test's mosquitto_sub) and a real node:http receiver, through the page's WebSockets and the e2e server's tunnel.
test.describe("virtual board network", () => {
  let app: MoteApp;

  test.beforeEach(async ({ page }) => {
    app = new MoteApp(page);
    await app.goto();
    await app.waitForBoardReady();
  });

  test("an MQTT publish from the virtual board reaches mosquitto_sub", async () => {
    requireMosquitto();
    const broker: Broker = await startMosquitto();
    try {
      const sub = subscribe(broker, "mote/e2e/temperature", { qos: 1, count: 2 });
      await sub.ready;
      await app.setEditorText(
        [
          "import network, time",
          "from umqtt.simple import MQTTClient",
          "wlan = network.WLAN(network.STA_IF)",
          "wlan.active(True)",
          "wlan.connect('my-wifi', 'my-password')",
          `client = MQTTClient('mote-e2e', 'localhost', port=${broker.port})`,
          "client.connect()",
          "client.publish(b'mote/e2e/temperature', b'21.5')",
          "client.publish(b'mote/e2e/temperature', b'21.7', qos=1)",
          "client.disconnect()",
          "print('published 2 readings')",
          "",
        ].join("\n"),
      );
      await app.run();
      await app.expectReplToContain("its network reaches only the hosts Mote's server allows");
      await app.expectReplToContain(/^published 2 readings$/m, 15_000);
      expect(await sub.messages).toEqual(["mote/e2e/temperature 21.5", "mote/e2e/temperature 21.7"]);
      expect(sub.qos()).toEqual([0, 1]);
      await expect(app.status).toContainText("Ready");
      await app.screenshot("70-mqtt-published");
    } finally {
      await broker.stop();
    }
  });

  test("a REST POST of JSON readings reaches a local HTTP receiver", async () => {
    const bodies: Array<{ type: string | undefined; body: unknown }> = [];
    const server = http.createServer((req, res) => {
      let text = "";
      req.on("data", (c: Buffer) => (text += c.toString()));
      req.on("end", () => {
        bodies.push({ type: req.headers["content-type"], body: JSON.parse(text) });
        res.writeHead(201, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ ok: true }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      await app.setEditorText(
        [
          "import urequests",
          "readings = [{'sensor': 'temp', 'value': 21.5}, {'sensor': 'humidity', 'value': 40}]",
          `r = urequests.post('http://127.0.0.1:${port}/api/readings', json={'readings': readings})`,
          "print('status', r.status_code, r.json())",
          "r.close()",
          "",
        ].join("\n"),
      );
      await app.run();
      await app.expectReplToContain("status 201 {'ok': True}", 15_000);
      expect(bodies).toEqual([
        {
          type: "application/json",
          body: { readings: [{ sensor: "temp", value: 21.5 }, { sensor: "humidity", value: 40 }] },
        },
      ]);
      await app.screenshot("71-rest-posted");
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test("a host the server does not allow gives a clear OSError in the terminal", async () => {
    await app.setEditorText("import socket\ns = socket.socket()\ns.connect(('10.20.30.40', 1883))\n");
    await app.run();
    await app.expectReplToContain("EHOSTUNREACH: 10.20.30.40 port 1883 is not allowed", 15_000);
    await app.expectReplToContain("MOTE_NET_ALLOW");
    await expect(app.status).toContainText("Ready");
    await app.screenshot("72-host-not-allowed");
  });
});
