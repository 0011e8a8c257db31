import { fromHex, latin1 } from "../bytes";
import { DeviceError } from "../errors";

/**
 * Every fs helper on the board prints plain-ASCII record lines through O() and ends with E(): `=N H`, the number of
 * records and a 24-bit hash of their text. A reply that was cut short, lost or gained bytes on the way (QEMU's
 * micro:bit UART drops bytes when the host is slow), or came from something other than our helper is caught here as
 * a ProtocolError instead of being read as a shorter listing, a wrong size or a success.
 */
export const PY_OUT = `_o=[0,0]
def O(*a):
 s=' '.join([str(x) for x in a]);print(s);h=_o[1]
 for x in s:h=(h*31+ord(x))&0xffffff
 _o[0]+=1;_o[1]=(h*31+10)&0xffffff
def E():print('=%d %d'%(_o[0],_o[1]))
`;

/** The host's side of the hash E() prints. */
export function replyHash(lines: readonly string[]): number {
  let h = 0;
  for (const line of lines) {
    for (let i = 0; i < line.length; i++) h = (h * 31 + line.charCodeAt(i)) & 0xffffff;
    h = (h * 31 + 10) & 0xffffff;
  }
  return h;
}
export function records(stdout: Uint8Array, what: string): string[][] {
  const text = latin1(stdout);
  const bad = (why: string): never => {
    throw new DeviceError("ProtocolError", `The board's answer to ${what} was not understood (${why})`, text.slice(0, 300));
  };
  if (!text.endsWith("\n")) bad("it was cut short");
  const lines = text.slice(0, -1).split("\n").map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
  const end = lines.pop() ?? "";
  const m = /^=(\d{1,9}) (\d{1,8})$/.exec(end);
  if (!m) bad("no end marker");
  if (Number(m![1]) !== lines.length) bad(`${lines.length} records where it announced ${m![1]}`);
  if (Number(m![2]) !== replyHash(lines)) bad("its check value does not match: bytes were lost or changed on the way");
  return lines.map((l) => {
    if (!/^[\x21-\x7e]+( [\x21-\x7e]+)*$/.test(l)) bad("a malformed line");
    return l.split(" ");
  });
}

/** A decimal field of a record. */
export function num(field: string | undefined, what: string): number {
  if (field === undefined || !/^\d{1,15}$/.test(field)) {
    throw new DeviceError("ProtocolError", `The board's answer to ${what} had a bad number: ${String(field).slice(0, 40)}`);
  }
  return Number(field);
}

/** A hex field of a record (a name's bytes); "-" stands for no bytes, as an empty field cannot be told apart. */
export function hexField(field: string | undefined, what: string): Uint8Array {
  if (field === "-") return new Uint8Array(0);
  if (field === undefined || !/^([0-9a-f]{2})+$/.test(field)) {
    throw new DeviceError("ProtocolError", `The board's answer to ${what} had a bad name field`);
  }
  return fromHex(field);
}

/** Exactly `n` records, each with a first field among `tags`. */
export function expectShape(rows: string[][], n: number, tags: readonly string[], what: string): string[][] {
  if (rows.length !== n || rows.some((r) => !tags.includes(r[0]))) {
    throw new DeviceError("ProtocolError", `The board's answer to ${what} had an unexpected shape`, JSON.stringify(rows).slice(0, 300));
  }
  return rows;
}

/**
 * Python (portable to 1.9.2) defining H(x): the hex of a name's bytes, whether the board gave the name as str or
 * bytes ("-" when empty). Names cross the link this way so no character can be taken for syntax or a line end.
 */
export const PY_HEX = "def H(x):\n if type(x) is str:x=bytes(x,'utf-8')\n return ''.join('%02x'%c for c in x) or '-'\n";
