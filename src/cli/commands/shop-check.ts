import { checkFailed, checkShop } from '../../catalog/check-shop.js';
import { openConfiguredShop } from '../../catalog/open-shop.js';
import { loadConfig } from '../../config.js';
import type { CliIo } from '../cli-io.js';

/** `shopvoice shop check [--token TOKEN]`: reaches the configured shop and says what works, in plain words. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const at = argv.indexOf('--token');
  const testToken = at >= 0 ? argv[at + 1] : undefined;
  const config = loadConfig();
  io.out(`checking the ${config.shop.settings.kind} shop…`);
  const shop = await openConfiguredShop(config);
  try {
    const lines = await checkShop(shop, testToken ? { testToken } : {});
    for (const line of lines) io.out(line);
    return checkFailed(lines) ? 1 : 0;
  } finally {
    await shop.close?.();
  }
}
