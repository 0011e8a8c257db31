/**
 * The ESP ROM TEST DOUBLE spoken to byte for byte (no esptool-js): reset into download mode with the classic DTR/RTS
 * sequence, then hand-built SLIP commands, checking the replies' exact bytes against the protocol docs.
 */
import { describe, expect, it } from "vitest";
import { EspRomDouble } from "./espRomDouble";
import { SlipDecoder, slipEncode } from "./slip";

function command(op: number, data: number[] | Uint8Array, chk = 0): Uint8Array {
  const body = Uint8Array.from(data);
  const p = new Uint8Array(8 + body.length);
  const v = new DataView(p.buffer);
  p[1] = op;
  v.setUint16(2, body.length, true);
  v.setUint32(4, chk, true);
  p.set(body, 8);
  return slipEncode(p);
}

const le32 = (...words: number[]) => words.flatMap((w) => [w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, (w >>> 24) & 0xff]);

async function openInDownloadMode(chip: string) {
  // Behind a CP2102 bridge, so the classic DTR/RTS circuit drives the chip whatever its own USB.
  const board = new EspRomDouble({ chip, info: { usbVendorId: 0x10c4, usbProductId: 0xea60 } });
  await board.open({ baudRate: 115200 });
  const reader = board.readable!.getReader();
  const writer = board.writable!.getWriter();
  let raw: number[] = [];
  const frames: Uint8Array[] = [];
  const slip = new SlipDecoder((f) => frames.push(f));
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done || !value) return;
      raw.push(...value);
      slip.push(value);
    }
  })();
  // Classic auto-reset: EN low (RTS), then EN high with IO0 low (DTR): the ROM starts in download mode.
  await board.setSignals({ dataTerminalReady: false, requestToSend: true });
  await board.setSignals({ dataTerminalReady: true, requestToSend: false });
  await board.setSignals({ dataTerminalReady: false, requestToSend: false });
  const settle = () => new Promise((r) => setTimeout(r, 5));
  const send = async (bytes: Uint8Array) => {
    frames.length = 0;
    await writer.write(bytes);
    await settle();
    return frames.map((f) => Buffer.from(f).toString("hex"));
  };
  const text = () => Buffer.from(raw).toString("latin1");
  return { board, send, text, clearRaw: () => (raw = []), pump };
}

describe("EspRomDouble (TEST DOUBLE) on the wire", () => {
  it("prints the ESP32 ROM boot log and answers SYNC eight times", async () => {
    const { send, text } = await openInDownloadMode("ESP32");
    expect(text()).toContain("boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))\r\nwaiting for download\r\n");
    const replies = await send(command(0x08, [0x07, 0x07, 0x12, 0x20, ...new Array(32).fill(0x55)]));
    expect(replies).toEqual(new Array(8).fill("010804000707122000000000"));
  });

  it("gives the chip magic at 0x40001000 and a 4-byte status on ESP32, 2 bytes on ESP8266", async () => {
    const esp32 = await openInDownloadMode("ESP32");
    expect(await esp32.send(command(0x0a, le32(0x40001000)))).toEqual(["010a0400831df00000000000"]);
    const esp8266 = await openInDownloadMode("ESP8266");
    expect(await esp8266.send(command(0x0a, le32(0x40001000)))).toEqual(["010a020001c1f0ff0000"]);
  });

  it("answers an op the ROM lacks with status 1, error 0x05, eight times", async () => {
    const { send } = await openInDownloadMode("ESP32");
    expect(await send(command(0x14, []))).toEqual(new Array(8).fill("010004000000000001050000"));
  });

  it("answers GET_SECURITY_INFO with the chip id on ESP32-C3", async () => {
    const { send } = await openInDownloadMode("ESP32-C3");
    const [reply] = await send(command(0x14, []));
    // 20 bytes: flags, crypt count, 7 key purposes, chip id 5, API version; then 4 status bytes.
    expect(reply).toBe("0114180000000000" + "00".repeat(12) + "05000000" + "00000000" + "00000000");
  });

  it("refuses a MEM_DATA block whose checksum is wrong (error 0x07) and takes a right one", async () => {
    const { send } = await openInDownloadMode("ESP32");
    await send(command(0x05, le32(4, 1, 4, 0x40080000)));
    const block = [...le32(4, 0, 0, 0), 1, 2, 3, 4];
    const good = 0xef ^ 1 ^ 2 ^ 3 ^ 4;
    expect(await send(command(0x07, block, good ^ 0xff))).toEqual(["010704000000000001070000"]);
    expect(await send(command(0x07, block, good))).toEqual(["010704000000000000000000"]);
  });

  it("writes through the ROM's FLASH_BEGIN/DATA and returns the MD5 as 32 hex characters", async () => {
    const { board, send } = await openInDownloadMode("ESP32");
    const payload = Array.from({ length: 16 }, (_, i) => (i * 37) & 0xff);
    await send(command(0x02, le32(4096, 1, 16, 0x1000, 0)));
    const chk = payload.reduce((a, b) => a ^ b, 0xef);
    expect(await send(command(0x03, [...le32(16, 0, 0, 0), ...payload], chk))).toEqual(["010304000000000000000000"]);
    expect(Array.from(board.flash.subarray(0x1000, 0x1010))).toEqual(payload);
    const [md5] = await send(command(0x13, le32(0x1000, 16, 0, 0)));
    const hex = Buffer.from(md5!.slice(16, 16 + 64), "hex").toString("latin1");
    const { md5: digest } = await import("@noble/hashes/legacy.js");
    expect(hex).toBe(Buffer.from(digest(Uint8Array.from(payload))).toString("hex"));
  });

  it("in normal mode prints the app boot and never answers SYNC", async () => {
    const board = new EspRomDouble({ chip: "ESP32", mode: "normal" });
    await board.open({ baudRate: 115200 });
    const reader = board.readable!.getReader();
    await board.setSignals({ dataTerminalReady: false, requestToSend: true });
    await board.setSignals({ dataTerminalReady: true, requestToSend: false });
    const { value } = await reader.read();
    expect(Buffer.from(value!).toString("latin1")).toContain("boot:0x13 (SPI_FAST_FLASH_BOOT)");
    const writer = board.writable!.getWriter();
    const before = board.bytesSent;
    // The double handles a write synchronously, so anything it answered would be counted by now.
    await writer.write(command(0x08, [0x07, 0x07, 0x12, 0x20, ...new Array(32).fill(0x55)]));
    expect(board.bytesSent).toBe(before);
    expect(board.bytesWritten).toBe(46);
    expect(board.boots).toEqual(["normal"]);
  });

  it("pullCable() fails the streams like Chromium's lost device", async () => {
    const board = new EspRomDouble({ chip: "ESP32" });
    await board.open({ baudRate: 115200 });
    const reader = board.readable!.getReader();
    const read = reader.read();
    board.pullCable();
    await expect(read).rejects.toMatchObject({ name: "NetworkError", message: "The device has been lost." });
    expect(board.readable).toBeNull();
    await expect(board.setSignals({ requestToSend: true })).rejects.toMatchObject({ name: "NetworkError" });
  });
});
