import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of the console's pages, scripts and styles. They are plain files (ES modules and
 * CSS, no build step): next to this module in a checkout, `src/console/public` of the package
 * when running the compiled `dist/` (tsc does not copy them).
 */
export function consolePublicDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const beside = join(here, 'public');
  return existsSync(beside) ? beside : resolve(here, '..', '..', 'src', 'console', 'public');
}

/** Chart.js's UMD build from node_modules (the version package.json pins), served as a static file. */
export function chartJsFile(): string {
  return join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');
}
