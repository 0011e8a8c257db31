/**
 * Every failure of the package manager has one of these codes, a message that names what failed (the package, the
 * file, the URL) and a hint that says what to do next. Board failures stay DeviceErrors (src/device/errors.ts).
 */
export type PackageErrorCode =
  | "NotFound" // the index has no such package (or not at that version / mpy version)
  | "FileMissing" // a file the package lists is not on the index (404)
  | "HashMismatch" // a downloaded file does not match the index's sha256: nothing was written
  | "Timeout" // the index (or Mote's server) did not answer in time
  | "BadIndex" // index.json or a package's JSON is not what mip reads (bad JSON, wrong shape)
  | "Network" // Mote's server could not reach the index, or the index failed
  | "Refused" // an unsafe name, path or URL (from the index, a package or the person), or one the server will not fetch
  | "TooLarge" // more files, dependencies or bytes than any real package has
  | "Conflict" // two packages of one install want different contents at the same path
  | "NoFolders" // the board's filesystem is flat (micro:bit): there is no lib folder to install into
  | "Cancelled"; // the person pressed Cancel

export class PackageError extends Error {
  override readonly name = "PackageError";
  constructor(
    readonly code: PackageErrorCode,
    message: string,
    readonly hint: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

export function isPackageError(e: unknown, code?: PackageErrorCode): e is PackageError {
  return e instanceof PackageError && (code === undefined || e.code === code);
}
