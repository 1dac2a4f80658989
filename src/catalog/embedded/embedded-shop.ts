import type { Language } from '../commerce.js';
import type {
  Commerce, Customer, FaqTopic, Interval, Order, Product, ProductSearch, ShopInfo, Store, Weekday,
} from '../commerce.js';
import { createMatcherHost, type MatcherFactory } from '../matching/index.js';
import { getOrder, listOrders, orderByReorderKey } from './order-queries.js';
import { productFromRow, insertProducts, type ProductRow } from './product-rows.js';
import { addToCart, placeCart, quoteCart, removeFromCart } from './cart.js';
import { placeReorder, quoteReorder } from './reorder.js';
import { openShopDatabase } from './shop-database.js';
import { statementCache } from './statement-cache.js';
import { SNAPSHOT_MAX_ENTRIES, snapshotKeeper } from './shop-snapshot.js';
import { specialDays } from './store-calendar.js';
import { remember } from '../../remember.js';

/** A product as the cache hands it to every turn: nobody may change it. */
function frozen(product: Product): Product {
  Object.freeze(product.name);
  Object.freeze(product.description);
  if (product.unitPrice) Object.freeze(product.unitPrice);
  if (product.attributes) Object.freeze(product.attributes);
  if (product.attributeLabels) Object.values(Object.freeze(product.attributeLabels)).forEach((l) => Object.freeze(l));
  return Object.freeze(product);
}

/** A customer's orders as the snapshot hands them to every turn: nobody may change them. */
function frozenOrders(orders: Order[]): Order[] {
  for (const order of orders) {
    for (const line of order.lines) Object.freeze(Object.freeze(line).name);
    Object.freeze(Object.freeze(order).lines);
  }
  return Object.freeze(orders) as Order[];
}

/** The embedded demo shop: the catalog port over `<dataDir>/shop.sqlite`, plus catalog import. */
export interface EmbeddedShop extends Commerce {
  /** Replaces every product in one transaction and bumps the catalog version. */
  replaceProducts(products: Product[]): Promise<{ count: number }>;
  close(): Promise<void>;
}

export interface EmbeddedShopOptions {
  /** Folder of `shop.sqlite`; created, and the file seeded, on first open. */
  dataDir: string;
  /** Builds the spoken-name matcher from the products (default: `buildMatcher`). */
  matcherFactory?: MatcherFactory;
  /** Clock for `placedAt` of new orders (tests pin it). */
  now?: () => Date;
  /**
   * Monotonic clock in ms for the snapshot's check for other connections' writes (default
   * `performance.now`; tests move it past {@link SNAPSHOT_CHECK_MS}).
   */
  monotonic?: () => number;
}

/**
 * Opens the embedded demo shop.
 *
 * @example
 *   const shop = await openEmbeddedShop({ dataDir: loadConfig().dataDir });
 *   const { decision, candidates } = await shop.findProducts('hafermilch', 'de');
 */
export async function openEmbeddedShop(options: EmbeddedShopOptions): Promise<EmbeddedShop> {
  const db = openShopDatabase(options.dataDir);
  const sql = statementCache(db);
  const now = options.now ?? (() => new Date());

  const version = (): string =>
    (sql("SELECT value FROM settings WHERE key = 'catalog_version'").get() as { value: string }).value;
  // One cache policy for everything a turn reads (shop-snapshot.ts): kept until another
  // connection commits (seen within a second) or this one writes (seen at once).
  const dataVersion = sql('PRAGMA data_version').pluck();
  const snapshots = snapshotKeeper(() => dataVersion.get() as number, options.monotonic ? { now: options.monotonic } : {});
  const shopInfo = (): ShopInfo => {
    const snapshot = snapshots.current();
    return (snapshot.shopInfo ??= Object.freeze(JSON.parse((sql("SELECT value FROM settings WHERE key = 'shop_info'").get() as { value: string }).value) as ShopInfo));
  };
  /** The stores with their weekly hours, frozen: every turn is handed the same objects. */
  const readStores = (): Store[] => {
    const stores = sql('SELECT * FROM stores ORDER BY position').all() as Array<{
      id: string; name: string; city: string; region: string; time_zone: string; aliases: string; name_en: string | null;
    }>;
    const hours = sql('SELECT * FROM store_hours ORDER BY store_id, weekday, open').all() as Array<{
      store_id: string; weekday: Weekday; open: string; close: string;
    }>;
    const weeklyOf = new Map<string, Partial<Record<Weekday, Interval[]>>>();
    for (const h of hours) {
      let weekly = weeklyOf.get(h.store_id);
      if (!weekly) weeklyOf.set(h.store_id, (weekly = {}));
      (weekly[h.weekday] ??= []).push(Object.freeze({ open: h.open, close: h.close }));
    }
    return Object.freeze(stores.map((s) => {
      const weekly = weeklyOf.get(s.id) ?? {};
      for (const intervals of Object.values(weekly)) Object.freeze(intervals);
      const aliases = Object.freeze(JSON.parse(s.aliases) as string[]) as string[];
      const store: Store = { id: s.id, name: s.name, city: s.city, region: s.region, timeZone: s.time_zone, weekly: Object.freeze(weekly), aliases };
      if (s.name_en) store.names = Object.freeze({ en: s.name_en });
      return Object.freeze(store);
    })) as Store[];
  };
  const readFaqTopics = (): FaqTopic[] => {
    const rows = sql('SELECT id, names_de, names_en FROM faq_topics ORDER BY position').all() as Array<{
      id: string; names_de: string; names_en: string;
    }>;
    return Object.freeze(rows.map((r) => Object.freeze({
      id: r.id,
      names: Object.freeze({ de: Object.freeze(JSON.parse(r.names_de) as string[]), en: Object.freeze(JSON.parse(r.names_en) as string[]) }),
    }))) as FaqTopic[];
  };
  const listProducts = (): Product[] =>
    (sql('SELECT * FROM products ORDER BY id').all() as ProductRow[]).map(productFromRow);
  // The first search builds the index; after an import (another process's too, the version is
  // in the database) the old index keeps answering while the new one is built in slices.
  let closed = false;
  const host = createMatcherHost(async () => listProducts(), async () => {
    if (closed) throw new Error('the shop database is closed');
    const snapshot = snapshots.current();
    return (snapshot.catalogVersion ??= version());
  }, {
    // The version comes from the snapshot, so every search may check it.
    checkEveryMs: 0,
    ...(options.matcherFactory ? { build: options.matcherFactory } : {}),
    onError: () => undefined,
  });

  return {
    async shopInfo() {
      return shopInfo();
    },

    async findProducts(spoken: string, language: Language, opts?: { limit?: number }): Promise<ProductSearch> {
      const result = (await host.matcher()).search(spoken, language, opts?.limit ?? 5);
      const products = snapshots.current().products;
      // The candidates from the snapshot, the rest read in one query and kept there.
      const missing = result.candidates.filter((c) => !products.has(c.id)).map((c) => c.id);
      if (missing.length > 0) {
        const rows = sql('SELECT * FROM products WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(missing)) as ProductRow[];
        for (const row of rows) remember(products, row.id, frozen(productFromRow(row)), SNAPSHOT_MAX_ENTRIES);
      }
      // While a rebuild is pending the old matcher may name a product an import removed.
      const candidates = result.candidates.flatMap((c) => {
        const product = products.get(c.id);
        return product ? [{ product, score: c.score }] : [];
      });
      return { decision: candidates.length > 0 ? result.decision : 'none', candidates };
    },

    async getProduct(id: string) {
      const products = snapshots.current().products;
      const known = products.get(id);
      if (known) return known;
      const row = sql('SELECT * FROM products WHERE id = ?').get(id) as ProductRow | undefined;
      if (!row) return undefined;
      return remember(products, id, frozen(productFromRow(row)), SNAPSHOT_MAX_ENTRIES);
    },

    async listVariants(variantGroup: string) {
      const variants = snapshots.current().variants;
      const known = variants.get(variantGroup);
      if (known) return known;
      const family = (sql('SELECT * FROM products WHERE variant_group = ? ORDER BY id').all(variantGroup) as ProductRow[])
        .map((row) => frozen(productFromRow(row)));
      return remember(variants, variantGroup, Object.freeze(family) as Product[], SNAPSHOT_MAX_ENTRIES);
    },

    async listProducts() {
      return listProducts();
    },

    async customerByToken(accessToken: string): Promise<Customer | undefined> {
      const customers = snapshots.current().customers;
      const known = customers.get(accessToken);
      if (known) return known;
      const row = sql('SELECT id, name, email, phone FROM customers WHERE access_token = ?').get(accessToken) as (Customer & { phone: string | null }) | undefined;
      if (!row) return undefined;
      const { phone, ...customer } = row;
      return remember(customers, accessToken, Object.freeze(phone ? { ...customer, phone } : customer), SNAPSHOT_MAX_ENTRIES);
    },

    async listOrders(customerId: string) {
      const orders = snapshots.current().orders;
      return orders.get(customerId) ?? remember(orders, customerId, frozenOrders(listOrders(sql, customerId)), SNAPSHOT_MAX_ENTRIES);
    },

    async reorderOutcome(customerId: string, idempotencyKey: string) {
      const placed = orderByReorderKey(sql, idempotencyKey);
      return placed && placed.customerId === customerId ? getOrder(sql, customerId, placed.number) : undefined;
    },

    async getOrder(customerId: string, orderNumber: string) {
      return getOrder(sql, customerId, orderNumber);
    },

    async quoteReorder(customerId: string, orderNumber: string) {
      return quoteReorder(sql, shopInfo(), customerId, orderNumber);
    },

    async placeReorder(customerId: string, orderNumber: string, idempotencyKey: string) {
      const placedAt = now().toISOString();
      try {
        return placeReorder(db, sql, shopInfo(), { customerId, orderNumber, idempotencyKey, placedAt });
      } finally {
        // The customer's orders in the snapshot no longer hold.
        snapshots.invalidate();
      }
    },

    async cart(customerId: string) {
      return quoteCart(sql, shopInfo(), customerId);
    },

    async addToCart(customerId: string, productId: string, quantity: number) {
      return addToCart(db, sql, shopInfo(), customerId, productId, quantity);
    },

    async removeFromCart(customerId: string, productId: string) {
      return removeFromCart(sql, shopInfo(), customerId, productId);
    },

    async placeCart(customerId: string, idempotencyKey: string, expectedTotalCents: number) {
      const placedAt = now().toISOString();
      try {
        return placeCart(db, sql, shopInfo(), { customerId, idempotencyKey, expectedTotalCents, placedAt });
      } finally {
        snapshots.invalidate();
      }
    },

    async cartOutcome(customerId: string, idempotencyKey: string) {
      const placed = orderByReorderKey(sql, idempotencyKey);
      return placed && placed.customerId === customerId ? getOrder(sql, customerId, placed.number) : undefined;
    },

    async listStores(): Promise<Store[]> {
      const snapshot = snapshots.current();
      return (snapshot.stores ??= readStores());
    },

    async specialDays(storeId: string, fromIso: string, toIso: string) {
      return specialDays(sql, snapshots.current().specialDays, storeId, fromIso, toIso);
    },

    async faqTopics(): Promise<FaqTopic[]> {
      const snapshot = snapshots.current();
      return (snapshot.faqTopics ??= readFaqTopics());
    },

    async faqAnswer(topicId: string, language: Language) {
      const column = language === 'de' ? 'answer_de' : 'answer_en';
      const row = sql(`SELECT ${column} AS answer FROM faq_topics WHERE id = ?`).get(topicId) as { answer: string } | undefined;
      return row?.answer;
    },

    async ping() {
      sql('SELECT 1').get();
    },

    async catalogVersion() {
      return version();
    },

    async replaceProducts(products: Product[]) {
      db.transaction(() => {
        sql('DELETE FROM products').run();
        insertProducts(db, products);
        sql(`UPDATE settings SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'catalog_version'`).run();
      }).immediate();
      snapshots.invalidate();
      return { count: products.length };
    },

    async close() {
      closed = true;
      if (db.open) db.close();
    },
  };
}
