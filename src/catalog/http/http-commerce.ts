import type { Language } from '../commerce.js';
import { ShopError, ERROR_CODES, type ErrorCode } from '../shop-error.js';
import type {
  Commerce, Customer, FaqTopic, Order, PlacedOrder, Product, ProductSearch, ReorderQuote, ShopInfo, SpecialDay, Store,
} from '../commerce.js';
import { createMatcherHost, type MatcherFactory } from '../matching/index.js';

export interface HttpCommerceOptions {
  /** Base URL of the shop's catalog API, e.g. https://shop.example/voice-api */
  baseUrl: string;
  /** Bearer token shopvoice presents to the shop. */
  token: string;
  /** Per-call timeout in ms. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  matcherFactory?: MatcherFactory;
  /** How long a seen catalog version is trusted before it is asked again. */
  versionTtlMs?: number;
}

/** Pages of at most this many products are fetched when the matcher index is (re)built. */
const PAGE_SIZE = 1000;

/**
 * The catalog port over a shop's HTTP API (contract in the README and in
 * `catalog-api-router.ts`). Spoken-name matching runs here, on an index built from the shop's
 * products and rebuilt in the background when the shop reports a new catalog version.
 */
export function createHttpCommerce(options: HttpCommerceOptions): Commerce {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 1500;
  const versionTtlMs = options.versionTtlMs ?? 30_000;

  async function call<T>(method: 'GET' | 'POST', path: string, headers: Record<string, string> = {}): Promise<T | undefined> {
    // The deadline covers the answer and its body. A global timer rather than AbortSignal.timeout,
    // so a test's mock clock drives it.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new Error(`shop API ${method} ${path}: no answer within ${timeoutMs} ms`)), timeoutMs);
    try {
      const res = await doFetch(base + path, {
        method,
        headers: { authorization: `Bearer ${options.token}`, accept: 'application/json', ...headers },
        signal: deadline.signal,
        redirect: 'error',
      });
      if (res.status === 404) return undefined;
      const body = (await res.json().catch(() => undefined)) as { error?: { code?: string; params?: Record<string, string | number> } } | undefined;
      if (deadline.signal.aborted) throw deadline.signal.reason;
      if (res.status === 422 && body?.error?.code && body.error.code in ERROR_CODES) {
        throw new ShopError(body.error.code as ErrorCode, body.error.params ?? {});
      }
      if (!res.ok) throw new Error(`shop API ${method} ${path} answered ${res.status}`);
      return body as T;
    } finally {
      clearTimeout(timer);
    }
  }
  const get = <T>(path: string, headers?: Record<string, string>) => call<T>('GET', path, headers);
  const required = async <T>(promise: Promise<T | undefined>, what: string): Promise<T> => {
    const value = await promise;
    if (value === undefined) throw new Error(`shop API has no ${what}`);
    return value;
  };
  const enc = encodeURIComponent;

  let versionSeen: { version: string; at: number } | undefined;

  async function catalogVersion(): Promise<string> {
    if (versionSeen && Date.now() - versionSeen.at < versionTtlMs) return versionSeen.version;
    const { version } = await required(get<{ version: string }>('/v1/catalog/version'), 'catalog version');
    versionSeen = { version, at: Date.now() };
    return version;
  }

  async function listProducts(): Promise<Product[]> {
    const all: Product[] = [];
    let cursor: string | undefined;
    do {
      const query = `?limit=${PAGE_SIZE}${cursor ? `&cursor=${enc(cursor)}` : ''}`;
      const page = await required(get<{ items: Product[]; next?: string }>(`/v1/products${query}`), 'products');
      all.push(...page.items);
      cursor = page.next;
    } while (cursor);
    return all;
  }

  // The index is built from the shop's products; when the shop reports a new catalog version it
  // is rebuilt in the background (in slices) while the old one keeps answering.
  const host = createMatcherHost(listProducts, catalogVersion, {
    checkEveryMs: versionTtlMs,
    ...(options.matcherFactory ? { build: options.matcherFactory } : {}),
  });

  return {
    shopInfo: () => required(get<ShopInfo>('/v1/shop'), 'shop info'),
    async findProducts(spoken: string, language: Language, opts?: { limit?: number }): Promise<ProductSearch> {
      const result = (await host.matcher()).search(spoken, language, opts?.limit ?? 5);
      const products = await Promise.all(result.candidates.map((c) => get<Product>(`/v1/products/${enc(c.id)}`)));
      const candidates = result.candidates.flatMap((c, i) => (products[i] ? [{ product: products[i]!, score: c.score }] : []));
      return { decision: candidates.length > 0 ? result.decision : 'none', candidates };
    },
    getProduct: (id) => get<Product>(`/v1/products/${enc(id)}`),
    listProducts,
    async listVariants(group) {
      return (await required(get<{ items: Product[] }>(`/v1/products?variantGroup=${enc(group)}`), 'variants')).items;
    },
    customerByToken: (token) => get<Customer>('/v1/customer', { 'x-customer-token': token }),
    async listOrders(customerId) {
      return (await get<{ items: Order[] }>(`/v1/customers/${enc(customerId)}/orders`))?.items ?? [];
    },
    getOrder: (customerId, number) => get<Order>(`/v1/customers/${enc(customerId)}/orders/${enc(number)}`),
    quoteReorder: (customerId, number) =>
      required(call<ReorderQuote>('POST', `/v1/customers/${enc(customerId)}/orders/${enc(number)}/reorder-quote`), 'reorder quote'),
    placeReorder: (customerId, number, key) =>
      required(call<PlacedOrder>('POST', `/v1/customers/${enc(customerId)}/orders/${enc(number)}/reorder`, { 'idempotency-key': key }), 'placed order'),
    async listStores() {
      return (await required(get<{ items: Store[] }>('/v1/stores'), 'stores')).items;
    },
    async specialDays(storeId, from, to) {
      return (await get<{ items: SpecialDay[] }>(`/v1/stores/${enc(storeId)}/special-days?from=${enc(from)}&to=${enc(to)}`))?.items ?? [];
    },
    async faqTopics() {
      return (await required(get<{ items: FaqTopic[] }>('/v1/faq'), 'FAQ topics')).items;
    },
    async faqAnswer(topicId, language) {
      return (await get<{ answer: string }>(`/v1/faq/${enc(topicId)}?lang=${language}`))?.answer;
    },
    async ping() {
      await required(get('/v1/health'), 'health');
    },
    catalogVersion,
  };
}
