import type { Database } from 'better-sqlite3';
import type { PlacedOrder, Product, ReorderQuote, ShopInfo } from '../commerce.js';
import { ShopError } from '../shop-error.js';
import { getOrder, orderByReorderKey } from './order-queries.js';
import { productFromRow, type ProductRow } from './product-rows.js';
import type { Sql } from './statement-cache.js';

/** A line of an order with its product as it is today (`id` and the product's columns null when it is gone). */
interface QuoteRow extends Omit<ProductRow, 'id'> {
  id: string | null;
  order_number: string;
  /** Null (and every other line column) for an order without lines. */
  line_product_id: string | null;
  line_name_de: string;
  line_name_en: string;
  line_quantity: number;
}

/**
 * An order's lines by position, each with today's product, in one statement (a fresh read, not
 * the snapshot: a quote must show today's prices). No row: no such order of this customer.
 */
const ORDER_LINES_WITH_PRODUCTS = `SELECT o.number AS order_number, l.product_id AS line_product_id, l.name_de AS line_name_de,
    l.name_en AS line_name_en, l.quantity AS line_quantity, p.*
  FROM orders o
  LEFT JOIN order_lines l ON l.order_number = o.number
  LEFT JOIN products p ON p.id = l.product_id
  WHERE o.number = ? AND o.customer_id = ?
  ORDER BY l.position`;

/**
 * What ordering `orderNumber` again costs today. A line is available when its product still
 * exists, is sold, and has stock for the whole quantity; prices are today's. Shipping follows
 * the shop's rule; VAT is the share already contained in the gross total.
 */
export function quoteReorder(sql: Sql, shop: ShopInfo, customerId: string, orderNumber: string): ReorderQuote {
  const rows = sql(ORDER_LINES_WITH_PRODUCTS).all(orderNumber, customerId) as QuoteRow[];
  if (rows.length === 0) throw new ShopError('ORDER_NOT_FOUND', { orderNumber });
  const quote: ReorderQuote = {
    basedOn: rows[0]!.order_number,
    available: [],
    unavailable: [],
    itemsCents: 0,
    shippingCents: 0,
    totalCents: 0,
    vatCents: 0,
  };
  for (const row of rows) {
    if (row.line_product_id === null) continue;
    const quantity = row.line_quantity;
    const product: Product | undefined = row.id === null ? undefined : productFromRow(row as ProductRow);
    if (product && product.available && product.stock >= quantity) {
      const lineCents = product.priceCents * quantity;
      quote.available.push({ product, quantity, lineCents });
      quote.itemsCents += lineCents;
    } else {
      quote.unavailable.push({ name: product?.name ?? { de: row.line_name_de, en: row.line_name_en }, quantity });
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
