import type { ShopFile } from '../shop-file/parse-shop-file.js';
import { shopInfoOf } from '../shop-file/to-port-shop-file.js';
import { seedCustomers } from './seed/customers.js';
import { openShopDatabase } from './shop-database.js';

/** What `configureEmbeddedShop` changed, for the CLI's report. */
export interface ConfigureReport {
  stores: number;
  exceptions: number;
  faq: number;
  /** Demo customers removed with their orders (0 with `keepDemo`). */
  demoCustomersRemoved: number;
}

/**
 * Makes the embedded shop the merchant's: shop info, stores with their hours and dated
 * exceptions, and FAQ answers from a checked shop file, in one transaction (all or nothing).
 * The demo customers and their orders go unless `keepDemo` keeps them for trials. Products stay
 * (they come from `shop import`). A running server sees the change on its next turn (the shop
 * reads again when another connection has written: `PRAGMA data_version`).
 *
 * @example
 *   const parsed = parseShopFile(text);
 *   if (parsed.ok) configureEmbeddedShop(config.dataDir, parsed.shop, { keepDemo: false });
 */
export function configureEmbeddedShop(dataDir: string, shop: ShopFile, options: { keepDemo?: boolean } = {}): ConfigureReport {
  const db = openShopDatabase(dataDir);
  try {
    return db.transaction((): ConfigureReport => {
      const info = shopInfoOf(shop);
      db.prepare(`INSERT INTO settings (key, value) VALUES ('shop_info', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(JSON.stringify(info));

      for (const table of ['store_exceptions', 'store_hours', 'stores', 'faq_topics']) db.prepare(`DELETE FROM ${table}`).run();
      const store = db.prepare('INSERT INTO stores (id, position, name, city, region, time_zone, aliases, name_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      const hours = db.prepare('INSERT INTO store_hours (store_id, weekday, open, close) VALUES (?, ?, ?, ?)');
      const exception = db.prepare('INSERT INTO store_exceptions (store_id, date, yearly, intervals, reason_de, reason_en) VALUES (?, ?, NULL, ?, ?, ?)');
      let exceptions = 0;
      shop.stores.forEach((s, position) => {
        store.run(s.id, position, s.name.de, s.city, s.region, shop.timeZone, JSON.stringify(s.aliases), s.name.en === s.name.de ? null : s.name.en);
        for (const [weekday, intervals] of Object.entries(s.weekly)) {
          for (const interval of intervals ?? []) hours.run(s.id, Number(weekday), interval.open, interval.close);
        }
        for (const e of s.exceptions) {
          exception.run(s.id, e.date, JSON.stringify(e.intervals), e.reason.de, e.reason.en);
          exceptions += 1;
        }
      });
      const faq = db.prepare('INSERT INTO faq_topics (id, position, names_de, names_en, answer_de, answer_en) VALUES (?, ?, ?, ?, ?, ?)');
      shop.faq.forEach((f, position) => faq.run(f.id, position, JSON.stringify(f.names.de), JSON.stringify(f.names.en), f.answer.de, f.answer.en));

      let demoCustomersRemoved = 0;
      if (!options.keepDemo) {
        const ids = seedCustomers.map((c) => c.id);
        const marks = ids.map(() => '?').join(', ');
        db.prepare(`DELETE FROM order_lines WHERE order_number IN (SELECT number FROM orders WHERE customer_id IN (${marks}))`).run(...ids);
        db.prepare(`DELETE FROM orders WHERE customer_id IN (${marks})`).run(...ids);
        demoCustomersRemoved = db.prepare(`DELETE FROM customers WHERE id IN (${marks})`).run(...ids).changes;
      }
      return { stores: shop.stores.length, exceptions, faq: shop.faq.length, demoCustomersRemoved };
    }).immediate();
  } finally {
    db.close();
  }
}
