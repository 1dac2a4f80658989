import { parseArgs } from 'node:util';
import { openConfiguredShop } from '../../catalog/open-shop.js';
import { loadConfig } from '../../config.js';
import { isLocale, languageOf } from '../../domain/turn.js';
import type { CliIo } from '../cli-io.js';

const USAGE = 'usage: shopvoice shop search [--locale de-DE] [--limit 5] [--json] "spoken text"';

/**
 * `shopvoice shop search [--locale de-DE] [--json] "spoken text"`: how the matcher ranks the
 * configured shop's catalog (the shop API when `SHOPVOICE_SHOP_API_URL` is set, as for the server;
 * otherwise the embedded shop) for a spoken text, through the same `findProducts` the skill uses,
 * so a merchant sees why a product is or is not found. With `--json`, exactly one line:
 * `{"query","candidates":[{"id","name","score"}],"decision"}` (names in the locale's language).
 *
 * @example shopvoice shop search --locale de-DE "hafer milch ein liter"
 */
export async function run(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        locale: { type: 'string', default: 'de-DE' },
        limit: { type: 'string', default: '5' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    io.err(`shopvoice shop search: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const query = positionals.join(' ').trim();
  const limit = Number(values.limit);
  if (query === '' || !isLocale(values.locale) || !Number.isInteger(limit) || limit < 1) {
    io.err(`${isLocale(values.locale) ? '' : `unsupported locale "${values.locale}" (de-DE, en-US, en-GB)\n`}${USAGE}`);
    return 2;
  }
  const language = languageOf(values.locale);
  let shop;
  try {
    shop = await openConfiguredShop(loadConfig());
  } catch (err) {
    io.err(`shopvoice shop search: ${(err as Error).message}`);
    return 1;
  }
  try {
    const { decision, candidates } = await shop.findProducts(query, language, { limit });
    const rows = candidates.map((c) => ({ id: c.product.id, name: c.product.name[language], score: c.score }));
    if (values.json) {
      io.out(JSON.stringify({ query, candidates: rows, decision }));
      return 0;
    }
    const meaning = { answer: 'answer with the first', ask: 'ask which one was meant', none: 'nothing found' }[decision];
    io.out(`"${query}" (${values.locale}): ${decision} — ${meaning}`);
    rows.forEach((r, i) => io.out(`  ${String(i + 1).padStart(2)}. ${r.score.toFixed(3)}  ${r.id.padEnd(10)} ${r.name}`));
    return 0;
  } finally {
    await shop.close?.();
  }
}
