import { Errno, SlotState } from "./layout";

/** The tunnel's close codes (server/net/policy.mjs CloseCode). */
export const TunnelClose = {
  Normal: 1000,
  GoingAway: 1001,
  Abnormal: 1006,
  BadRequest: 4400,
  NotAllowed: 4403,
  IdleTimeout: 4408,
  ByteLimit: 4413,
  TooMany: 4429,
  Reset: 4104,
  ConnectFailed: 4502,
  ConnectTimeout: 4504,
  Internal: 4500,
} as const;

const BY_NAME: Record<string, number> = {
  ECONNREFUSED: Errno.ECONNREFUSED,
  EHOSTUNREACH: Errno.EHOSTUNREACH,
  ENETUNREACH: Errno.EHOSTUNREACH,
  ENOTFOUND: Errno.EHOSTUNREACH,
  EAI_AGAIN: Errno.EHOSTUNREACH,
  ETIMEDOUT: Errno.ETIMEDOUT,
  ECONNRESET: Errno.ECONNRESET,
  ECONNABORTED: Errno.ECONNABORTED,
  ENOBUFS: Errno.ENOBUFS,
};

export interface SocketEnd {
  state: number;
  /** Board errno (0 for a clean end of stream). */
  errno: number;
  /** Words for the person, without the errno name the server put first (the board's OSError prints that). */
  reason: string;
}

const HINT = "; Mote's server allows this computer (ports 1024-65535) unless MOTE_NET_ALLOW adds more";

/**
 * How a tunnel's close becomes what the board's socket reports: a clean end of stream, or an OSError with the errno a
 * board would raise (refused, unreachable, timed out, reset, aborted) and the server's reason. `code` -1 is a failure
 * on this side before any tunnel existed.
 */
export function closeToErrno(code: number, rawReason: string, wasOpen: boolean): SocketEnd {
  const m = /^(E[A-Z_]+) (.*)$/.exec(rawReason);
  const name = m?.[1];
  const reason = m ? m[2] : rawReason;
  const fail = (errno: number, words = reason): SocketEnd => ({ state: SlotState.Failed, errno, reason: words });
  switch (code) {
    case TunnelClose.Normal:
      return wasOpen ? { state: SlotState.Eof, errno: 0, reason } : fail(Errno.ECONNREFUSED, reason || "the tunnel closed");
    case TunnelClose.NotAllowed:
      return fail(Errno.EHOSTUNREACH, reason.includes("MOTE_NET") ? reason : `${reason}${HINT}`);
    case TunnelClose.BadRequest:
      return fail(Errno.EINVAL);
    case TunnelClose.TooMany:
      return fail(Errno.ENOBUFS);
    case TunnelClose.ByteLimit:
    case TunnelClose.IdleTimeout:
      return fail(Errno.ECONNABORTED);
    case TunnelClose.Reset:
      return fail(Errno.ECONNRESET);
    case TunnelClose.ConnectTimeout:
      return fail(Errno.ETIMEDOUT);
    case TunnelClose.ConnectFailed:
      return fail((name && BY_NAME[name]) || Errno.ECONNREFUSED);
    case -1:
      return fail(Errno.ECONNREFUSED);
    default:
      // 1006 and the like: the WebSocket itself broke (server gone, or not a Mote server with a tunnel).
      return wasOpen
        ? fail(Errno.ECONNRESET, "lost the connection to Mote's server")
        : fail(Errno.ECONNREFUSED, "could not reach Mote's network tunnel; is Mote's server (npm start) running?");
  }
}
