/**
 * What a person (or a package's `deps`) asks to install, and mip's URL rules, as pure functions:
 *
 * - `name` or `name@version`: a package of the index, at `{index}/package/{mpy}/{name}/{version}.json` ("latest" when
 *   no version is given).
 * - `github:owner/repo[/path][@ref]`: the repository's `package.json` (or the `.json` named), fetched from
 *   `https://raw.githubusercontent.com/owner/repo/{ref or HEAD}/path`; a path ending in `.py`/`.mpy` is one file.
 * - `https://…` (and `http://…`): the same, without the rewrite; Mote's server decides which hosts it fetches from.
 *
 * A package JSON's `urls` may be relative (to the folder of the JSON, before the rewrite, as mip does) or full
 * (`github:` or http(s)); `github:` URLs are rewritten with the ref of the package that lists them.
 */
import { PackageError } from "./errors";
import { checkPackageName, checkVersion } from "./names";

export const DEFAULT_INDEX = "https://micropython.org/pi/v2";

export type PackageSpec =
  | { kind: "index"; name: string; version: string }
  /** `url` is as mip spells it before the rewrite (github:… or http(s)://…), ending in .json, .py or .mpy. */
  | { kind: "url"; url: string; ref: string | null; single: boolean };

const MAX_SPEC = 300;
const GITHUB_OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const GITHUB_REPO = /^[A-Za-z0-9._-]{1,100}$/;
const URL_PART = /^[A-Za-z0-9._~+-]+$/;
const REF = /^[A-Za-z0-9._/-]{1,100}$/;

const refused = (message: string, hint: string) => new PackageError("Refused", message, hint);
const SPEC_HINT = "Type a package name from the index (umqtt.simple, umqtt.simple@1.4.0) or github:owner/repo[/path][@ref].";

/** Parses what the person typed or a dependency names. */
export function parseSpec(text: string, where = "The package"): PackageSpec {
  const spec = text.trim();
  if (spec === "") throw refused("No package name was given.", SPEC_HINT);
  if (spec.length > MAX_SPEC) throw refused(`${where} name is longer than ${MAX_SPEC} characters.`, SPEC_HINT);
  const at = spec.split("@");
  if (at.length > 2) throw refused(`${where} "${spec.slice(0, 60)}" has more than one "@".`, SPEC_HINT);
  const [body, version] = at as [string, string | undefined];
  if (/^(gitlab|codeberg):/i.test(body)) {
    throw refused(
      `${where} "${body.slice(0, 60)}" is on GitLab or Codeberg, which Mote does not fetch from yet.`,
      "Install it from the index or from github:, or copy its files with Board files.",
    );
  }
  if (body.startsWith("github:") || /^https?:\/\//i.test(body)) {
    const ref = version === undefined ? null : checkRef(version, where);
    if (body.startsWith("github:")) checkGithub(body, where);
    else checkHttpUrl(body, where);
    const single = /\.(py|mpy)$/.test(body);
    const url = single || body.endsWith(".json") ? body : `${body.replace(/\/+$/, "")}/package.json`;
    return { kind: "url", url, ref, single };
  }
  return {
    kind: "index",
    name: checkPackageName(body, where),
    version: version === undefined || version === "" ? "latest" : checkVersion(version, where),
  };
}

/** The name a package is known by in Mote's list: its index name, or its URL without ref and package.json. */
export function specKey(spec: PackageSpec): string {
  if (spec.kind === "index") return spec.name;
  return spec.url.replace(/\/package\.json$/, "");
}

/** `github:` to raw.githubusercontent.com (ref or HEAD); other URLs unchanged. */
export function rewriteUrl(url: string, ref: string | null): string {
  if (!url.startsWith("github:")) return url;
  const [owner, repo, ...rest] = url.slice("github:".length).split("/");
  return `https://raw.githubusercontent.com/${owner}/${repo}/${ref ?? "HEAD"}/${rest.join("/")}`;
}

/**
 * The URL of a file a package JSON lists under `urls`: full (`github:`/http(s)) as given, else relative to the JSON's
 * folder. `..` is refused rather than resolved: a package has no business reaching outside its own folder.
 */
export function fileUrl(listed: unknown, packageJsonUrl: string, where: string): string {
  if (typeof listed !== "string" || listed === "") throw refused(`${where} lists a file without a URL.`, BROKEN_HINT);
  if (listed.length > MAX_SPEC) throw refused(`${where} lists a file URL longer than ${MAX_SPEC} characters.`, BROKEN_HINT);
  if (/^(gitlab|codeberg):/i.test(listed)) {
    throw refused(`${where} fetches a file from GitLab or Codeberg, which Mote does not fetch from yet.`, BROKEN_HINT);
  }
  if (listed.startsWith("github:")) return checkGithub(listed, where);
  if (/^https?:\/\//i.test(listed)) return checkHttpUrl(listed, where);
  const parts = listed.split("/").filter((p) => p !== ".");
  if (parts.some((p) => p === "" || p === ".." || !URL_PART.test(p))) {
    throw refused(`${where} lists the file URL "${listed.slice(0, 60)}", which leaves the package's folder or has odd characters.`, BROKEN_HINT);
  }
  return `${packageJsonUrl.slice(0, packageJsonUrl.lastIndexOf("/"))}/${parts.join("/")}`;
}

const BROKEN_HINT = "This package is broken or unsafe; do not install it. Tell its author if you know them.";

/** The index's base URL as mip uses it: http(s), no trailing slash, no user name, query or fragment. */
export function normalizeIndexUrl(text: string): string {
  const raw = text.trim().replace(/\/+$/, "");
  const hint = `Use the address of a mip index, like ${DEFAULT_INDEX}.`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refused(`"${raw.slice(0, 80)}" is not a web address.`, hint);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw refused("The package index must be an http:// or https:// address.", hint);
  if (url.username || url.password) throw refused("The package index address must not contain a user name or password.", hint);
  if (url.search || url.hash) throw refused("The package index address takes no ?query or #fragment.", hint);
  return raw;
}

export const indexJsonUrl = (index: string) => `${index}/index.json`;
export const packageJsonUrl = (index: string, mpy: string, name: string, version: string) =>
  `${index}/package/${mpy}/${name}/${version}.json`;
export const hashedFileUrl = (index: string, shortHash: string) => `${index}/file/${shortHash.slice(0, 2)}/${shortHash}`;

function checkRef(ref: string, where: string): string {
  if (!REF.test(ref) || ref.includes("..") || ref.includes("//") || ref.startsWith("/") || ref.endsWith("/")) {
    throw refused(`${where} asks for the branch or tag "${ref.slice(0, 60)}", which is not a valid git ref.`, "Leave out @ref to use the default branch.");
  }
  return ref;
}

function checkGithub(url: string, where: string): string {
  const [owner = "", repo = "", ...path] = url.slice("github:".length).split("/");
  const hint = "Write it as github:owner/repo or github:owner/repo/path/to/package.";
  if (!GITHUB_OWNER.test(owner)) throw refused(`${where} "${url.slice(0, 60)}" has no valid GitHub owner.`, hint);
  if (!GITHUB_REPO.test(repo) || repo === "." || repo === "..") throw refused(`${where} "${url.slice(0, 60)}" has no valid repository name.`, hint);
  const trimmed = path.at(-1) === "" ? path.slice(0, -1) : path;
  if (trimmed.some((p) => p === "" || p === "." || p === ".." || !URL_PART.test(p))) {
    throw refused(`${where} "${url.slice(0, 60)}" has a path that leaves the repository or has odd characters.`, hint);
  }
  return url;
}

function checkHttpUrl(url: string, where: string): string {
  const hint = "Use the https:// address of the package's package.json, or a github: name.";
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw refused(`${where} "${url.slice(0, 60)}" is not a valid web address.`, hint);
  }
  if (parsed.username || parsed.password || parsed.search || parsed.hash || /\/\.\.?(\/|$)|%2e|\\/i.test(url)) {
    throw refused(`${where} "${url.slice(0, 60)}" has a user name, query, fragment or \`..\`, which Mote does not fetch.`, hint);
  }
  return url;
}
