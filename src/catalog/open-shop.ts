import type { Config } from '../config.js';
import type { Commerce } from './commerce.js';
import { createHttpCommerce } from './http/http-commerce.js';
import { createShopifyCommerce, createShopwareCommerce } from './shop-adapters.js';
import type { CustomerContextResolver } from './shopware/shopware-commerce.js';

/**
 * Opens the catalog the configuration names: the merchant's shop API when
 * `SHOPVOICE_SHOP_API_URL` is set (its token is then required), otherwise the embedded demo
 * shop in the data folder. The server and the CLI open the shop through this one choice.
 *
 * @example
 *   const shop = await openConfiguredShop(loadConfig());
 *   try { await shop.findProducts('hafermilch', 'de'); } finally { await shop.close?.(); }
 */
export async function openConfiguredShop(config: Config, seams: { resolveCustomerContext?: CustomerContextResolver } = {}): Promise<Commerce> {
  const { settings } = config.shop;
  if (settings.kind === 'shopware') {
    // Shopware customers link through shopvoice's account-linking pages (src/account-linking/,
    // docs/connect-shopware.md), which the server hands in; without them no token maps to a customer.
    return createShopwareCommerce(settings, { resolveCustomerContext: seams.resolveCustomerContext ?? (async () => undefined) });
  }
  if (settings.kind === 'shopify') return createShopifyCommerce(settings);
  if (!config.shop.apiUrl) {
    // Loaded only when used: a hosted shop (and the Lambda bundles, deploy/README.md) never reaches SQLite.
    const { openEmbeddedShop } = await import('./embedded/embedded-shop.js');
    return openEmbeddedShop({ dataDir: config.dataDir });
  }
  if (!config.shop.apiToken) {
    throw new Error('SHOPVOICE_SHOP_API_URL is set: set SHOPVOICE_SHOP_API_TOKEN too (the bearer token the shop API expects)');
  }
  return createHttpCommerce({ baseUrl: config.shop.apiUrl, token: config.shop.apiToken, timeoutMs: config.shop.timeoutMs });
}
