import { latin1 } from "./bytes";
import { DeviceError } from "./errors";

// A board that reboots (watchdog, machine.reset(), brown-out) ends at its friendly banner and prompt. Real programs
// do not print this exact pair of lines, so seeing it in a program's stdout means the program is gone.
const BANNER_END = /for more information\.\r?\n>>> $/;

/** Watches a running program's stdout for the board's boot banner and aborts the read when it appears. */
export class ResetWatch {
  private tail = "";
  resetSeen = false;

  /** Throws DeviceError("Interrupted") once the banner + prompt has arrived. */
  feed(chunk: Uint8Array): void {
    this.tail = (this.tail + latin1(chunk)).slice(-256);
    if (BANNER_END.test(this.tail)) {
      this.resetSeen = true;
      throw new DeviceError("Interrupted", "The board reset while the program ran");
    }
  }
}
