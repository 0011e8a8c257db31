/**
 * The WebREPL connect dialog's data: the board's address (remembered) and, only when the person ticks "Remember
 * password", its password (kept in this browser's local storage, in plain text: the checkbox says so).
 */
import { create } from "zustand";
import { readPref, writePref } from "./prefs";

/** The address an ESP board has on its own Wi-Fi access point (MicroPython's default AP). */
export const DEFAULT_WEBREPL_URL = "ws://192.168.4.1:8266/";

export interface WebReplPrompt {
  open: boolean;
  url: string;
  remember: boolean;
  /** The remembered password, "" when none is kept. */
  savedPassword: string;
  show(): void;
  hide(): void;
  /** Keep the address, and the password only when `remember` (otherwise forget any kept one). */
  keep(url: string, password: string, remember: boolean): void;
}

export const useWebReplPrompt = create<WebReplPrompt>()((set) => ({
  open: false,
  url: readPref("webreplUrl") || DEFAULT_WEBREPL_URL,
  remember: readPref("webreplRemember") === "1",
  savedPassword: readPref("webreplRemember") === "1" ? (readPref("webreplPassword") ?? "") : "",
  show: () => set({ open: true }),
  hide: () => set({ open: false }),
  keep(url, password, remember) {
    writePref("webreplUrl", url);
    writePref("webreplRemember", remember ? "1" : "0");
    writePref("webreplPassword", remember ? password : "");
    set({ url, remember, savedPassword: remember ? password : "" });
  },
}));
