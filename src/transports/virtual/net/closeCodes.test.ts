import { describe, expect, it } from "vitest";
import { closeToErrno, TunnelClose } from "./closeCodes";
import { Errno, SlotState } from "./layout";

describe("tunnel close codes become what the board's socket reports", () => {
  it.each([
    [TunnelClose.Normal, "closed by the peer", true, SlotState.Eof, 0],
    [TunnelClose.Normal, "", false, SlotState.Failed, Errno.ECONNREFUSED],
    [TunnelClose.NotAllowed, "10.0.0.1 port 80 is not allowed", false, SlotState.Failed, Errno.EHOSTUNREACH],
    [TunnelClose.BadRequest, "the port must be a number", false, SlotState.Failed, Errno.EINVAL],
    [TunnelClose.TooMany, "ENOBUFS this browser already has 8 connections open", false, SlotState.Failed, Errno.ENOBUFS],
    [TunnelClose.ByteLimit, "ECONNABORTED this connection reached its 16 MiB limit", true, SlotState.Failed, Errno.ECONNABORTED],
    [TunnelClose.IdleTimeout, "ECONNABORTED nothing was sent either way for 300 s", true, SlotState.Failed, Errno.ECONNABORTED],
    [TunnelClose.Reset, "ECONNRESET the peer reset the connection", true, SlotState.Failed, Errno.ECONNRESET],
    [TunnelClose.ConnectTimeout, "ETIMEDOUT no answer", false, SlotState.Failed, Errno.ETIMEDOUT],
    [TunnelClose.ConnectFailed, "ECONNREFUSED 127.0.0.1 port 5 refused the connection", false, SlotState.Failed, Errno.ECONNREFUSED],
    [TunnelClose.ConnectFailed, "EHOSTUNREACH could not resolve x.test (ENOTFOUND)", false, SlotState.Failed, Errno.EHOSTUNREACH],
    [TunnelClose.ConnectFailed, "ENETUNREACH connect ENETUNREACH", false, SlotState.Failed, Errno.EHOSTUNREACH],
    [TunnelClose.ConnectFailed, "EWHATEVER odd", false, SlotState.Failed, Errno.ECONNREFUSED],
    [TunnelClose.Abnormal, "", false, SlotState.Failed, Errno.ECONNREFUSED],
    [TunnelClose.Abnormal, "", true, SlotState.Failed, Errno.ECONNRESET],
    [TunnelClose.GoingAway, "", true, SlotState.Failed, Errno.ECONNRESET],
  ])("%i %j (open: %s)", (code, reason, wasOpen, state, errno) => {
    const end = closeToErrno(code, reason, wasOpen);
    expect(end.state).toBe(state);
    expect(end.errno).toBe(errno);
    // The errno's name is the board's to print; the words keep only the reason.
    expect(end.reason).not.toMatch(/^E[A-Z]+ /);
    if (state === SlotState.Failed) expect(end.reason.length).toBeGreaterThan(0);
  });

  it("a policy refusal says how to allow more", () => {
    expect(closeToErrno(TunnelClose.NotAllowed, "10.0.0.1 port 80 is not allowed", false).reason).toContain("MOTE_NET_ALLOW");
    expect(closeToErrno(TunnelClose.NotAllowed, "the network tunnel is turned off (MOTE_NET=off)", false).reason).toBe(
      "the network tunnel is turned off (MOTE_NET=off)",
    );
  });
});
