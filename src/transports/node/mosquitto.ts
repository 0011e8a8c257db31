/**
 * A real MQTT broker for tests: Debian's mosquitto on a free loopback port, and its own clients (mosquitto_sub,
 * mosquitto_pub) on the other side of what the board publishes and receives. Node only.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export interface MosquittoAvailability {
  available: boolean;
  /** Why not, in words a person can act on. */
  reason?: string;
  broker?: string;
  sub?: string;
  pub?: string;
}

function find(command: string): string | undefined {
  // mosquitto itself lives in /usr/sbin on Debian, which a non-root PATH may lack.
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/sbin", "/usr/local/sbin"];
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Whether mosquitto and its clients are installed. Cheap: looks at files, starts nothing. */
export function mosquittoAvailable(): MosquittoAvailability {
  const broker = find("mosquitto");
  const sub = find("mosquitto_sub");
  const pub = find("mosquitto_pub");
  const missing = [!broker && "mosquitto", !(sub && pub) && "mosquitto-clients"].filter(Boolean);
  if (missing.length === 0) return { available: true, broker, sub, pub };
  return { available: false, reason: `not installed: ${missing.join(", ")} (apt-get install ${missing.join(" ")})` };
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface Broker {
  port: number;
  /** What the broker logged (with -v: every CONNECT, PUBLISH and its QoS). */
  log(): string;
  stop(): Promise<void>;
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 2000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Starts `mosquitto -v -p <free port>` (local-only mode: loopback, anonymous) and waits until it listens. */
export async function startMosquitto(): Promise<Broker> {
  const { broker, reason } = mosquittoAvailable();
  if (!broker) throw new Error(`mosquitto unavailable: ${reason}`);
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const child = spawn(broker, ["-v", "-p", String(port)], { stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    child.stdout?.on("data", (c: Buffer) => (log += c.toString()));
    child.stderr?.on("data", (c: Buffer) => (log += c.toString()));
    const up = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 10_000);
      const check = () => {
        if (/mosquitto version [\d.]+ running/.test(log)) (clearTimeout(timer), resolve(true));
        else if (/Error|Address already in use/i.test(log)) (clearTimeout(timer), resolve(false));
      };
      child.stdout?.on("data", check);
      child.stderr?.on("data", check);
      child.once("exit", () => (clearTimeout(timer), resolve(false)));
    });
    if (up) return { port, log: () => log, stop: () => stopProcess(child) };
    await stopProcess(child);
    if (attempt >= 2) throw new Error(`mosquitto did not start: ${log}`);
  }
}

export interface Subscription {
  /** Resolves once the broker acknowledged the subscription, so a publish made now will be seen. */
  ready: Promise<void>;
  /** Resolves with `count` messages as `topic payload` lines (mosquitto_sub -v), once they all arrived. */
  messages: Promise<string[]>;
  /** The QoS of each PUBLISH the subscriber received, from its debug output (complete once `messages` resolved). */
  qos(): number[];
  stop(): Promise<void>;
}

let subscribers = 0;

/**
 * `mosquitto_sub -d -v -q <qos> -C <count> -t <topic>`: a real subscriber on the broker (topic without wildcards).
 * Its stdout is block-buffered into a pipe, so readiness comes from the broker's log (its SUBACK to this client id)
 * and the messages from what it printed when it exited after `count` of them.
 */
export function subscribe(broker: Broker, topic: string, { count = 1, qos = 1, timeoutMs = 20_000 } = {}): Subscription {
  const { sub } = mosquittoAvailable();
  if (!sub) throw new Error("mosquitto_sub is not installed");
  const id = `mote-watch-${process.pid}-${++subscribers}`;
  const args = ["-h", "127.0.0.1", "-p", String(broker.port), "-i", id, "-t", topic, "-v", "-d", "-q", String(qos), "-C", String(count)];
  const child = spawn(sub, args, { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout?.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (out += c.toString()));
  const deadline = (what: string, reject: (e: Error) => void) =>
    setTimeout(() => reject(new Error(`mosquitto_sub: no ${what} within ${timeoutMs} ms; it printed ${JSON.stringify(out)}`)), timeoutMs);
  const ready = new Promise<void>((resolve, reject) => {
    const timer = deadline("SUBACK", reject);
    const poll = setInterval(() => {
      if (!broker.log().includes(`Sending SUBACK to ${id}`)) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve();
    }, 20);
  });
  const messages = new Promise<string[]>((resolve, reject) => {
    const timer = deadline(`${count} message(s)`, reject);
    child.once("exit", () => {
      clearTimeout(timer);
      // With -v each message is one "topic payload" line; -d's own lines start with "Client " or "Subscribed".
      resolve(out.split("\n").filter((l) => l.startsWith(`${topic} `)));
    });
  });
  ready.catch(() => undefined);
  messages.catch(() => undefined);
  return {
    ready,
    messages,
    qos: () => [...out.matchAll(/received PUBLISH \(d\d, q(\d)/g)].map((m) => Number(m[1])),
    stop: () => stopProcess(child),
  };
}

/** `mosquitto_pub`: one message from a real client. */
export function publish(port: number, topic: string, message: string, qos = 0): Promise<void> {
  const { pub } = mosquittoAvailable();
  if (!pub) throw new Error("mosquitto_pub is not installed");
  return new Promise((resolve, reject) => {
    const child = spawn(pub, ["-h", "127.0.0.1", "-p", String(port), "-t", topic, "-m", message, "-q", String(qos)], { stdio: "ignore" });
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`mosquitto_pub exited with ${code}`))));
    child.once("error", reject);
  });
}
