// `npm run build:lambda`: one esbuild bundle per Lambda handler, `deploy/build/<platform>/index.mjs`
// (handler `index.handler`), with the files the code reads at run time copied beside it. Each
// bundle holds only what its handler reaches from `src/server/lambda.ts`; SQLite (the embedded
// demo shop, the default state store) is replaced by a stub that names the setting to use
// instead, since a Lambda deployment keeps its state in PostgreSQL (deploy/README.md).
//
//   node scripts/bundle-lambda.mjs [--out DIR] [--shop-file shop.yaml] [alexa|google …]
//
// `--shop-file` copies the merchant's shop file into each bundle as `shop.yaml` (the template's
// ShopFile parameter then points SHOPVOICE_SHOP_FILE at it).
import { cp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_OUT_DIR = join(ROOT, 'deploy', 'build');

/** The export of `src/server/lambda.ts` each bundle serves as `index.handler`. */
export const HANDLERS = { alexa: 'alexaHandler', google: 'googleHandler' };

/**
 * Packages no bundle may contain: the Dialogflow library and the googleapis it loads, express
 * (the Lambda handlers serve no other route), and better-sqlite3 (a native addon built for the
 * build machine, not for Lambda's; its store is replaced by PostgreSQL there).
 */
export const EXCLUDED_PACKAGES = ['actions-on-google', 'googleapis', 'express', 'better-sqlite3'];

/** Read at run time relative to the module that reads them (`import.meta.url`), copied beside the bundle. */
export const RUNTIME_FILES = ['locales', 'src/catalog/shopify/queries'];

/** Modules that open SQLite (on Lambda every store is in PostgreSQL), and what the bundle has instead. */
const SQLITE_STUBS = {
  'src/state/sqlite-state-store.ts':
    "export async function openSqliteStateStore() { throw new Error('The Lambda bundle has no SQLite state store: set SHOPVOICE_STATE_URL=postgres://… (deploy/README.md)'); }",
  'src/state/purchase-code-sqlite.ts':
    "export async function openSqlitePurchaseCodes() { throw new Error('The Lambda bundle keeps purchase codes in PostgreSQL only: set SHOPVOICE_STATE_URL=postgres://… (deploy/README.md)'); }",
  'src/notifications/outbox-sqlite.ts':
    "export function openSqliteOutbox() { throw new Error('The Lambda bundle keeps the notification outbox in PostgreSQL only: set SHOPVOICE_STATE_URL=postgres://… (deploy/README.md)'); }",
  'src/account-linking/link-store-sqlite.ts':
    "export function openSqliteLinkStore() { throw new Error('The Lambda bundle keeps account links in PostgreSQL only: set SHOPVOICE_STATE_URL=postgres://… (deploy/README.md)'); }",
  'src/catalog/embedded/embedded-shop.ts':
    "export async function openEmbeddedShop() { throw new Error('The Lambda bundle has no embedded demo shop (it runs on SQLite): set SHOPVOICE_SHOP_API_URL and SHOPVOICE_SHOP_API_TOKEN, or SHOPVOICE_SHOP=shopware|shopify (deploy/README.md)'); }",
};

// CommonJS packages inside an ES module bundle still call require() and read __dirname.
const BANNER = [
  "import { createRequire as __bundleRequire } from 'node:module';",
  "import { fileURLToPath as __bundlePath } from 'node:url';",
  "import { dirname as __bundleDir } from 'node:path';",
  'const require = __bundleRequire(import.meta.url);',
  'const __filename = __bundlePath(import.meta.url);',
  'const __dirname = __bundleDir(__filename);',
].join('\n');

/** Replaces the SQLite modules by their stubs. */
const withoutSqlite = {
  name: 'without-sqlite',
  setup(bundler) {
    bundler.onLoad({ filter: /\/src\/.*\.ts$/ }, async (args) => {
      const stub = SQLITE_STUBS[relative(ROOT, args.path)];
      return stub === undefined ? undefined : { contents: stub, loader: 'ts' };
    });
  },
};

/**
 * Each source module sees `import.meta.url` as if it still lay at its place in the repository,
 * relative to the bundle: `locales/` two folders above `src/i18n/i18n.ts` is then
 * `<bundle folder>/locales/`, where RUNTIME_FILES are copied.
 */
const importMetaAtSourcePlace = {
  name: 'import-meta-at-source-place',
  setup(bundler) {
    bundler.onLoad({ filter: /\/src\/.*\.ts$/ }, async (args) => {
      const place = relative(ROOT, args.path);
      if (SQLITE_STUBS[place] !== undefined) return undefined;
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const url = `new URL(${JSON.stringify(`./${place}`)}, import.meta.url).href`;
      return { contents: text.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

/**
 * Bundles one handler into `<outDir>/<platform>/index.mjs` and copies its run-time files.
 *
 * @example const { bytes, packages } = await bundleLambda('alexa');
 * @returns the entry's path and size, every output file (the entry and the chunks it loads on
 *   demand), their total size and gzip size (about what the zip upload weighs), the packages
 *   they contain (with their bytes of output) and esbuild's metafile.
 */
export async function bundleLambda(platform, { outDir = DEFAULT_OUT_DIR, shopFile } = {}) {
  const handler = HANDLERS[platform];
  if (!handler) throw new Error(`no Lambda handler for "${platform}" (one of ${Object.keys(HANDLERS).join(', ')})`);
  const dir = join(outDir, platform);
  await rm(dir, { recursive: true, force: true });
  const outfile = join(dir, 'index.mjs');
  const result = await build({
    // What src/ loads by dynamic import (date-holidays with its time-zone data, the shop-file
    // parser, the Shopware and Shopify clients, pg) becomes a chunk of its own, read only when a
    // turn first needs it: the cold start parses index.mjs alone.
    splitting: true,
    outdir: dir,
    entryNames: 'index',
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    absWorkingDir: ROOT,
    stdin: { contents: `export { ${handler} as handler } from './src/server/lambda.ts';`, resolveDir: ROOT, loader: 'ts', sourcefile: `lambda-${platform}.ts` },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Whitespace and syntax only: stack traces in CloudWatch keep their function names.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'external',
    banner: { js: BANNER },
    metafile: true,
    logLevel: 'warning',
    plugins: [withoutSqlite, importMetaAtSourcePlace],
  });
  for (const path of RUNTIME_FILES) await cp(join(ROOT, path), join(dir, path), { recursive: true });
  if (shopFile) await cp(shopFile, join(dir, 'shop.yaml'));
  await writeFile(join(outDir, `${platform}.meta.json`), JSON.stringify(result.metafile));
  const files = Object.keys(result.metafile.outputs).filter((path) => path.endsWith('.mjs')).map((path) => resolve(ROOT, path));
  const codes = await Promise.all(files.map((file) => readFile(file)));
  return {
    platform,
    file: outfile,
    files,
    bytes: (await stat(outfile)).size,
    totalBytes: codes.reduce((sum, code) => sum + code.length, 0),
    gzipBytes: codes.reduce((sum, code) => sum + gzipSync(code).length, 0),
    packages: packagesOf(result.metafile),
    metafile: result.metafile,
  };
}

/**
 * The npm packages with code in a metafile's output, with the bytes each left in it, largest
 * first. (The metafile's `inputs` also list modules read and then shaken out entirely.)
 *
 * @example packagesOf(metafile).map((p) => p.name) // ['date-holidays', 'moment-timezone', …]
 */
export function packagesOf(metafile) {
  const bytes = new Map();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, input] of Object.entries(output.inputs)) {
      const name = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];
      if (name && input.bytesInOutput > 0) bytes.set(name, (bytes.get(name) ?? 0) + input.bytesInOutput);
    }
  }
  return [...bytes].map(([name, size]) => ({ name, bytes: size })).sort((a, b) => b.bytes - a.bytes);
}

const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;

async function main(args) {
  let outDir = DEFAULT_OUT_DIR;
  let shopFile;
  const named = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--out') outDir = resolve(args[++i]);
    else if (args[i] === '--shop-file') shopFile = resolve(args[++i]);
    else named.push(args[i]);
  }
  const platforms = named.length > 0 ? named : Object.keys(HANDLERS);
  await mkdir(outDir, { recursive: true });
  for (const platform of platforms) {
    const started = process.hrtime.bigint();
    const bundle = await bundleLambda(platform, { outDir, shopFile });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const largest = bundle.packages.slice(0, 5).map((p) => `${p.name} ${kib(p.bytes)}`).join(', ');
    console.log(`${platform}: ${relative(process.cwd(), bundle.file)} ${kib(bundle.bytes)}, with the chunks it loads on demand ${kib(bundle.totalBytes)} (gzip ${kib(bundle.gzipBytes)}), ${bundle.packages.length} packages, built in ${ms.toFixed(0)} ms; largest packages: ${largest}`);
    const excluded = bundle.packages.filter((p) => EXCLUDED_PACKAGES.includes(p.name));
    if (excluded.length > 0) throw new Error(`the ${platform} bundle contains ${excluded.map((p) => p.name).join(', ')}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`build:lambda: ${error.message}`);
    process.exit(1);
  });
}
