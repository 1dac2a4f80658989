import { readFile } from 'node:fs/promises';
import { configureEmbeddedShop } from '../../catalog/embedded/configure-shop.js';
import { parseShopFile } from '../../catalog/shop-file/parse-shop-file.js';
import { loadConfig } from '../../config.js';
import type { CliIo } from '../cli-io.js';

const USAGE = 'usage: shopvoice shop configure FILE [--keep-demo]   (shop.yaml: name, stores, hours, FAQ; example in examples/shop.yaml)';

/**
 * `shopvoice shop configure FILE`: checks the shop file (every problem with its line, nothing
 * applied) and applies it to the embedded shop in one transaction; demo customers and orders go
 * unless `--keep-demo`.
 */
export async function run(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  const keepDemo = argv.includes('--keep-demo');
  const [file, ...extra] = argv.filter((a) => a !== '--keep-demo');
  if (!file || extra.length > 0) {
    io.err(USAGE);
    return 2;
  }
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) {
    io.err(`shopvoice shop configure: cannot read ${file}`);
    return 1;
  }
  const parsed = parseShopFile(text);
  if (!parsed.ok) {
    for (const p of parsed.problems) io.err(`${file}:${p.line}: ${p.path ? `${p.path}: ` : ''}${p.message}`);
    io.err(`${file}: ${parsed.problems.length} ${parsed.problems.length === 1 ? 'problem' : 'problems'}, nothing changed`);
    return 1;
  }
  const config = loadConfig();
  const report = configureEmbeddedShop(config.dataDir, parsed.shop, { keepDemo });
  io.out(`configured ${parsed.shop.name.de}: ${report.stores} stores, ${report.exceptions} special days, ${report.faq} FAQ answers`);
  io.out(keepDemo ? 'demo customers and orders kept (--keep-demo)' : `demo customers removed: ${report.demoCustomersRemoved}`);
  io.out('next: shopvoice models build (store names and FAQ topics go into the interaction models)');
  return 0;
}
