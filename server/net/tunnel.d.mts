// Types for tunnel.mjs, so tests under src/ (checked without allowJs) can attach the real tunnel.
import type http from "node:http";
import type net from "node:net";

export interface TunnelLimits {
  perClientConnections: number;
  totalConnections: number;
  perConnectionBytes: number;
  perClientBytes: number;
  clientWindowMs: number;
  idleMs: number;
  connectTimeoutMs: number;
  flowWindow: number;
}
export interface TunnelOptions {
  enabled?: boolean;
  /** Parsed MOTE_NET_ALLOW rules (policy.mjs parseAllowList). */
  rules?: unknown[];
  remoteClients?: boolean;
  extraOrigins?: string[];
  limits?: Partial<TunnelLimits>;
  lookup?: (host: string) => Promise<{ address: string; family: number }[]>;
  connect?: (address: string, port: number) => net.Socket;
}
export declare const TUNNEL_PATH: string;
export declare function attachNetTunnel(server: http.Server, options?: TunnelOptions): { close(): void };
/** MOTE_NET, MOTE_NET_ALLOW (throws on a malformed entry), MOTE_NET_REMOTE and MOTE_NET_ORIGINS. */
export declare function netOptionsFromEnv(env?: Record<string, string | undefined>): TunnelOptions;
