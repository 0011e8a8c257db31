import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { DeviceError, isDeviceError } from "../../device/errors";
import { connectTcp, type TcpTransport } from "./tcpTransport";

interface Peer {
  port: number;
  socket: Promise<net.Socket>;
  server: net.Server;
}

function listen(): Promise<Peer> {
  return new Promise((resolve) => {
    let accept!: (s: net.Socket) => void;
    const socket = new Promise<net.Socket>((r) => (accept = r));
    const server = net.createServer((s) => accept(s));
    server.listen(0, "127.0.0.1", () => {
      resolve({ port: (server.address() as net.AddressInfo).port, socket, server });
    });
  });
}

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function pair(): Promise<{ transport: TcpTransport; remote: net.Socket }> {
  const peer = await listen();
  const transport = await connectTcp({ port: peer.port, label: "test peer" });
  const remote = await peer.socket;
  cleanups.push(() => new Promise<void>((r) => peer.server.close(() => r())), () => transport.close(), () => void remote.destroy());
  return { transport, remote };
}

describe("TcpTransport", () => {
  it("carries bytes both ways, binary intact", async () => {
    const { transport, remote } = await pair();
    const got: number[] = [];
    const arrived = new Promise<void>((r) =>
      transport.onData((chunk) => {
        got.push(...chunk);
        if (got.length >= 256) r();
      }),
    );
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    remote.write(all);
    await arrived;
    expect(got).toEqual([...all]);

    const received = new Promise<Buffer>((r) => remote.once("data", r));
    await transport.write(Uint8Array.of(0, 3, 4, 255));
    expect([...(await received)]).toEqual([0, 3, 4, 255]);
  });

  it("holds bytes that arrive before anyone listens and hands them to the first listener in order", async () => {
    const { transport, remote } = await pair();
    remote.write("\0banner>>> ");
    await new Promise((r) => setTimeout(r, 50));
    const chunks: string[] = [];
    transport.onData((c) => chunks.push(text(c)));
    expect(chunks.join("")).toBe("\0banner>>> ");
    remote.write("next");
    await new Promise((r) => setTimeout(r, 50));
    expect(chunks.join("")).toBe("\0banner>>> next");
  });

  it("reports the far end going away as Disconnected, once", async () => {
    const { transport, remote } = await pair();
    const ends: Array<DeviceError | undefined> = [];
    const closed = new Promise<void>((r) =>
      transport.onClose((e) => {
        ends.push(e);
        r();
      }),
    );
    remote.destroy();
    await closed;
    await new Promise((r) => setTimeout(r, 20));
    expect(ends).toHaveLength(1);
    expect(isDeviceError(ends[0], "Disconnected")).toBe(true);
    await expect(transport.write(Uint8Array.of(1))).rejects.toSatisfy((e) => isDeviceError(e, "Disconnected"));
  });

  it("close() ends with no error, is idempotent, and tells late subscribers too", async () => {
    const { transport } = await pair();
    const ends: Array<DeviceError | undefined | "none"> = [];
    transport.onClose((e) => ends.push(e ?? "none"));
    await transport.close();
    await transport.close();
    expect(ends).toEqual(["none"]);
    const late = await new Promise<DeviceError | undefined>((r) => transport.onClose(r));
    expect(late).toBeUndefined();
    await expect(transport.write(Uint8Array.of(1))).rejects.toSatisfy((e) => isDeviceError(e, "Disconnected"));
  });

  it("fails to connect with a DeviceError when nothing listens", async () => {
    const peer = await listen();
    const port = peer.port;
    await new Promise<void>((r) => peer.server.close(() => r()));
    await expect(connectTcp({ port, connectTimeoutMs: 2000 })).rejects.toSatisfy((e) => isDeviceError(e, "Disconnected"));
  });
});
