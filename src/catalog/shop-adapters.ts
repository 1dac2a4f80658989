import { readFileSync } from 'node:fs';
import type { Commerce } from './commerce.js';
import type { ShopFile } from './shopware/shop-file.js';
import type { CustomerContextResolver } from './shopware/shopware-commerce.js';

// The adapters, their official clients and the YAML parser are imported when a hosted shop is
// opened: reading the settings must not cost an embedded shop's cold start anything.

export type ShopKind = 'embedded' | 'http' | 'shopware' | 'shopify';

/** Which shop serves the catalog, and each hosted shop's settings, as the environment names them. */
export interface ShopSettings {
  kind: ShopKind;
  /** Per-call timeout in ms (`SHOPVOICE_SHOP_TIMEOUT_MS`). */
  timeoutMs: number;
  /** The merchant's shop file: name, rules, stores, hours, FAQ (`SHOPVOICE_SHOP_FILE`, JSON or YAML). */
  shopFilePath?: string;
  shopware?: {
    url: string;
    accessKey: string;
    languageIds?: { de?: string; en?: string };
    /** Unset: the adapter's default (invoice, prepayment, cash on delivery, SEPA direct debit). */
    browserlessPaymentMethods?: string[];
  };
  shopify?: {
    storeDomain: string;
    storefrontToken: string;
    adminToken: string;
    customerAccountApiUrl: string;
  };
}

const KINDS: ShopKind[] = ['embedded', 'http', 'shopware', 'shopify'];

/**
 * The shop settings from environment variables, checked: a hosted shop without one of its
 * settings is refused with every missing name at once. A pure function of `env`.
 *
 * @example shopSettingsFromEnv({ SHOPVOICE_SHOP: 'shopware', SHOPVOICE_SHOPWARE_URL: 'https://shop.example', ... })
 */
export function shopSettingsFromEnv(env: Record<string, string | undefined>): ShopSettings {
  const value = (name: string) => (env[name]?.trim() ? env[name]!.trim() : undefined);
  const kindText = value('SHOPVOICE_SHOP') ?? (value('SHOPVOICE_SHOP_API_URL') ? 'http' : 'embedded');
  if (!KINDS.includes(kindText as ShopKind)) {
    throw new Error(`SHOPVOICE_SHOP is "${kindText}"; it must be one of ${KINDS.join(', ')}`);
  }
  const kind = kindText as ShopKind;
  const timeoutText = value('SHOPVOICE_SHOP_TIMEOUT_MS') ?? '1500';
  const timeoutMs = Number(timeoutText);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new Error(`SHOPVOICE_SHOP_TIMEOUT_MS is "${timeoutText}"; it must be a whole number of milliseconds`);
  const settings: ShopSettings = { kind, timeoutMs };
  const shopFilePath = value('SHOPVOICE_SHOP_FILE');
  if (shopFilePath) settings.shopFilePath = shopFilePath;

  const missing: string[] = [];
  const required = (name: string) => {
    const v = value(name);
    if (!v) missing.push(name);
    return v ?? '';
  };
  if (kind === 'shopware') {
    const url = required('SHOPVOICE_SHOPWARE_URL');
    const accessKey = required('SHOPVOICE_SHOPWARE_ACCESS_KEY');
    if (!shopFilePath) missing.push('SHOPVOICE_SHOP_FILE');
    const de = value('SHOPVOICE_SHOPWARE_LANGUAGE_ID_DE');
    const en = value('SHOPVOICE_SHOPWARE_LANGUAGE_ID_EN');
    const methods = value('SHOPVOICE_SHOPWARE_BROWSERLESS_PAYMENT_METHODS');
    settings.shopware = {
      url,
      accessKey,
      ...(de || en ? { languageIds: { ...(de ? { de } : {}), ...(en ? { en } : {}) } } : {}),
      ...(methods ? { browserlessPaymentMethods: methods.split(',').map((m) => m.trim()).filter(Boolean) } : {}),
    };
  }
  if (kind === 'shopify') {
    settings.shopify = {
      storeDomain: required('SHOPVOICE_SHOPIFY_STORE_DOMAIN'),
      storefrontToken: required('SHOPVOICE_SHOPIFY_STOREFRONT_TOKEN'),
      adminToken: required('SHOPVOICE_SHOPIFY_ADMIN_TOKEN'),
      customerAccountApiUrl: required('SHOPVOICE_SHOPIFY_CUSTOMER_ACCOUNT_API_URL'),
    };
    if (!shopFilePath) missing.push('SHOPVOICE_SHOP_FILE');
  }
  if (missing.length) throw new Error(`SHOPVOICE_SHOP=${kind} needs ${missing.join(', ')}`);
  return settings;
}

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
  const { url, accessKey, languageIds, browserlessPaymentMethods } = settings.shopware;
  const { createShopwareCommerce: shopwareAdapter } = await import('./shopware/shopware-commerce.js');
  return shopwareAdapter({
    shopUrl: url,
    accessKey,
    shopFile: seams.shopFile ?? await readShopFile(settings.shopFilePath!),
    resolveCustomerContext: seams.resolveCustomerContext,
    timeoutMs: settings.timeoutMs,
    ...(browserlessPaymentMethods ? { browserlessPaymentMethods } : {}),
    ...(languageIds ? { languageIds } : {}),
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
