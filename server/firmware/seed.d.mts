// Types for seed.mjs, so the Playwright fixture (e2e/fixtures/firmwareCache.ts, checked without allowJs) can import it.
export interface SeedBoard {
  id: string;
  firmware?: string[];
  [key: string]: unknown;
}
export interface SeedFile {
  url: string;
  bytes: Uint8Array;
  contentType?: string;
}
export declare function seedCache(
  dir: string,
  seed: { boards: SeedBoard[]; files?: SeedFile[]; fetchedAt?: Date },
): Promise<void>;
export declare function downloadPageHtml(id: string, urls: string[]): string;
