// `npm run build`'s second step: the compiled CLI (`dist/cli/main.js` and everything it imports from
// `dist/`) as one ES module bundle in `dist/bundle/`, which `bin/shopvoice.js` runs when it is at
// least as new as `dist/cli/main.js`. Node then resolves and reads a handful of files at start-up
// instead of about 140 (bench/NOTES.md, "What a cold start is made of now").
//
//   node scripts/bundle-server.mjs [--out DIR]
//
// - Packages stay outside (node_modules is loaded as before, native addons included).
// - What dist/ loads by dynamic import (express, the console, the simulator, the stores, the shop
//   adapters) becomes a chunk of its own, loaded only when first needed, as before.
// - Every output lies in the one folder, and each module sees `import.meta.url` as if it still lay
//   at its place in dist/: the locales, the interaction models, the Shopify queries, the console's
//   assets and the turn-event worker are found where they always were.
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_OUT_DIR = join(ROOT, 'dist', 'bundle');
const DIST = join(ROOT, 'dist');

/** `import.meta.url` of a dist/ module, written as a URL relative to the bundle's folder. */
function importMetaAtDistPlace(outDir) {
  return {
    name: 'import-meta-at-dist-place',
    setup(bundler) {
      bundler.onLoad({ filter: /\/dist\/.*\.js$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const place = relative(outDir, args.path).split('\\').join('/');
        return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(place)}, import.meta.url).href`), loader: 'js' };
      });
    },
  };
}

/**
 * Bundles `dist/cli/main.js` into `<outDir>/main.js` (its chunks beside it).
 *
 * @example await bundleServer(); // dist/bundle/main.js
 * @returns the entry's path, every output file and esbuild's metafile
 */
export async function bundleServer({ outDir = DEFAULT_OUT_DIR } = {}) {
  const entry = join(DIST, 'cli', 'main.js');
  if (!existsSync(entry)) throw new Error(`${relative(ROOT, entry)} is missing: run tsc -p tsconfig.build.json first`);
  await rm(outDir, { recursive: true, force: true });
  const result = await build({
    entryPoints: { main: entry },
    outdir: outDir,
    chunkNames: '[name]-[hash]',
    splitting: true,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    metafile: true,
    logLevel: 'warning',
    plugins: [importMetaAtDistPlace(outDir)],
  });
  return { file: join(outDir, 'main.js'), files: Object.keys(result.metafile.outputs).map((path) => resolve(ROOT, path)), metafile: result.metafile };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  const { files } = await bundleServer(at > 0 ? { outDir: resolve(process.argv[at + 1]) } : {});
  console.log(`bundled dist/cli/main.js into ${relative(ROOT, dirname(files[0]))}/ (${files.length} files)`);
}
