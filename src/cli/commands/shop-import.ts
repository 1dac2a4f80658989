import { openEmbeddedShop } from '../../catalog/embedded/embedded-shop.js';
import { formatRowError, parseCatalogFile } from '../../catalog/embedded/import-catalog.js';
import { loadConfig } from '../../config.js';
import type { CliIo } from '../cli-io.js';

const USAGE = 'usage: shopvoice shop import FILE   (a .csv, .tsv or .json catalog: UTF-8 or Windows-1252; format in the README)';

/**
 * `shopvoice shop import FILE`: replaces the embedded shop's products with the file's, in one
 * transaction. Any bad row → every error printed, exit 1, nothing changed.
 */
export async function run(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  const [file, ...extra] = argv;
  if (!file || extra.length > 0) {
    io.err(USAGE);
    return 2;
  }
  let parsed;
  try {
    parsed = await parseCatalogFile(file);
  } catch (err) {
    io.err(`shopvoice shop import: ${file}: ${(err as Error).message}`);
    return 1;
  }
  if (parsed.encoding === 'windows-1252') io.err(`${file}: read as Windows-1252 (what Excel saves as plain CSV); save as "CSV UTF-8" to skip this guess`);
  if (parsed.errors.length > 0) {
    for (const error of parsed.errors) io.err(formatRowError(error));
    const count = parsed.errors.length;
    io.err(`${file}: ${count} ${count === 1 ? 'error' : 'errors'}, nothing imported`);
    return 1;
  }
  const config = loadConfig();
  const shop = await openEmbeddedShop({ dataDir: config.dataDir });
  try {
    const { count } = await shop.replaceProducts(parsed.products);
    for (const warning of parsed.warnings) io.err(`warning: ${formatRowError(warning)}`);
    const warned = parsed.warnings.length;
    io.out(`imported ${count} products${warned > 0 ? ` (${warned} ${warned === 1 ? 'value looks' : 'values look'} wrong: see the warnings above)` : ''}`);
    return 0;
  } finally {
    await shop.close();
  }
}
