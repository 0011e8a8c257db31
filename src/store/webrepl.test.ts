import { beforeEach, describe, expect, it, vi } from "vitest";
import type { DeviceApi } from "../device/api";
import { ConnectionState, RuntimeState } from "../device/states";
import type { ByteTransport } from "../device/transport";
import { WebReplError } from "../transports/webrepl";
import { describeProblem } from "../ui/errorMessages";
import { WEBREPL_MESSAGES } from "../ui/webreplMessages";

// The store's WebREPL flow with its doorway to transports replaced (vi.mock): the transport and the double are tested
// in src/transports/webrepl.
const links = vi.hoisted(() => ({
  openVirtual: vi.fn(),
  serialSupported: vi.fn(() => true),
  serialUnsupportedReason: vi.fn(() => ""),
  requestSerial: vi.fn(),
  openGrantedSerial: vi.fn(),
  openWebRepl: vi.fn(),
  connect: vi.fn(),
}));
vi.mock("./boardLinks", () => ({ boardLinks: links }));
vi.mock("../boardKnowledge/learn", () => ({ learnOnConnect: async () => {} }));

const { useConnection } = await import("./connection");
const { useWebReplPrompt, DEFAULT_WEBREPL_URL } = await import("./webrepl");

const device = {
  connection: ConnectionState.Connected,
  runtime: RuntimeState.Idle,
  on: () => () => {},
  disconnect: async () => {},
} as unknown as DeviceApi;
const link: ByteTransport = {
  label: "WebREPL 192.168.4.1:8266",
  write: async () => {},
  onData: () => () => {},
  onClose: () => () => {},
  close: async () => {},
};

beforeEach(async () => {
  await useConnection.getState().disconnect();
  useConnection.setState({ board: "webrepl", error: null, notice: null });
  useWebReplPrompt.setState({ open: false, url: DEFAULT_WEBREPL_URL, remember: false, savedPassword: "" });
  localStorage.clear();
  links.openWebRepl.mockReset().mockResolvedValue(link);
  links.connect.mockReset().mockResolvedValue(device);
});

// Vitest runs in Node: give the prefs a storage to write to.
const store = new Map<string, string>();
Object.assign(globalThis, {
  localStorage: {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
    clear: () => store.clear(),
  },
});

describe("WebREPL in the connection store", () => {
  it("Connect with WebREPL picked opens the dialog instead of connecting", async () => {
    await useConnection.getState().connect();
    expect(useWebReplPrompt.getState().open).toBe(true);
    expect(links.openWebRepl).not.toHaveBeenCalled();
  });

  it("page load never connects to a network board by itself; it says to press Connect", async () => {
    await useConnection.getState().autoConnect();
    expect(links.openWebRepl).not.toHaveBeenCalled();
    expect(useConnection.getState().notice?.text).toMatch(/Press Connect.*WebREPL/);
  });

  it("the dialog's answer connects through the doorway with the address and password", async () => {
    expect(await useConnection.getState().connectWebRepl("ws://10.0.0.7:8266/", "abcd")).toBe(true);
    expect(links.openWebRepl).toHaveBeenCalledWith("ws://10.0.0.7:8266/", "abcd");
    expect(links.connect).toHaveBeenCalledWith(link, "webrepl");
    expect(useConnection.getState().linkLabel).toBe("WebREPL 192.168.4.1:8266");
  });

  it("a refused password becomes the WebREPL words, with the AccessDenied code", async () => {
    links.openWebRepl.mockRejectedValue(new WebReplError("WrongPassword", "Access denied"));
    expect(await useConnection.getState().connectWebRepl("ws://b/", "nope")).toBe(false);
    expect(describeProblem(useConnection.getState().error)).toMatchObject({
      text: WEBREPL_MESSAGES.WrongPassword,
      code: "AccessDenied",
    });
  });

  it("the password is kept only when Remember is ticked", () => {
    useWebReplPrompt.getState().keep("ws://b:8266/", "secret", false);
    expect(store.get("mote.webreplPassword")).toBe("");
    expect(store.get("mote.webreplUrl")).toBe("ws://b:8266/");
    useWebReplPrompt.getState().keep("ws://b:8266/", "secret", true);
    expect(store.get("mote.webreplPassword")).toBe("secret");
    expect(useWebReplPrompt.getState().savedPassword).toBe("secret");
    useWebReplPrompt.getState().keep("ws://b:8266/", "secret", false);
    expect(store.get("mote.webreplPassword")).toBe("");
    expect(useWebReplPrompt.getState().savedPassword).toBe("");
  });

  it("every WebREPL failure has its own words; a lost link says what to do", () => {
    for (const failure of Object.keys(WEBREPL_MESSAGES) as Array<keyof typeof WEBREPL_MESSAGES>) {
      const message = describeProblem({ kind: "failed", error: new WebReplError(failure, "why it failed"), board: "webrepl" });
      expect(message?.text.length, failure).toBeGreaterThan(10);
    }
    expect(describeProblem({ kind: "lost", board: "webrepl" })?.text).toMatch(/WebREPL connection ended/);
    const notText = new WebReplError("Closed", "The board sent bytes that are not text on the WebREPL terminal");
    expect(describeProblem({ kind: "lost", error: notText, board: "webrepl" })?.text).toMatch(/carries text only/);
  });
});
