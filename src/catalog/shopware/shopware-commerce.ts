import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ApiClientError, createAPIClient } from '@shopware/api-client';
import type { Schemas } from '@shopware/api-client/store-api-types';
import { ShopError } from '../shop-error.js';
import type { Language } from '../commerce.js';
import { remember } from '../../remember.js';
import type { Commerce, Customer, Order, PlacedOrder, Product, ReorderQuote } from '../commerce.js';
import { hostedCatalog } from '../hosted-catalog.js';
import type { MatcherFactory } from '../matching/index.js';
import { shopFileAnswers, type ShopFile } from './shop-file.js';
import { cmsFaqAnswers } from './cms-faq.js';
import { shopwareCart } from './shopware-cart.js';
import { ORDER_ASSOCIATIONS, toPortOrder } from './shopware-order.js';
import { DEFAULT_ATTRIBUTE_KEYS, PRODUCT_ASSOCIATIONS, isVariantContainer, toPortProduct } from './shopware-product.js';

/**
 * The seam account linking fills: our linked account's access token → the Shopware customer's
 * context token (`sw-context-token` of a logged-in session), or undefined when the token is unknown.
 */
export type CustomerContextResolver = (accessToken: string) => Promise<string | undefined>;

/** A resolver over a fixed map (tests, trials). */
export function staticCustomerContexts(map: Record<string, string>): CustomerContextResolver {
  return async (accessToken) => (Object.hasOwn(map, accessToken) ? map[accessToken] : undefined);
}

export interface ShopwareCommerceOptions {
  /** The shop's URL, e.g. https://shop.example (the Store API is under /store-api). */
  shopUrl: string;
  /** The sales channel's access key (Settings → Sales channels → API access). */
  accessKey: string;
  /** Shop name, rules, stores, hours and FAQ (Shopware has no stores; see docs/connect-shopware.md). */
  shopFile: ShopFile;
  resolveCustomerContext: CustomerContextResolver;
  /** Shopware language ids per language; looked up by locale code (de-*, en-*) when not given. */
  languageIds?: Partial<Record<Language, string>>;
  /** Property group name (lower case, any language) → our attribute key; added to the defaults. */
  attributeKeys?: Record<string, string>;
  /**
   * Payment methods (technical names) that complete without the customer in a browser. A reorder
   * with any other default payment method is refused before the cart is touched.
   */
  browserlessPaymentMethods?: string[];
  /** FAQ topic id → CMS page id: answers read from the shop's CMS pages, the shop file's answer as fallback. */
  faqPages?: Record<string, string>;
  timeoutMs?: number;
  /** How long a seen catalog version is trusted before the shop is asked again. */
  versionTtlMs?: number;
  /** Monotonic clock in ms for that (tests); default `performance.now`. */
  monotonic?: () => number;
  matcherFactory?: MatcherFactory;
}

export const DEFAULT_BROWSERLESS_PAYMENT_METHODS = [
  'payment_invoice', 'payment_invoicepayment', 'payment_prepayment', 'payment_cashpayment', 'payment_sepadirectdebit',
];

/** Products are read this many at a time (the Store API's usual maximum page size). */
const PAGE_SIZE = 100;
/** Customers whose context this process has seen (a turn resolves the token before it reads orders). */
const CONTEXTS_MAX = 10_000;

interface Snapshot {
  version: string;
  byId: Map<string, Product>;
  sorted: Product[];
  /** Product number ↔ Shopware product id, for the cart's line items (issue 17). */
  uuidOf: Map<string, string>;
  byUuid: Map<string, Product>;
}

/**
 * The catalog port over a Shopware 6 shop's Store API, through the official client. The catalog
 * is read whole (in each language) and kept per catalog version, so search and product look-ups
 * answer from memory; stock is read again for every reorder. Orders and reorders run in the
 * customer's own context (`sw-context-token`), which `resolveCustomerContext` gives for a linked account.
 *
 * @example
 *   const shop = createShopwareCommerce({ shopUrl, accessKey, shopFile, resolveCustomerContext });
 *   await shop.findProducts('hafermilch', 'de');
 */
export function createShopwareCommerce(options: ShopwareCommerceOptions): Commerce {
  const timeout = options.timeoutMs ?? 1500;
  const versionTtlMs = options.versionTtlMs ?? 30_000;
  const monotonic = options.monotonic ?? (() => performance.now());
  const attributeKeys = { ...DEFAULT_ATTRIBUTE_KEYS, ...options.attributeKeys };
  const browserless = new Set(options.browserlessPaymentMethods ?? DEFAULT_BROWSERLESS_PAYMENT_METHODS);
  const baseURL = `${options.shopUrl.replace(/\/+$/, '')}/store-api`;
  // One client per context: the official client adopts any `sw-context-token` a response
  // carries as its default, so a client shared between customers would mix their sessions.
  // No retries in the client: the resilient wrapper retries reads once and never a placement.
  const fetchOptions = { timeout, retry: 0 as const };
  const catalog = createAPIClient({ baseURL, accessToken: options.accessKey, fetchOptions });
  const customerClients = new Map<string, ReturnType<typeof createAPIClient>>();
  const clientFor = (contextToken: string) => customerClients.get(contextToken)
    ?? remember(customerClients, contextToken, createAPIClient({ baseURL, accessToken: options.accessKey, contextToken, fetchOptions }), CONTEXTS_MAX);
  const contexts = new Map<string, string>();
  const fileAnswers = shopFileAnswers(options.shopFile);
  const answers = options.faqPages && Object.keys(options.faqPages).length > 0
    ? {
      ...fileAnswers,
      faqAnswer: cmsFaqAnswers({
        pages: options.faqPages,
        fallback: fileAnswers.faqAnswer,
        now: monotonic,
        readPage: async (pageId, language) => (await catalog.invoke('readCms post /cms/{id}', {
          pathParams: { id: pageId },
          headers: { 'sw-language-id': (await languageIds())[language] },
          body: {},
        })).data,
      }),
    }
    : fileAnswers;

  let languages: Promise<Record<Language, string>> | undefined;
  const languageIds = () => (languages ??= (async () => {
    const given = options.languageIds ?? {};
    if (given.de && given.en) return { de: given.de, en: given.en };
    const { data } = await catalog.invoke('readLanguages post /language', { body: { associations: { locale: {} } } });
    const byPrefix = (prefix: string) => data.elements.find((l) => l.locale?.code?.startsWith(`${prefix}-`))?.id;
    const de = given.de ?? byPrefix('de');
    const en = given.en ?? byPrefix('en');
    if (!de || !en) throw new Error('the Shopware sales channel needs a German and an English language (or set the language ids)');
    return { de, en };
  })().catch((error: unknown) => { languages = undefined; throw error; }));

  async function readAll(languageId: string): Promise<Schemas['Product'][]> {
    const all: Schemas['Product'][] = [];
    for (let page = 1; ; page++) {
      const { data } = await catalog.invoke('readProduct post /product', {
        headers: { 'sw-language-id': languageId },
        body: { page, limit: PAGE_SIZE, associations: PRODUCT_ASSOCIATIONS, sort: [{ field: 'productNumber', order: 'ASC' }] },
      });
      all.push(...data.elements);
      if (data.elements.length < PAGE_SIZE) return all;
    }
  }

  /** The shop's catalog version, asked for once (hosted-catalog.ts decides how often). */
  async function readVersion(): Promise<string> {
    // Shopware has no catalog version: the newest change and the count stand for it.
    const { data } = await catalog.invoke('readProduct post /product', {
      body: { limit: 1, sort: [{ field: 'updatedAt', order: 'DESC' }], 'total-count-mode': 'exact' },
    });
    const newest = data.elements[0];
    const version = `${data.total ?? data.elements.length}:${newest?.updatedAt ?? newest?.createdAt ?? ''}`;
    return version;
  }


  async function loadSnapshot(version: string): Promise<Snapshot> {
    const ids = await languageIds();
    const [de, en] = await Promise.all([readAll(ids.de), readAll(ids.en)]);
    const english = new Map(en.map((p) => [p.id, p]));
    const products = de.filter((p) => !isVariantContainer(p)).map((p) => toPortProduct({ de: p, en: english.get(p.id) ?? p }, attributeKeys));
    products.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const byId = new Map(products.map((p) => [p.id, p]));
    const uuidOf = new Map(de.filter((p) => byId.has(p.productNumber)).map((p) => [p.productNumber, p.id]));
    const byUuid = new Map([...uuidOf].map(([number, uuid]) => [uuid, byId.get(number)!]));
    return { version, byId, sorted: products, uuidOf, byUuid };
  }
  const hosted = hostedCatalog({
    readVersion,
    load: loadSnapshot,
    versionTtlMs,
    monotonic,
    ...(options.matcherFactory ? { matcherFactory: options.matcherFactory } : {}),
  });
  const { current, catalogVersion } = hosted;

  function contextOf(customerId: string): string {
    const context = contexts.get(customerId);
    if (!context) throw new ShopError('ACCOUNT_UNKNOWN', {});
    return context;
  }

  type RawOrder = Schemas['Order'];
  async function rawOrders(customerId: string): Promise<RawOrder[]> {
    const { data } = await clientFor(contextOf(customerId)).invoke('readOrder post /order', {
      body: { limit: 100, associations: ORDER_ASSOCIATIONS, sort: [{ field: 'orderDateTime', order: 'DESC' }] },
    });
    return data.orders.elements;
  }
  async function listOrders(customerId: string): Promise<Order[]> {
    const products = await current();
    return (await rawOrders(customerId)).map((o) => toPortOrder(o, customerId, (id) => products.byId.get(id)));
  }
  async function getOrder(customerId: string, orderNumber: string) {
    return (await listOrders(customerId)).find((o) => o.number === orderNumber);
  }

  /** Fills the customer's (voice) cart with what can be ordered again and reads Shopware's prices back. */
  async function cartFor(customerId: string, orderNumber: string): Promise<{ quote: ReorderQuote; order: Order }> {
    const order = await getOrder(customerId, orderNumber);
    if (!order) throw new ShopError('ORDER_NOT_FOUND', { orderNumber });
    const client = clientFor(contextOf(customerId));
    const { data: context } = await client.invoke('readContext get /context');
    const payment = context.paymentMethod?.technicalName;
    if (!payment || !browserless.has(payment)) {
      // Said as such: the customer can change the default or order in the shop (docs/connect-shopware.md).
      throw new ShopError('PAYMENT_NEEDS_BROWSER', { paymentMethod: payment ?? 'none' });
    }
    const numbers = order.lines.map((l) => l.productId);
    const { data: fresh } = await client.invoke('readProduct post /product', {
      body: { limit: numbers.length, filter: [{ type: 'equalsAny', field: 'productNumber', value: numbers.join('|') }], associations: PRODUCT_ASSOCIATIONS },
    });
    const byNumber = new Map(fresh.elements.map((p) => [p.productNumber, p]));
    const wanted: Array<{ raw: Schemas['Product']; quantity: number }> = [];
    const unavailable: ReorderQuote['unavailable'] = [];
    const known = await current();
    for (const line of order.lines) {
      const raw = byNumber.get(line.productId);
      const stock = raw ? raw.availableStock ?? raw.stock : 0;
      if (raw && raw.available !== false && stock >= line.quantity) wanted.push({ raw, quantity: line.quantity });
      else unavailable.push({ name: known.byId.get(line.productId)?.name ?? line.name, quantity: line.quantity });
    }
    if (wanted.length === 0) throw new ShopError('REORDER_NOTHING_AVAILABLE', { orderNumber });
    await client.invoke('deleteCart delete /checkout/cart');
    const { data: cart } = await client.invoke('addLineItem post /checkout/cart/line-item', {
      body: { items: wanted.map((w) => ({ id: w.raw.id, type: 'product' as const, referencedId: w.raw.id, quantity: w.quantity })) },
    });
    const cents = (euros: number) => Math.round(euros * 100);
    const available = wanted.map((w) => {
      const line = cart.lineItems?.find((l) => l.referencedId === w.raw.id);
      const product = known.byId.get(w.raw.productNumber) ?? toPortProduct({ de: w.raw, en: w.raw }, attributeKeys);
      return { product, quantity: w.quantity, lineCents: cents(line?.price?.totalPrice ?? 0) };
    });
    const shippingCents = cents((cart.deliveries ?? []).reduce((sum, d) => sum + (d.shippingCosts?.totalPrice ?? 0), 0));
    const totalCents = cents(cart.price?.totalPrice ?? 0);
    const vatCents = cents((cart.price?.calculatedTaxes ?? []).reduce((sum, t) => sum + t.tax, 0));
    return {
      order,
      quote: { basedOn: order.number, available, unavailable, itemsCents: totalCents - shippingCents, shippingCents, totalCents, vatCents },
    };
  }

  /** Reorders in flight in this process, by idempotency key; the shop remembers the key on the order. */
  const placing = new Map<string, Promise<PlacedOrder>>();
  const markerOf = (key: string) => `shopvoice-${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;

  async function placeOnce(customerId: string, orderNumber: string, key: string): Promise<PlacedOrder> {
    const marker = markerOf(key);
    const products = await current();
    const existing = (await rawOrders(customerId)).find((o) => o.affiliateCode === marker);
    if (existing) return { order: toPortOrder(existing, customerId, (id) => products.byId.get(id)), created: false };
    await cartFor(customerId, orderNumber);
    const { data: placed } = await clientFor(contextOf(customerId)).invoke('createOrder post /checkout/order', {
      body: { affiliateCode: marker, campaignCode: 'shopvoice-reorder' },
    });
    const order = (await rawOrders(customerId)).find((o) => o.id === placed.id) ?? placed;
    return { order: toPortOrder(order, customerId, (id) => products.byId.get(id)), created: true };
  }

  const cart = shopwareCart({
    api: {
      readCart: async (customerId) => (await clientFor(contextOf(customerId)).invoke('readCart get /checkout/cart')).data,
      addLineItem: async (customerId, uuid, quantity) => (await clientFor(contextOf(customerId)).invoke('addLineItem post /checkout/cart/line-item', {
        body: { items: [{ id: uuid, type: 'product', referencedId: uuid, quantity }] },
      })).data,
      updateLineItem: async (customerId, lineId, quantity) => (await clientFor(contextOf(customerId)).invoke('updateLineItem patch /checkout/cart/line-item', {
        body: { items: [{ id: lineId, quantity }] },
      })).data,
      removeLineItem: async (customerId, lineId) => (await clientFor(contextOf(customerId)).invoke('removeLineItem post /checkout/cart/line-item/delete', {
        body: { ids: [lineId] },
      })).data,
      paymentMethod: async (customerId) => (await clientFor(contextOf(customerId)).invoke('readContext get /context')).data.paymentMethod?.technicalName,
      createOrder: async (customerId, affiliateCode) => (await clientFor(contextOf(customerId)).invoke('createOrder post /checkout/order', {
        body: { affiliateCode, campaignCode: 'shopvoice-checkout' },
      })).data,
    },
    async product(productNumber) {
      const snapshot = await current();
      const product = snapshot.byId.get(productNumber);
      const uuid = snapshot.uuidOf.get(productNumber);
      return product && uuid ? { product, uuid } : undefined;
    },
    productByUuid: async (uuid) => (await current()).byUuid.get(uuid),
    rawOrders,
    toOrder: async (raw, customerId) => {
      const products = await current();
      return toPortOrder(raw, customerId, (id) => products.byId.get(id));
    },
    browserless,
  });

  return {
    ...answers,
    ...cart,
    ...hosted.reads,
    async customerByToken(accessToken): Promise<Customer | undefined> {
      const context = await options.resolveCustomerContext(accessToken);
      if (!context) return undefined;
      try {
        const { data } = await clientFor(context).invoke('readCustomer post /account/customer', { body: {} });
        if (data.guest) return undefined;
        remember(contexts, data.id, context, CONTEXTS_MAX);
        return { id: data.id, name: `${data.firstName} ${data.lastName}`.trim(), email: data.email };
      } catch (error) {
        // 403: the context has no customer logged in (expired or logged out).
        if (error instanceof ApiClientError && error.status === 403) return undefined;
        throw error;
      }
    },
    listOrders,
    getOrder,
    async quoteReorder(customerId, orderNumber) {
      return (await cartFor(customerId, orderNumber)).quote;
    },
    placeReorder(customerId, orderNumber, key) {
      const running = placing.get(key);
      if (running) return running.then((placed) => ({ ...placed, created: false }));
      const promise = placeOnce(customerId, orderNumber, key).finally(() => placing.delete(key));
      placing.set(key, promise);
      return promise;
    },
    async ping() {
      await catalog.invoke('readContext get /context');
    },
    catalogVersion,
  };
}
