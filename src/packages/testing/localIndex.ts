/**
 * TEST FIXTURE: a real mip package index on a real node:http server, built at start from the fixture packages in
 * ./fixtures (tiny .py files written for these tests, not micropython-lib's). It lays files out as micropython-lib's
 * tools/build.py does: `{index}/index.json`, `{index}/package/{mpy}/{name}/{version|latest}.json` and
 * `{index}/file/{h[:2]}/{h}` with 8-hex-digit sha256 prefixes. The same .py sources are published under "py" and
 * under bytecode version 6 (there is no mpy-cross here), which the WASM board imports alike.
 *
 * It also serves a STAND-IN for raw.githubusercontent.com under `/raw/{owner}/{repo}/{ref}/{path}` (refs HEAD and
 * v0.3 only), for `github:` packages; `githubFetcher` points those URLs at it.
 *
 * Faults for tests: `tampered` serves other bytes than its hash says; `missing-file` lists a file that answers 404;
 * `evil-path` lists a target path climbing out of lib; `badjson` answers HTML for its JSON; `slow(ms)` delays every
 * answer.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Fetcher } from "../fetcher";

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");

interface FixturePackage {
  name: string;
  version: string;
  description: string;
  deps?: Array<[string, string]>;
  /** Fixture folder (default: the name). */
  folder?: string;
  /** Paths listed in the package JSON instead of the folder's own layout. */
  rename?: Record<string, string>;
  /** Files in the folder that the package lists (default: all). */
  only?: string[];
}

export const FIXTURE_PACKAGES: FixturePackage[] = [
  { name: "greet", version: "1.2.0", description: "Friendly greetings (fixture).", deps: [["textcase", "latest"]] },
  { name: "textcase", version: "0.9", description: "Upper-case helper (fixture)." },
  { name: "sensor", version: "2.0.1", description: "Sensor report that needs greet (fixture).", deps: [["greet", ""]] },
  { name: "weather", version: "0.1", description: "Forecasts, with a flattened copy of textcase (fixture)." },
  { name: "cycle-a", version: "1.0", description: "Depends on cycle-b (fixture).", deps: [["cycle-b", "latest"]] },
  { name: "cycle-b", version: "1.0", description: "Depends on cycle-a (fixture).", deps: [["cycle-a", "latest"]] },
  { name: "tampered", version: "1.0", description: "Its file is altered after hashing (fixture)." },
  { name: "missing-file", version: "1.0", description: "Lists a file the index does not have (fixture)." },
  { name: "evil-path", version: "1.0", description: "Wants to write ../boot.py (fixture).", rename: { "evil.py": "../boot.py" } },
];

const MPY_VERSIONS = ["py", "6"];
const GITHUB_REFS = ["HEAD", "v0.3"];

export interface LocalIndex {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** The index URL to give Mote: http://127.0.0.1:PORT/pi/v2 */
  index: string;
  /** Request paths in arrival order. */
  requests: string[];
  /** Contents by target path of a fixture package, as published. */
  source(pkg: string, target: string): string;
  /** Delays every answer by `ms` (0 to stop). */
  slow(ms: number): void;
  close(): Promise<void>;
}

const short = (data: Uint8Array) => createHash("sha256").update(data).digest("hex").slice(0, 8);

function walk(dir: string, prefix = ""): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    return statSync(full).isDirectory() ? walk(full, rel) : [rel];
  });
}

export async function startLocalIndex(options: { port?: number } = {}): Promise<LocalIndex> {
  const routes = new Map<string, Uint8Array>();
  const sources = new Map<string, string>();
  const put = (p: string, body: Uint8Array | string) => routes.set(p, typeof body === "string" ? new TextEncoder().encode(body) : body);
  const listing: unknown[] = [];
  for (const pkg of FIXTURE_PACKAGES) {
    const folder = path.join(FIXTURES, pkg.folder ?? pkg.name);
    const files = walk(folder).filter((f) => !pkg.only || pkg.only.includes(f));
    const hashes: Array<[string, string]> = [];
    for (const rel of files) {
      const data = new Uint8Array(readFileSync(path.join(folder, rel)));
      sources.set(`${pkg.name}:${rel}`, new TextDecoder().decode(data));
      const h = short(data);
      hashes.push([pkg.rename?.[rel] ?? rel, h]);
      if (pkg.name === "missing-file" && rel === "absent.py") continue;
      put(`/pi/v2/file/${h.slice(0, 2)}/${h}`, pkg.name === "tampered" ? `${new TextDecoder().decode(data)}import os\n` : data);
    }
    const json = JSON.stringify({ v: 1, hashes, deps: pkg.deps ?? [], version: pkg.version });
    for (const mpy of MPY_VERSIONS) {
      put(`/pi/v2/package/${mpy}/${pkg.name}/latest.json`, json);
      put(`/pi/v2/package/${mpy}/${pkg.name}/${pkg.version}.json`, json);
    }
    listing.push({
      name: pkg.name,
      version: pkg.version,
      author: "Mote tests",
      description: pkg.description,
      license: "MIT",
      versions: Object.fromEntries(MPY_VERSIONS.map((m) => [m, [pkg.version]])),
      path: `fixtures/${pkg.name}`,
    });
  }
  put("/pi/v2/index.json", JSON.stringify({ v: 2, updated: 0, packages: listing }, null, 1));
  // Not in the listing: a package whose JSON is an HTML error page, as a captive portal would answer.
  for (const mpy of MPY_VERSIONS) put(`/pi/v2/package/${mpy}/badjson/latest.json`, "<html><body>Please log in</body></html>");
  const github = path.join(FIXTURES, "github-blinky");
  for (const rel of walk(github)) {
    for (const ref of GITHUB_REFS) put(`/raw/mote-tests/blinky/${ref}/${rel}`, new Uint8Array(readFileSync(path.join(github, rel))));
  }

  const requests: string[] = [];
  let delay = 0;
  const server = http.createServer((req, res) => {
    const url = req.url ?? "/";
    requests.push(url);
    const answer = () => {
      const body = routes.get(url);
      if (!body) {
        res.writeHead(404, { "content-type": "text/plain" });
        return res.end("not found");
      }
      res.writeHead(200, { "content-type": url.endsWith(".json") ? "application/json" : "application/octet-stream", "content-length": body.length });
      res.end(body);
    };
    if (delay > 0) setTimeout(answer, delay);
    else answer();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    index: `${origin}/pi/v2`,
    requests,
    source: (pkg, target) => {
      const text = sources.get(`${pkg}:${target}`);
      if (text === undefined) throw new Error(`no fixture ${pkg}:${target}`);
      return text;
    },
    slow: (ms) => void (delay = ms),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * TEST DOUBLE for GitHub: a Fetcher that sends https://raw.githubusercontent.com/... to the local index's stand-in and
 * everything else to `inner` unchanged, so the resolver's github: rules run as they would against GitHub.
 */
export function githubFetcher(inner: Fetcher, local: LocalIndex): Fetcher {
  const raw = "https://raw.githubusercontent.com/";
  return { get: (url, signal) => inner.get(url.startsWith(raw) ? `${local.origin}/raw/${url.slice(raw.length)}` : url, signal) };
}
