// `serve()` as `shopvoice serve` runs it, over a shop whose store list takes SLOW_SHOP_MS to
// answer, so the drain test can hold a real request in flight. Prints `SLOW-CALL` when the slow
// call starts, `SLOW-DONE` when it has answered, and `LISTENING` once the server listens. Test-only: never imported by the app.
import { loadConfig } from '../../src/config.js';
import type { Commerce } from '../../src/catalog/commerce.js';
import { serve } from '../../src/server/main.js';
import { FaultPlan } from './faulty-shop.js';

const faults = new FaultPlan().set('listStores', { delayMs: Number(process.env.SLOW_SHOP_MS ?? 1500) });

function slowShop(shop: Commerce): Commerce {
  const wrapped = faults.wrap(shop);
  return {
    ...wrapped,
    listStores: async () => {
      process.stdout.write('SLOW-CALL\n');
      const stores = await wrapped.listStores();
      process.stdout.write('SLOW-DONE\n');
      return stores;
    },
  };
}

await serve(loadConfig(), (line) => process.stdout.write(line + '\n'), { decorateShop: slowShop });
process.stdout.write('LISTENING\n');
