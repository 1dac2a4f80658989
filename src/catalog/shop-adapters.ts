import { readFileSync } from 'node:fs';
import type { ShopSettings } from '../config.js';
import type { Commerce } from './commerce.js';
import type { ShopFile } from './shopware/shop-file.js';
import type { CustomerContextResolver } from './shopware/shopware-commerce.js';

// The adapters, their official clients and the YAML parser are imported when a hosted shop is
// opened: reading the settings must not cost an embedded shop's cold start anything.

/**
 * Reads a shop file (JSON, or YAML by its extension) in the port's own types: `info` (ShopInfo),
 * `stores` (Store[]), optional `exceptions`, and `faq` (FaqTopic with `answer` per language).
 */
export async function readShopFile(path: string): Promise<ShopFile> {
  const text = readFileSync(path, 'utf8');
  if (/\.ya?ml$/i.test(path)) {
    // The merchant's shop.yaml (examples/shop.yaml): checked with every problem's line.
    const { parseShopFile } = await import('./shop-file/parse-shop-file.js');
    const { toPortShopFile } = await import('./shop-file/to-port-shop-file.js');
    const parsed = parseShopFile(text);
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${path}:${p.line}: ${p.path ? `${p.path}: ` : ''}${p.message}`).join('\n'));
    return toPortShopFile(parsed.shop);
  }
  const data = JSON.parse(text) as Partial<ShopFile> | null;
  const problems: string[] = [];
  if (!data?.info?.name) problems.push('info.name');
  if (!Array.isArray(data?.stores)) problems.push('stores');
  if (!Array.isArray(data?.faq)) problems.push('faq');
  if (problems.length) throw new Error(`${path}: the shop file needs ${problems.join(', ')}`);
  return data as ShopFile;
}

/** The Shopware adapter the settings describe; account linking supplies the customer contexts. */
export async function createShopwareCommerce(
  settings: ShopSettings,
  seams: { resolveCustomerContext: CustomerContextResolver; shopFile?: ShopFile },
): Promise<Commerce> {
  if (!settings.shopware) throw new Error('createShopwareCommerce needs settings of SHOPVOICE_SHOP=shopware');
  const { url, accessKey, languageIds, browserlessPaymentMethods, faqPages } = settings.shopware;
  const { createShopwareCommerce: shopwareAdapter } = await import('./shopware/shopware-commerce.js');
  return shopwareAdapter({
    shopUrl: url,
    accessKey,
    shopFile: seams.shopFile ?? await readShopFile(settings.shopFilePath!),
    resolveCustomerContext: seams.resolveCustomerContext,
    timeoutMs: settings.timeoutMs,
    ...(browserlessPaymentMethods ? { browserlessPaymentMethods } : {}),
    ...(languageIds ? { languageIds } : {}),
    ...(faqPages ? { faqPages } : {}),
  });
}

/** The Shopify adapter the settings describe; customers link their Shopify customer account. */
export async function createShopifyCommerce(settings: ShopSettings, seams: { shopFile?: ShopFile; fetch?: typeof fetch } = {}): Promise<Commerce> {
  if (!settings.shopify) throw new Error('createShopifyCommerce needs settings of SHOPVOICE_SHOP=shopify');
  const { createShopifyCommerce: shopifyAdapter } = await import('./shopify/shopify-commerce.js');
  return shopifyAdapter({
    ...settings.shopify,
    shopFile: seams.shopFile ?? await readShopFile(settings.shopFilePath!),
    timeoutMs: settings.timeoutMs,
    ...(seams.fetch ? { fetch: seams.fetch } : {}),
  });
}
