/**
 * How the package manager gets bytes from an index: through Mote's own server (`/api/mip/fetch?url=`), because the
 * page may only talk to its own origin. Every request has a timeout and follows the caller's AbortSignal; failures
 * are `FetchFailure`s with a kind the resolver turns into words that fit what was being fetched.
 */
export type FetchFailureKind = "missing" | "timeout" | "refused" | "tooLarge" | "network" | "cancelled";

export class FetchFailure extends Error {
  override readonly name = "FetchFailure";
  constructor(
    readonly kind: FetchFailureKind,
    message: string,
    /** What to do next, when the server said. */
    readonly hint?: string,
  ) {
    super(message);
  }
}

export interface Fetcher {
  /** The body of `url` (an absolute http(s) URL), or a FetchFailure. */
  get(url: string, signal?: AbortSignal): Promise<Uint8Array>;
}

export interface ProxyFetcherOptions {
  /** Where Mote's server answers; absolute in Node ("http://127.0.0.1:5173/api/mip/fetch"). */
  endpoint?: string;
  fetch?: typeof fetch;
  /** Per request, headers and body together. The server has its own, longer, timeouts. */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

export function createProxyFetcher(options: ProxyFetcherOptions = {}): Fetcher {
  const endpoint = options.endpoint ?? "/api/mip/fetch";
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  return {
    async get(url, signal) {
      if (signal?.aborted) throw new FetchFailure("cancelled", "Cancelled.");
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
      const onAbort = () => controller.abort();
      signal?.addEventListener("abort", onAbort, { once: true });
      try {
        const response = await doFetch(`${endpoint}?url=${encodeURIComponent(url)}`, { signal: controller.signal, cache: "no-store" });
        if (response.ok) return new Uint8Array(await response.arrayBuffer());
        const { error, hint } = await errorBody(response);
        const kind: FetchFailureKind =
          response.status === 404 ? "missing"
          : response.status === 504 ? "timeout"
          : response.status === 400 ? "refused"
          : response.status === 413 ? "tooLarge"
          : "network";
        throw new FetchFailure(kind, error ?? `Mote's server answered HTTP ${response.status} for ${url}.`, hint);
      } catch (error) {
        if (error instanceof FetchFailure) throw error;
        if (timedOut) throw new FetchFailure("timeout", `No answer for ${url} within ${Math.round(timeoutMs / 100) / 10} s.`);
        if (signal?.aborted) throw new FetchFailure("cancelled", "Cancelled.");
        const why = error instanceof Error ? error.message : String(error);
        throw new FetchFailure("network", `Mote's server did not answer (${why}).`, "Check that Mote is still running (npm start), then try again.");
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      }
    },
  };
}

async function errorBody(response: Response): Promise<{ error?: string; hint?: string }> {
  try {
    const body = (await response.json()) as unknown;
    if (typeof body !== "object" || body === null) return {};
    const { error, hint } = body as { error?: unknown; hint?: unknown };
    // Shown as text to the person; cut so a hostile answer cannot fill the dialog.
    return {
      error: typeof error === "string" ? error.slice(0, 400) : undefined,
      hint: typeof hint === "string" ? hint.slice(0, 400) : undefined,
    };
  } catch {
    return {};
  }
}
