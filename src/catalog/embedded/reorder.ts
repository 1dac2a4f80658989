import type { Database } from 'better-sqlite3';
import type { PlacedOrder, Product, ReorderQuote, ShopInfo } from '../commerce.js';
import { ShopError } from '../shop-error.js';
import { getOrder, orderByReorderKey } from './order-queries.js';
import { productFromRow, type ProductRow } from './product-rows.js';
import type { Sql } from './statement-cache.js';

/**
 * What ordering `orderNumber` again costs today. A line is available when its product still
 * exists, is sold, and has stock for the whole quantity; prices are today's. Shipping follows
 * the shop's rule; VAT is the share already contained in the gross total.
 */
export function quoteReorder(sql: Sql, shop: ShopInfo, customerId: string, orderNumber: string): ReorderQuote {
  const order = getOrder(sql, customerId, orderNumber);
  if (!order) throw new ShopError('ORDER_NOT_FOUND', { orderNumber });
  const quote: ReorderQuote = {
    basedOn: order.number,
    available: [],
    unavailable: [],
    itemsCents: 0,
    shippingCents: 0,
    totalCents: 0,
    vatCents: 0,
  };
  // Every line's product in one statement (fresh, not the snapshot: a quote must show today's prices).
  const rows = sql('SELECT * FROM products WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(order.lines.map((l) => l.productId))) as ProductRow[];
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const line of order.lines) {
    const row = byId.get(line.productId);
    const product: Product | undefined = row && productFromRow(row);
    if (product && product.available && product.stock >= line.quantity) {
      const lineCents = product.priceCents * line.quantity;
      quote.available.push({ product, quantity: line.quantity, lineCents });
      quote.itemsCents += lineCents;
    } else {
      quote.unavailable.push({ name: product?.name ?? line.name, quantity: line.quantity });
    }
  }
  // Nothing to order is a failure the conversation must answer, not an empty basket to confirm.
  if (quote.available.length === 0) throw new ShopError('REORDER_NOTHING_AVAILABLE', { orderNumber });
  quote.shippingCents = quote.itemsCents >= shop.freeShippingFromCents ? 0 : shop.shippingCents;
  quote.totalCents = quote.itemsCents + quote.shippingCents;
  quote.vatCents = Math.round((quote.totalCents * shop.vatPercent) / (100 + shop.vatPercent));
  return quote;
}

/**
 * Places the reorder exactly once per idempotency key. The key is a UNIQUE column of the new
 * order, and the look-up and the insert share one IMMEDIATE transaction, so concurrent calls
 * (in this process or another one on the same file) serialise and all but the first find it.
 */
export function placeReorder(
  db: Database,
  sql: Sql,
  shop: ShopInfo,
  request: { customerId: string; orderNumber: string; idempotencyKey: string; placedAt: string },
): PlacedOrder {
  const { customerId, orderNumber, idempotencyKey, placedAt } = request;
  const place = db.transaction((): PlacedOrder => {
    const existing = orderByReorderKey(sql, idempotencyKey);
    if (existing) {
      // Keys are minted per platform user; reuse by someone else is a bug, and must not leak an order.
      if (existing.customerId !== customerId) throw new Error('reorder idempotency key belongs to another customer');
      return { order: getOrder(sql, customerId, existing.number)!, created: false };
    }
    const quote = quoteReorder(sql, shop, customerId, orderNumber);
    const { next } = sql('SELECT MAX(CAST(number AS INTEGER)) + 1 AS next FROM orders').get() as { next: number | null };
    const number = String(next ?? 10001);
    sql(`INSERT INTO orders (number, customer_id, status, placed_at, total_cents, based_on, reorder_key)
      VALUES (?, ?, 'received', ?, ?, ?, ?)`).run(number, customerId, placedAt, quote.totalCents, quote.basedOn, idempotencyKey);
    const line = sql(`INSERT INTO order_lines (order_number, position, product_id, name_de, name_en, quantity, unit_price_cents)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    quote.available.forEach((l, i) => {
      line.run(number, i + 1, l.product.id, l.product.name.de, l.product.name.en, l.quantity, l.product.priceCents);
    });
    return { order: getOrder(sql, customerId, number)!, created: true };
  });
  return place.immediate();
}
