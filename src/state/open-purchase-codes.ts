import type { PurchaseCodeStore } from './purchase-code-store.js';

/**
 * The configured purchase code store: in the PostgreSQL state database when `url` is set (many
 * instances), else `purchase-codes.sqlite` in the data folder. Each store's driver is loaded only
 * when it is used (a Lambda bundle on PostgreSQL carries no SQLite).
 *
 * @example const codes = await openPurchaseCodes({ dataDir: config.dataDir, url: config.state.url });
 */
export async function openPurchaseCodes(settings: { dataDir: string; url?: string | undefined; now?: () => Date }): Promise<PurchaseCodeStore> {
  if (settings.url) return (await import('./purchase-code-postgres.js')).openPostgresPurchaseCodes(settings.url, settings.now ? { now: settings.now } : {});
  return (await import('./purchase-code-sqlite.js')).openSqlitePurchaseCodes(settings.dataDir, settings.now ? { now: settings.now } : {});
}
