// Types of scripts/bundle-server.mjs for the TypeScript callers (test/server).
export const ROOT: string;
export const DEFAULT_OUT_DIR: string;
/** Bundles `dist/cli/main.js` into `<outDir>/main.js` (its chunks beside it). */
export function bundleServer(options?: { outDir?: string }): Promise<{ file: string; files: string[]; metafile: Metafile }>;
/** What the tests read of esbuild's metafile: each output's imports, static or dynamic. */
export interface Metafile {
  outputs: Record<string, { entryPoint?: string; imports: Array<{ path: string; kind: string; external?: boolean }> }>;
}
