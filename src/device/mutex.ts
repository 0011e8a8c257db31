import { DeviceError } from "./errors";

/** One operation at a time per board. Waiters queue in order; `tryLock` refuses instead of queueing. */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();
  // Counted synchronously, so an operation started in the same tick as another already sees the board taken.
  private users = 0;

  get locked(): boolean {
    return this.users > 0;
  }

  async lock<T>(fn: () => Promise<T>): Promise<T> {
    this.users++;
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((r) => (release = r));
    try {
      await previous;
      return await fn();
    } finally {
      this.users--;
      release();
    }
  }

  /** Run now or fail with Busy: for user actions that must not silently queue behind a long transfer. */
  tryLock<T>(fn: () => Promise<T>, what: string): Promise<T> {
    if (this.users > 0) return Promise.reject(new DeviceError("Busy", `The board is busy; ${what} was not started`));
    return this.lock(fn);
  }
}
