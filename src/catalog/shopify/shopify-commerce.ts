import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createAdminApiClient } from '@shopify/admin-api-client';
import { createGraphQLClient } from '@shopify/graphql-client';
import { createStorefrontApiClient } from '@shopify/storefront-api-client';
import { ShopError } from '../shop-error.js';
import type { Language } from '../commerce.js';
import { remember } from '../../remember.js';
import type { Commerce, Customer, Order, PlacedOrder, Product, ReorderQuote } from '../commerce.js';
import { hostedCatalog } from '../hosted-catalog.js';
import type { MatcherFactory } from '../matching/index.js';
import { shopFileAnswers, type ShopFile } from '../shopware/shop-file.js';
import { DEFAULT_ATTRIBUTE_KEYS } from '../shopware/shopware-product.js';
import { toPortOrder, type CustomerAccountOrder } from './shopify-order.js';
import { cents, toPortProducts, type StorefrontProduct } from './shopify-product.js';
import { shopifyQuery, type ShopifyQuery } from './shopify-queries.js';

/** The API version the queries are written and checked against (schemas of `@shopify/hydrogen-react` 2026.4). */
export const SHOPIFY_API_VERSION = '2026-04';

export interface ShopifyCommerceOptions {
  /** The shop's myshopify domain, e.g. lindenhof.myshopify.com */
  storeDomain: string;
  /** Storefront API private access token (Headless channel; server to server). */
  storefrontToken: string;
  /** Admin API access token of the shop's custom app (scopes: read_customers, write_draft_orders). */
  adminToken: string;
  /** Customer Account API GraphQL endpoint, https://shopify.com/<shop id>/account/customer/api/<version>/graphql */
  customerAccountApiUrl: string;
  shopFile: ShopFile;
  apiVersion?: string;
  /** Product option name (lower case, any language) → our attribute key; added to the defaults. */
  attributeKeys?: Record<string, string>;
  timeoutMs?: number;
  /** How long a seen catalog version is trusted before the shop is asked again. */
  versionTtlMs?: number;
  /** Monotonic clock in ms for that (tests); default `performance.now`. */
  monotonic?: () => number;
  matcherFactory?: MatcherFactory;
  /** The fetch every client uses (tests reach a local fake through it). */
  fetch?: typeof fetch;
}

const PAGE_SIZE = 100;
const TOKENS_MAX = 10_000;
const LANGUAGE_CODES: Record<Language, string> = { de: 'DE', en: 'EN' };

interface Snapshot {
  version: string;
  byId: Map<string, Product>;
  sorted: Product[];
  /** Our product id → the variant's global id, which carts and draft orders name. */
  variantIds: Map<string, string>;
}

/**
 * The catalog port over a Shopify shop: products, variants, prices and availability from the
 * Storefront API in the customer's language (`@inContext`), orders and tracking from the
 * Customer Account API with the customer's own token (Shopify's customer OAuth is the account
 * linking), and reorders as a draft order whose checkout link Shopify e-mails to the customer,
 * because Shopify lets no third party charge a customer (`PlacedOrder.checkoutSentTo`).
 *
 * @example
 *   const shop = createShopifyCommerce({ storeDomain, storefrontToken, adminToken, customerAccountApiUrl, shopFile });
 *   await shop.findProducts('hafermilch', 'de');
 */
export function createShopifyCommerce(options: ShopifyCommerceOptions): Commerce {
  const timeoutMs = options.timeoutMs ?? 1500;
  const versionTtlMs = options.versionTtlMs ?? 30_000;
  const monotonic = options.monotonic ?? (() => performance.now());
  const apiVersion = options.apiVersion ?? SHOPIFY_API_VERSION;
  const attributeKeys = { ...DEFAULT_ATTRIBUTE_KEYS, ...options.attributeKeys };
  const baseFetch = options.fetch ?? fetch;
  const customFetchApi = ((url: string, init?: RequestInit) =>
    baseFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' })) as typeof fetch;
  const storefront = createStorefrontApiClient({ storeDomain: options.storeDomain, apiVersion, privateAccessToken: options.storefrontToken, customFetchApi });
  const admin = createAdminApiClient({ storeDomain: options.storeDomain, apiVersion, accessToken: options.adminToken, customFetchApi });
  const account = createGraphQLClient({ url: options.customerAccountApiUrl, headers: { 'Content-Type': 'application/json' }, customFetchApi });
  const answers = shopFileAnswers(options.shopFile);
  const tokens = new Map<string, string>();

  type Client = Pick<typeof account, 'request'>;
  async function ask<T>(client: Client, query: ShopifyQuery, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<T> {
    const { data, errors } = await client.request<T>(shopifyQuery(query), { ...(variables ? { variables } : {}), ...(headers ? { headers } : {}) });
    if (errors || !data) {
      const status = errors?.networkStatusCode;
      throw Object.assign(new Error(`Shopify ${query}: ${errors?.message ?? 'no data'}`), { status });
    }
    return data;
  }

  /** The shop's catalog version, asked for once (hosted-catalog.ts decides how often). */
  async function readVersion(): Promise<string> {
    const data = await ask<{ products: { nodes: Array<{ id: string; updatedAt: string }> } }>(storefront, 'catalogVersion');
    const newest = data.products.nodes[0];
    const version = newest ? `${newest.updatedAt}:${newest.id}` : 'empty';
    return version;
  }


  async function readAll(language: Language): Promise<StorefrontProduct[]> {
    const all: StorefrontProduct[] = [];
    let after: string | null = null;
    do {
      type Page = { products: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: StorefrontProduct[] } };
      const page: Page = await ask<Page>(storefront, 'catalogPage', { first: PAGE_SIZE, after, language: LANGUAGE_CODES[language] });
      all.push(...page.products.nodes);
      after = page.products.pageInfo.hasNextPage ? page.products.pageInfo.endCursor : null;
    } while (after);
    return all;
  }

  async function loadSnapshot(version: string): Promise<Snapshot> {
    const [de, en] = await Promise.all([readAll('de'), readAll('en')]);
    const english = new Map(en.map((p) => [p.id, p]));
    const products: Product[] = [];
    const variantIds = new Map<string, string>();
    for (const p of de) {
      products.push(...toPortProducts({ de: p, en: english.get(p.id) ?? p }, attributeKeys));
      for (const v of p.variants.nodes) variantIds.set(v.sku || v.id, v.id);
    }
    products.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { version, byId: new Map(products.map((p) => [p.id, p])), sorted: products, variantIds };
  }
  const hosted = hostedCatalog({
    readVersion,
    load: loadSnapshot,
    versionTtlMs,
    monotonic,
    ...(options.matcherFactory ? { matcherFactory: options.matcherFactory } : {}),
  });
  const { current, catalogVersion } = hosted;

  function tokenOf(customerId: string): string {
    const token = tokens.get(customerId);
    if (!token) throw new ShopError('ACCOUNT_UNKNOWN', {});
    return token;
  }

  async function listOrders(customerId: string): Promise<Order[]> {
    const data = await ask<{ customer: { orders: { nodes: CustomerAccountOrder[] } } }>(account, 'customerOrders', { first: 50 }, { Authorization: tokenOf(customerId) });
    const { byId } = await current();
    return data.customer.orders.nodes.map((o) => toPortOrder(o, customerId, (id) => byId.get(id)));
  }
  async function getOrder(customerId: string, orderNumber: string) {
    return (await listOrders(customerId)).find((o) => o.number === orderNumber);
  }

  /** What ordering again costs at today's Storefront prices and stock, with the shop file's shipping rule. */
  async function quoteReorder(customerId: string, orderNumber: string): Promise<ReorderQuote> {
    const order = await getOrder(customerId, orderNumber);
    if (!order) throw new ShopError('ORDER_NOT_FOUND', { orderNumber });
    const known = await current();
    const ids = order.lines.flatMap((l) => known.variantIds.get(l.productId) ?? []);
    type Stock = { id: string; sku: string | null; availableForSale: boolean; quantityAvailable: number | null; price: { amount: string } };
    const fresh = ids.length ? (await ask<{ nodes: Array<Stock | null> }>(storefront, 'variantStock', { ids })).nodes : [];
    const stockOf = new Map(fresh.flatMap((v) => (v ? [[v.sku || v.id, v] as const] : [])));
    const quote: ReorderQuote = { basedOn: order.number, available: [], unavailable: [], itemsCents: 0, shippingCents: 0, totalCents: 0, vatCents: 0 };
    for (const line of order.lines) {
      const product = known.byId.get(line.productId);
      const stock = stockOf.get(line.productId);
      const count = stock ? stock.quantityAvailable ?? (stock.availableForSale ? line.quantity : 0) : 0;
      if (product && stock?.availableForSale && count >= line.quantity) {
        const lineCents = cents(stock.price.amount) * line.quantity;
        quote.available.push({ product: { ...product, priceCents: cents(stock.price.amount), stock: count }, quantity: line.quantity, lineCents });
        quote.itemsCents += lineCents;
      } else {
        quote.unavailable.push({ name: product?.name ?? line.name, quantity: line.quantity });
      }
    }
    if (quote.available.length === 0) throw new ShopError('REORDER_NOTHING_AVAILABLE', { orderNumber });
    const info = await answers.shopInfo();
    quote.shippingCents = quote.itemsCents >= info.freeShippingFromCents ? 0 : info.shippingCents;
    quote.totalCents = quote.itemsCents + quote.shippingCents;
    quote.vatCents = Math.round((quote.totalCents * info.vatPercent) / (100 + info.vatPercent));
    return quote;
  }

  interface Draft {
    id: string;
    name: string;
    createdAt: string;
    totalPriceSet: { shopMoney: { amount: string } };
    lineItems: { nodes: Array<{ sku: string | null; title: string; quantity: number; originalUnitPriceSet: { shopMoney: { amount: string } } }> };
  }
  const draftOrder = (draft: Draft, customerId: string, byId: Map<string, Product>): Order => ({
    number: draft.name.replace(/^#/, ''),
    customerId,
    status: 'received',
    placedAt: new Date(draft.createdAt).toISOString(),
    lines: draft.lineItems.nodes.map((l) => ({
      productId: l.sku || l.title,
      name: byId.get(l.sku ?? '')?.name ?? { de: l.title, en: l.title },
      quantity: l.quantity,
      unitPriceCents: cents(l.originalUnitPriceSet.shopMoney.amount),
    })),
    totalCents: cents(draft.totalPriceSet.shopMoney.amount),
  });
  const userErrors = (what: string, errors: Array<{ message: string }>) => {
    if (errors.length) throw new Error(`Shopify ${what}: ${errors.map((e) => e.message).join('; ')}`);
  };

  const placing = new Map<string, Promise<PlacedOrder>>();
  async function placeOnce(customerId: string, orderNumber: string, key: string): Promise<PlacedOrder> {
    const tag = `shopvoice-${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
    const { byId, variantIds } = await current();
    const found = await ask<{ draftOrders: { nodes: Draft[] } }>(admin, 'draftOrderByKey', { query: `tag:${tag}` });
    if (found.draftOrders.nodes[0]) return { order: draftOrder(found.draftOrders.nodes[0], customerId, byId), created: false, checkoutSentTo: 'email' };
    const quote = await quoteReorder(customerId, orderNumber);
    const info = await answers.shopInfo();
    const input = {
      purchasingEntity: { customerId },
      useCustomerDefaultAddress: true,
      tags: ['shopvoice', tag],
      note: `Voice reorder of order ${orderNumber} (shopvoice)`,
      lineItems: quote.available.map((l) => ({ variantId: variantIds.get(l.product.id)!, quantity: l.quantity })),
      ...(quote.shippingCents > 0
        ? { shippingLine: { title: 'Versand', priceWithCurrency: { amount: (quote.shippingCents / 100).toFixed(2), currencyCode: info.currency } } }
        : {}),
    };
    const created = await ask<{ draftOrderCreate: { draftOrder: Draft | null; userErrors: Array<{ message: string }> } }>(admin, 'draftOrderCreate', { input });
    userErrors('draftOrderCreate', created.draftOrderCreate.userErrors);
    const draft = created.draftOrderCreate.draftOrder!;
    const sent = await ask<{ draftOrderInvoiceSend: { userErrors: Array<{ message: string }> } }>(admin, 'draftOrderInvoiceSend', { id: draft.id });
    userErrors('draftOrderInvoiceSend', sent.draftOrderInvoiceSend.userErrors);
    return { order: draftOrder(draft, customerId, byId), created: true, checkoutSentTo: 'email' };
  }

  return {
    ...answers,
    ...hosted.reads,
    async customerByToken(accessToken): Promise<Customer | undefined> {
      type Data = { customer: { id: string; displayName: string; emailAddress: { emailAddress: string | null } | null } };
      try {
        const { customer } = await ask<Data>(account, 'customer', undefined, { Authorization: accessToken });
        remember(tokens, customer.id, accessToken, TOKENS_MAX);
        return { id: customer.id, name: customer.displayName, email: customer.emailAddress?.emailAddress ?? '' };
      } catch (error) {
        // 401: Shopify does not know the token (expired, revoked, or never Shopify's).
        if ((error as { status?: number }).status === 401) return undefined;
        throw error;
      }
    },
    listOrders,
    getOrder,
    quoteReorder,
    placeReorder(customerId, orderNumber, key) {
      const running = placing.get(key);
      if (running) return running.then((placed) => ({ ...placed, created: false }));
      const promise = placeOnce(customerId, orderNumber, key).finally(() => placing.delete(key));
      placing.set(key, promise);
      return promise;
    },
    async ping() {
      // A readiness check reaches the shop every time.
      await readVersion();
    },
    catalogVersion,
  };
}
