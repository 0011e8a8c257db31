// Types for standalone.mjs, so the package manager's tests in src/ (checked without allowJs) can import it.
export declare function startPackageProxy(options?: {
  listed?: string;
  timeouts?: { headers: number; idle: number; total: number };
}): Promise<{ endpoint: string; close: () => Promise<void> }>;
