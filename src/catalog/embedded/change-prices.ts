import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/**
 * Sets prices of products in the embedded shop at `<dataDir>/shop.sqlite` and moves the catalog
 * version, as an import would: what a merchant's price change looks like to a running server.
 * The simulator's scripts use it (`shopPrices:`) to change a price between a read-back and "ja".
 *
 * @example changePrices(dataDir, { 'P-1001': 199 });
 */
export function changePrices(dataDir: string, prices: Record<string, number>): void {
  const db = new BetterSqlite3(join(dataDir, 'shop.sqlite'));
  try {
    db.pragma('busy_timeout = 5000');
    db.transaction(() => {
      const set = db.prepare('UPDATE products SET price_cents = ? WHERE id = ?');
      for (const [id, cents] of Object.entries(prices)) {
        if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError(`price of ${id} must be whole cents`);
        if (set.run(cents, id).changes !== 1) throw new Error(`the demo shop has no product ${id}`);
      }
      db.prepare(`UPDATE settings SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'catalog_version'`).run();
    }).immediate();
  } finally {
    db.close();
  }
}
