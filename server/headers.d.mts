// Types for headers.mjs, so vite.config.ts can share the exact same headers under `strict`.
export declare const CSP_DIRECTIVES: readonly string[];
export declare const CONTENT_SECURITY_POLICY: string;
export declare const ISOLATION_HEADERS: Readonly<Record<string, string>>;
export declare const SECURITY_HEADERS: Readonly<Record<string, string>>;
