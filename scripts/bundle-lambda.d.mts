// Types of scripts/bundle-lambda.mjs for the TypeScript callers (test/deploy, bench/lib).
export interface Metafile {
  inputs: Record<string, { bytes: number }>;
  outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }>;
}
export interface LambdaBundle {
  platform: string;
  /** index.mjs */
  file: string;
  /** index.mjs and its chunks */
  files: string[];
  bytes: number;
  totalBytes: number;
  gzipBytes: number;
  packages: Array<{ name: string; bytes: number }>;
  metafile: Metafile;
}
export const ROOT: string;
export const DEFAULT_OUT_DIR: string;
export const HANDLERS: { alexa: string; google: string };
export const EXCLUDED_PACKAGES: string[];
export const RUNTIME_FILES: string[];
export function bundleLambda(platform: 'alexa' | 'google', options?: { outDir?: string; shopFile?: string }): Promise<LambdaBundle>;
export function packagesOf(metafile: Metafile): Array<{ name: string; bytes: number }>;
