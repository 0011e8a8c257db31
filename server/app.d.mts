// Types for app.mjs, so tests under src/ (checked without allowJs) can start the real server.
import type http from "node:http";

export declare function createApp(options: { root: string; router?: unknown }): http.RequestListener;
export declare function startServer(options: {
  root: string;
  host?: string;
  port?: number;
  strictPort?: boolean;
  maxTries?: number;
  router?: unknown;
}): Promise<{ server: http.Server; port: number; url: string; close: () => Promise<void> }>;
export declare function displayHost(host: string): string;
