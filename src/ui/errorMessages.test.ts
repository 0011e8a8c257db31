import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DeviceError, type DeviceErrorCode } from "../device/errors";
import { AlertBanner } from "./Alerts";
import {
  describeError,
  describeLost,
  describeProblem,
  DISCONNECTED_MESSAGE,
  MESSAGES,
  VIRTUAL_LOST_MESSAGE,
} from "./errorMessages";

const ALL_CODES: DeviceErrorCode[] = [
  "Timeout",
  "Disconnected",
  "Busy",
  "NotMicroPython",
  "ProtocolError",
  "Interrupted",
  "PortInUse",
  "Unsupported",
  "DeviceFull",
  "Conflict",
  "NotFound",
  "RemoteError",
];

describe("errorMessages", () => {
  it("has words for every DeviceError code, each ending in a full sentence", () => {
    for (const code of ALL_CODES) {
      const text = MESSAGES[code];
      expect(text, code).toMatch(/^[A-Z].{20,}\.$/);
    }
  });

  it("tells the person what to do next for failures they can fix", () => {
    for (const code of ["Timeout", "Disconnected", "NotMicroPython", "PortInUse", "DeviceFull", "Busy"] as const) {
      expect(MESSAGES[code], code).toMatch(/press|close|delete|wait|check|plug/i);
    }
  });

  it("describes a DeviceError by its code, never by its internal message", () => {
    const m = describeError(new DeviceError("Timeout", "raw REPL: no '>' after 3000 ms"));
    expect(m).toEqual({ text: MESSAGES.Timeout, code: "Timeout", detail: undefined });
    expect(m!.text).not.toContain("raw REPL");
  });

  it("keeps the board's traceback as detail", () => {
    const m = describeError(new DeviceError("RemoteError", "x", "OSError: [Errno 28] ENOSPC"));
    expect(m?.detail).toContain("ENOSPC");
  });

  it("gives Unsupported the specific reason as a sentence, and the general one when there is none", () => {
    expect(describeError(new DeviceError("Unsupported", "Firmware too old."))?.text).toBe("Firmware too old.");
    expect(describeError(new DeviceError("Unsupported", "renaming is not supported here"))?.text).toBe(
      "Renaming is not supported here.",
    );
    expect(describeError(new DeviceError("Unsupported", ""))?.text).toBe(MESSAGES.Unsupported);
  });

  it("stays quiet when the person closes the port chooser", () => {
    expect(describeError(Object.assign(new Error("No port selected by the user."), { name: "NotFoundError" }))).toBeNull();
  });

  it("wraps unknown errors with a next step", () => {
    expect(describeError(new Error("boom"))?.text).toMatch(/^Something went wrong: boom\. Try again/);
    expect(describeError("odd")?.text).toContain("odd");
  });

  it("does not talk about cables and baud rates for the virtual board", () => {
    const text = describeError(new DeviceError("NotMicroPython", "x"), "virtual")?.text ?? "";
    expect(text).toMatch(/virtual board/);
    expect(text).not.toMatch(/baud/);
    expect(describeError(new DeviceError("Busy", "x"), "virtual")?.text).toBe(MESSAGES.Busy);
  });

  it("says how to recover a lost link, per board kind", () => {
    expect(describeLost("serial", new DeviceError("Disconnected", "gone")).text).toBe(DISCONNECTED_MESSAGE);
    expect(DISCONNECTED_MESSAGE).toBe(
      "The board was disconnected (cable pulled or board reset). Plug it in and press Connect.",
    );
    expect(describeLost("virtual").text).toBe(VIRTUAL_LOST_MESSAGE);
  });
});

describe("describeProblem", () => {
  it("words each kind of problem the connection store records", () => {
    expect(describeProblem(null)).toBeNull();
    expect(describeProblem({ kind: "failed", error: new DeviceError("PortInUse", "x"), board: "serial" })?.text).toBe(
      MESSAGES.PortInUse,
    );
    expect(describeProblem({ kind: "lost", board: "serial" })?.text).toBe(DISCONNECTED_MESSAGE);
    expect(describeProblem({ kind: "explained", text: "Use Chrome.", code: "Unsupported" })).toEqual({
      text: "Use Chrome.",
      code: "Unsupported",
    });
  });
});

describe("AlertBanner", () => {
  it("renders the message in a role=alert region with a Dismiss button", () => {
    const html = renderToStaticMarkup(
      createElement(AlertBanner, { message: describeError(new DeviceError("Busy", "b")), onDismiss: () => {} }),
    );
    expect(html).toContain('role="alert"');
    expect(html).toContain(MESSAGES.Busy.replace(/'/g, "&#x27;"));
    expect(html).toContain('aria-label="Dismiss"');
    expect(html).toContain('data-code="Busy"');
  });

  it("renders nothing without a message", () => {
    expect(renderToStaticMarkup(createElement(AlertBanner, { message: null }))).toBe("");
  });
});
