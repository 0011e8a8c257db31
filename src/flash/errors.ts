/**
 * Every failure a flashing path reports has one of these codes; the UI turns a code into words and a next step in one
 * place (the flashing dialog). `hint` carries the board-specific "what to do now" when the flasher knows it best.
 */
export type FlashErrorCode =
  | "NoResponse" // the chip/bootloader did not answer (ESP: not in download mode; DFU: no reply)
  | "WrongChip" // the image was built for another chip / UF2 family / board than the one connected
  | "BadImage" // the file is not a valid image of its kind (magic, CRC, container structure)
  | "VerifyFailed" // what the board holds after writing differs from the image (MD5, read-back)
  | "Disconnected" // the port / USB device / drive went away mid-operation
  | "Cancelled" // the person cancelled
  | "Timeout" // a bounded wait ran out
  | "Unsupported" // this browser or board cannot do it (no WebUSB, no showDirectoryPicker...)
  | "Network" // the firmware catalog or file could not be fetched
  | "DeviceError"; // the bootloader reported an error status

export class FlashError extends Error {
  override readonly name = "FlashError";
  constructor(
    readonly code: FlashErrorCode,
    message: string,
    readonly hint?: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

export function isFlashError(e: unknown, code?: FlashErrorCode): e is FlashError {
  return e instanceof FlashError && (code === undefined || e.code === code);
}
