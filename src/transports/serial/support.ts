import type { SerialLike } from "./webSerialTypes";

/** The generic explanation; webSerialUnsupportedReason() says more precisely what to change on this page. */
export const WEB_SERIAL_UNSUPPORTED_MESSAGE =
  "This browser does not support Web Serial. Use Chrome, Edge or another Chromium-based browser on a desktop computer, or try the Virtual board.";

/** What support detection looks at; defaults to the real page. Passed explicitly in tests. */
export interface BrowserEnv {
  serial?: unknown;
  userAgent?: string;
  isSecureContext?: boolean;
  hostname?: string;
}

function currentEnv(): BrowserEnv {
  const nav = (globalThis as { navigator?: { serial?: unknown; userAgent?: string } }).navigator;
  const loc = (globalThis as { location?: { hostname?: string } }).location;
  return {
    serial: nav?.serial,
    userAgent: nav?.userAgent,
    isSecureContext: (globalThis as { isSecureContext?: boolean }).isSecureContext,
    hostname: loc?.hostname,
  };
}

export function getSerial(env: BrowserEnv = currentEnv()): SerialLike | undefined {
  const serial = env.serial as SerialLike | undefined;
  return serial && typeof serial.requestPort === "function" ? serial : undefined;
}

export function isWebSerialSupported(env: BrowserEnv = currentEnv()): boolean {
  return getSerial(env) !== undefined;
}

/**
 * Why this page cannot use Web Serial, in words a person can act on; undefined when it can. The order matters:
 * an insecure origin hides navigator.serial even in Chrome, so that is checked before blaming the browser.
 */
export function webSerialUnsupportedReason(env: BrowserEnv = currentEnv()): string | undefined {
  if (getSerial(env)) return undefined;
  const ua = env.userAgent ?? "";
  if (env.isSecureContext === false) {
    return (
      "Web Serial only works on a secure page. Open Mote over https://, or on this computer as " +
      "http://localhost (not a plain http:// address" + (env.hostname ? ` such as ${env.hostname}` : "") + ")."
    );
  }
  if (/Firefox\//.test(ua)) {
    return "Firefox does not support Web Serial. Use Chrome, Edge or another Chromium-based browser on a desktop computer, or try the Virtual board.";
  }
  const isSafari = /Safari\//.test(ua) && !/(Chrome|Chromium|CriOS|Edg|OPR)\//.test(ua);
  if (isSafari || /(iPhone|iPad)/.test(ua)) {
    return "Safari does not support Web Serial. Use Chrome, Edge or another Chromium-based browser on a desktop computer, or try the Virtual board.";
  }
  if (/Android/.test(ua)) {
    return "This browser cannot reach USB serial ports on Android. Use Chrome or Edge on a desktop computer, or try the Virtual board.";
  }
  return WEB_SERIAL_UNSUPPORTED_MESSAGE;
}
