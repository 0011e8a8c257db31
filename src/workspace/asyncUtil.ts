// Small helpers for the workspace store, kept apart so the store file stays about state.

// IndexedDB's open can wait forever (another tab blocking an upgrade, a wedged profile): better to work in memory
// and say so than to show a spinner for good.
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("it did not answer in time")), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

export function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
