/** Words for each way a WebREPL connection can fail (transports/webrepl/errors.ts), with what to do next. */
import type { WebReplFailure } from "../transports/webrepl";

export const WEBREPL_MESSAGES: Record<WebReplFailure, string> = {
  BadAddress:
    "That is not a WebREPL address. Type it as ws://HOST:8266/ (ws://192.168.4.1:8266/ when this computer is on the board's own Wi-Fi).",
  MixedContent:
    "This page was opened over https, and browsers do not let such a page open a ws:// connection (mixed content). Open Mote over http:// (for example http://localhost:5173/), or reach the board through a wss:// proxy.",
  // Filled in from the refusal itself (which length, which character), already worded for people.
  BadPassword: "",
  Unreachable:
    "Mote could not reach the board at that address. Check the address, that this computer is on the same network as the board, and that WebREPL is on (on the board: import webrepl_setup), then press Connect.",
  Timeout:
    "The board did not answer in time. Check that it is powered and on the network, then press Connect again.",
  NotWebRepl:
    "Something answered at that address, but not WebREPL (it never asked for a password). Check the address and the port (usually 8266).",
  Refused:
    "The board closed the connection at once: it serves one WebREPL client at a time. Close the other one (another tab, webrepl.html, Thonny) and press Connect again.",
  WrongPassword:
    "The board refused the password. Check it (it was set on the board with import webrepl_setup) and press Connect again.",
  Closed: "The WebREPL connection ended (Wi-Fi dropped, or the board reset). Press Connect to connect again.",
};

export const WEBREPL_NOT_TEXT_MESSAGE =
  "The board printed bytes that are not text, and the browser ended the WebREPL connection (WebREPL carries text only). Press Connect to connect again, and print text rather than raw bytes over WebREPL.";

/** Said in the connect dialog when the page itself is served over https. */
export const WEBREPL_HTTPS_WARNING =
  "This page is served over https, so the browser will refuse ws:// addresses. Open Mote over http://localhost, or use a wss:// address.";
