/**
 * Checks for every name that comes from an index, a package's JSON, the board's manifest or the person: package
 * names, versions, file hashes and the paths files are written to. Anything that could climb out of the lib folder,
 * hide a byte the board reads differently, or exhaust memory is refused with a PackageError("Refused") that names it.
 */
import { MAX_NAME_BYTES, toBytes } from "../device/paths";
import { PackageError } from "./errors";

/** The file Mote keeps in the lib folder to remember what it installed (mip itself records nothing). */
export const MANIFEST_NAME = "mote-packages.json";

const MAX_PACKAGE_NAME = 100;
const MAX_VERSION = 64;
const MAX_PATH = 240;

/** micropython-lib names: "umqtt.simple", "aioble-core", "__future__". */
const PACKAGE_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
/** "latest", "0.1", "3.4.2-3", "1.0.0+local". */
const VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;
/** build.py writes 8 hex digits; at least 4 (its own floor), at most a whole sha256. */
const SHORT_HASH = /^[0-9a-f]{4,64}$/;

const show = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);

export function isPackageName(name: unknown): name is string {
  return typeof name === "string" && name.length <= MAX_PACKAGE_NAME && PACKAGE_NAME.test(name) && !name.includes("..");
}

export function checkPackageName(name: unknown, where: string): string {
  if (!isPackageName(name)) {
    throw new PackageError(
      "Refused",
      `${where} names a package ${typeof name === "string" ? show(name) : "without a name"}, which is not a valid package name.`,
      "Package names use letters, digits, '.', '-' and '_'. Check the spelling.",
    );
  }
  return name;
}

export function isVersion(version: unknown): version is string {
  return typeof version === "string" && version.length <= MAX_VERSION && VERSION.test(version) && !version.includes("..");
}

export function checkVersion(version: unknown, where: string): string {
  if (!isVersion(version)) {
    throw new PackageError(
      "Refused",
      `${where} asks for version ${typeof version === "string" ? show(version) : "(none)"}, which is not a valid version.`,
      "Leave the version out to get the latest one.",
    );
  }
  return version;
}

export function checkShortHash(hash: unknown, where: string): string {
  if (typeof hash !== "string" || !SHORT_HASH.test(hash)) {
    throw new PackageError(
      "BadIndex",
      `${where} lists a file hash ${typeof hash === "string" ? show(hash) : "(missing)"} that is not a sha256 prefix.`,
      "The package index is damaged or is not a mip index. Check the index URL.",
    );
  }
  return hash;
}

/**
 * A path inside the lib folder as a package lists it ("umqtt/simple.mpy"). Refused: empty, absolute, `.`/`..`
 * components, backslashes, NUL and other control characters, names over the board's limit, very long paths, and the
 * names Mote itself uses there (its manifest, its transfer temporaries).
 */
export function checkTargetPath(path: unknown, where: string): string {
  const refuse = (why: string): never => {
    throw new PackageError(
      "Refused",
      `${where} would write ${typeof path === "string" ? show(path) : "a file without a name"}: ${why}. Nothing was written.`,
      "This package is broken or unsafe; do not install it. Tell its author if you know them.",
    );
  };
  if (typeof path !== "string" || path.length === 0) return refuse("the path is empty");
  if (path.length > MAX_PATH) return refuse(`the path is longer than ${MAX_PATH} characters`);
  if (path.startsWith("/")) return refuse("the path is absolute, outside the lib folder");
  if (/[\u0000-\u001f\u007f]/.test(path)) return refuse("the path contains a control character");
  if (path.includes("\\")) return refuse("the path contains a backslash");
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(path)) return refuse("the path is not valid text");
  const parts = path.split("/");
  for (const part of parts) {
    if (part === "" || part === "." || part === "..") return refuse("the path climbs out of its folder or has an empty part");
    if (toBytes(part).length > MAX_NAME_BYTES) return refuse(`a name in it is longer than ${MAX_NAME_BYTES} bytes`);
    if (part.startsWith(".mote-")) return refuse("the name is one Mote uses for its own temporary files");
  }
  if (path === MANIFEST_NAME) return refuse("that is the name of Mote's own list of installed packages");
  return path;
}
