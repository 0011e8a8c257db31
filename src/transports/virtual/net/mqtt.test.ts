// umqtt.simple on the virtual board against a REAL broker: Debian's mosquitto started by the test, watched with the
// real mosquitto_sub and fed with mosquitto_pub, the board's bytes going through the real Mote server tunnel.
import { afterEach, expect, test } from "vitest";
import { publish, startMosquitto, subscribe, type Broker, type Subscription } from "../../node/mosquitto";
import { describeMosquitto } from "../../node/mosquittoTest";
import { netBoard, py, rawExec, startMoteServer, startProgram, type MoteServer, type NetBoard } from "./testBoard";

const open: Array<{ close?: () => Promise<void>; stop?: () => Promise<void> }> = [];

async function setup(): Promise<{ b: NetBoard; broker: Broker }> {
  const broker = await startMosquitto();
  open.push(broker);
  const server: MoteServer = await startMoteServer();
  open.push(server);
  const b = await netBoard(server);
  open.push(b);
  return { b, broker };
}

function watch(broker: Broker, topic: string, options: Parameters<typeof subscribe>[2] = {}): Subscription {
  const s = subscribe(broker, topic, options);
  open.push(s);
  return s;
}

afterEach(async () => {
  for (const x of open.splice(0).reverse()) await (x.close ?? x.stop)?.call(x);
});

const client = (port: number, id = "mote-test") =>
  py("from umqtt.simple import MQTTClient", `c = MQTTClient('${id}', 'localhost', port=${port}, keepalive=30)`);

describeMosquitto("umqtt.simple on the virtual board against mosquitto", () => {
  test("QoS 0 publish reaches a subscriber", async () => {
    const { b, broker } = await setup();
    const sub = watch(broker, "mote/qos0", { qos: 1 });
    await sub.ready;
    const [out, err] = await rawExec(
      b.d,
      py(client(broker.port), "print(c.connect())", "c.publish(b'mote/qos0', b'21.5')", "c.disconnect()", "print('done')"),
    );
    expect(err).toBe("");
    expect(out).toBe("0\ndone\n");
    expect(await sub.messages).toEqual(["mote/qos0 21.5"]);
    expect(sub.qos()).toEqual([0]);
  }, 30_000);

  test("QoS 1 publish returns after the broker's PUBACK, and arrives as QoS 1", async () => {
    const { b, broker } = await setup();
    const sub = watch(broker, "mote/qos1", { qos: 1, count: 2 });
    await sub.ready;
    const [out, err] = await rawExec(
      b.d,
      py(
        client(broker.port, "mote-qos1"),
        "c.connect()",
        "c.publish('mote/qos1', 'first', qos=1)",
        "print('acked', c.pid)",
        "c.publish('mote/qos1', '{\"t\": 22.0}', qos=1, retain=False)",
        "print('acked', c.pid)",
        "c.disconnect()",
      ),
    );
    expect(err).toBe("");
    expect(out).toBe("acked 1\nacked 2\n");
    expect(await sub.messages).toEqual(["mote/qos1 first", 'mote/qos1 {"t": 22.0}']);
    expect(sub.qos()).toEqual([1, 1]);
    expect(broker.log()).toMatch(/Received PUBLISH from mote-qos1 \(d0, q1, r0, m1, 'mote\/qos1'/);
    expect(broker.log()).toMatch(/Sending PUBACK to mote-qos1 \(m2/);
  }, 30_000);

  test("subscribe with a callback: QoS 1 and QoS 0 messages from mosquitto_pub, check_msg, ping", async () => {
    const { b, broker } = await setup();
    await startProgram(
      b.d,
      py(
        client(broker.port, "mote-sub"),
        "got = []",
        "c.set_callback(lambda topic, msg: got.append((topic, msg)))",
        "c.connect()",
        "c.subscribe(b'mote/cmd', qos=1)",
        "print('nothing yet:', c.check_msg())",
        "print('subscribed')",
        "while len(got) < 2:",
        "    c.wait_msg()",
        "print(got)",
        "c.ping()",
        "print('ping answered:', c.wait_msg())",
        "c.disconnect()",
      ),
    );
    const before = await b.d.until("subscribed\n", 15_000);
    expect(before).toContain("nothing yet: None\n");
    await publish(broker.port, "mote/cmd", "led on", 1);
    await publish(broker.port, "mote/cmd", "led off", 0);
    const out = await b.d.until("\x04", 15_000);
    const err = await b.d.until("\x04", 5_000);
    expect(err).toBe("\x04");
    expect(out).toContain("[(b'mote/cmd', b'led on'), (b'mote/cmd', b'led off')]\nping answered: None\n");
    // The board acknowledged the QoS 1 delivery.
    expect(broker.log()).toMatch(/Received PUBACK from mote-sub/);
  }, 40_000);

  test("a client that goes away without DISCONNECT gets its last will published", async () => {
    const { b, broker } = await setup();
    const sub = watch(broker, "mote/status", { qos: 0 });
    await sub.ready;
    const [, err] = await rawExec(
      b.d,
      py(
        client(broker.port, "mote-will"),
        "c.set_last_will(b'mote/status', b'offline')",
        "c.connect()",
        "c.sock.close()  # the link drops: no DISCONNECT",
      ),
    );
    expect(err).toBe("");
    expect(await sub.messages).toEqual(["mote/status offline"]);
  }, 30_000);

  test("a broker that is not running: connect raises ECONNREFUSED", async () => {
    const { b, broker } = await setup();
    await broker.stop();
    const [, err] = await rawExec(b.d, py(client(broker.port), "c.connect()"));
    expect(err).toMatch(/OSError: \[Errno 111\] ECONNREFUSED: .*refused the connection/);
  }, 30_000);
});
