import { openConfiguredShop } from '../../catalog/open-shop.js';
import { loadConfig } from '../../config.js';
import type { CliIo } from '../cli-io.js';

const DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];

/** `shopvoice shop show`: what the configured shop says about itself, its stores and FAQ. */
export async function run(_argv: string[], io: CliIo): Promise<number> {
  const config = loadConfig();
  const shop = await openConfiguredShop(config);
  try {
    const info = await shop.shopInfo();
    io.out(`${info.name}${info.names?.en && info.names.en !== info.name ? ` / ${info.names.en}` : ''}`);
    io.out(`  phone ${info.phone}, e-mail ${info.email}, time zone ${info.timeZone}, VAT ${info.vatPercent} %`);
    io.out(`  shipping ${(info.shippingCents / 100).toFixed(2)} €, free from ${(info.freeShippingFromCents / 100).toFixed(2)} €; German address: ${info.addressForm ?? 'du'}`);
    for (const store of await shop.listStores()) {
      const hours = DAYS.map((d, i) => `${d} ${(store.weekly[(i + 1) as 1] ?? []).map((h) => `${h.open}-${h.close}`).join(', ') || 'closed'}`).join('; ');
      io.out(`store ${store.id}${store.id === info.defaultStoreId ? ' (default)' : ''}: ${store.name} (${store.city}, ${store.region}); ${hours}`);
    }
    for (const topic of await shop.faqTopics()) io.out(`FAQ ${topic.id}: ${topic.names.de.join(', ')} / ${topic.names.en.join(', ')}`);
    return 0;
  } finally {
    await shop.close?.();
  }
}
