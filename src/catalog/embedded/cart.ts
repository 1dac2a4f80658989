import type { Database } from 'better-sqlite3';
import type { Cart, CartLine, PlacedOrder, ShopInfo } from '../commerce.js';
import { ShopError } from '../shop-error.js';
import { getOrder, orderByReorderKey } from './order-queries.js';
import { productFromRow, type ProductRow } from './product-rows.js';
import type { Sql } from './statement-cache.js';

interface CartRow { product_id: string; name_de: string; name_en: string; quantity: number }

/**
 * The customer's cart at today's prices and stock. A line is available when its product still
 * exists, is sold, and has stock for the whole quantity; shipping and VAT follow the shop's rules
 * as for a reorder.
 */
export function quoteCart(sql: Sql, shop: ShopInfo, customerId: string): Cart {
  const rows = sql('SELECT product_id, name_de, name_en, quantity FROM cart_lines WHERE customer_id = ? ORDER BY position')
    .all(customerId) as CartRow[];
  const lines = rows.map((row): CartLine => {
    const productRow = sql('SELECT * FROM products WHERE id = ?').get(row.product_id) as ProductRow | undefined;
    const product = productRow && productFromRow(productRow);
    const available = Boolean(product && product.available && product.stock >= row.quantity);
    return {
      product,
      productId: row.product_id,
      name: product?.name ?? { de: row.name_de, en: row.name_en },
      quantity: row.quantity,
      available,
      lineCents: available ? product!.priceCents * row.quantity : 0,
    };
  });
  const itemsCents = lines.reduce((sum, l) => sum + l.lineCents, 0);
  const shippingCents = itemsCents === 0 || itemsCents >= shop.freeShippingFromCents ? 0 : shop.shippingCents;
  const totalCents = itemsCents + shippingCents;
  return { lines, itemsCents, shippingCents, totalCents, vatCents: Math.round((totalCents * shop.vatPercent) / (100 + shop.vatPercent)) };
}

/** Adds `quantity` of a product; refuses one that is not sold or has not that many in stock. */
export function addToCart(db: Database, sql: Sql, shop: ShopInfo, customerId: string, productId: string, quantity: number): Cart {
  if (!Number.isSafeInteger(quantity) || quantity < 1) throw new RangeError('a cart quantity is a whole number from 1');
  return db.transaction(() => {
    const row = sql('SELECT * FROM products WHERE id = ?').get(productId) as ProductRow | undefined;
    if (!row) throw new ShopError('PRODUCT_UNAVAILABLE', { productId });
    const product = productFromRow(row);
    const had = (sql('SELECT quantity FROM cart_lines WHERE customer_id = ? AND product_id = ?').get(customerId, productId) as { quantity: number } | undefined)?.quantity ?? 0;
    if (!product.available || product.stock < had + quantity) {
      throw new ShopError('PRODUCT_UNAVAILABLE', { productId, stock: product.available ? product.stock : 0 });
    }
    sql(`INSERT INTO cart_lines (customer_id, product_id, name_de, name_en, quantity, position)
      VALUES (?, ?, ?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM cart_lines WHERE customer_id = ?))
      ON CONFLICT (customer_id, product_id) DO UPDATE SET quantity = quantity + excluded.quantity`)
      .run(customerId, productId, product.name.de, product.name.en, quantity, customerId);
    return quoteCart(sql, shop, customerId);
  }).immediate();
}

export function removeFromCart(sql: Sql, shop: ShopInfo, customerId: string, productId: string): Cart {
  sql('DELETE FROM cart_lines WHERE customer_id = ? AND product_id = ?').run(customerId, productId);
  return quoteCart(sql, shop, customerId);
}

/**
 * Orders the cart's available lines once per key: look-up, total check, insert and emptying the
 * ordered lines share one IMMEDIATE transaction, so concurrent calls serialise and all but the
 * first find the order. The key is the order's UNIQUE `reorder_key` (a checkout key never equals a
 * reorder key: the domain prefixes them).
 */
export function placeCart(
  db: Database,
  sql: Sql,
  shop: ShopInfo,
  request: { customerId: string; idempotencyKey: string; expectedTotalCents: number; placedAt: string },
): PlacedOrder {
  const { customerId, idempotencyKey, expectedTotalCents, placedAt } = request;
  return db.transaction((): PlacedOrder => {
    const existing = orderByReorderKey(sql, idempotencyKey);
    if (existing) {
      if (existing.customerId !== customerId) throw new Error('checkout idempotency key belongs to another customer');
      return { order: getOrder(sql, customerId, existing.number)!, created: false };
    }
    const cart = quoteCart(sql, shop, customerId);
    const ordered = cart.lines.filter((l) => l.available);
    if (ordered.length === 0) throw new ShopError('CART_EMPTY');
    if (cart.totalCents !== expectedTotalCents) throw new ShopError('CART_CHANGED', { totalCents: cart.totalCents });
    const { next } = sql('SELECT MAX(CAST(number AS INTEGER)) + 1 AS next FROM orders').get() as { next: number | null };
    const number = String(next ?? 10001);
    sql(`INSERT INTO orders (number, customer_id, status, placed_at, total_cents, based_on, reorder_key)
      VALUES (?, ?, 'received', ?, ?, NULL, ?)`).run(number, customerId, placedAt, cart.totalCents, idempotencyKey);
    const line = sql(`INSERT INTO order_lines (order_number, position, product_id, name_de, name_en, quantity, unit_price_cents)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    const remove = sql('DELETE FROM cart_lines WHERE customer_id = ? AND product_id = ?');
    ordered.forEach((l, i) => {
      line.run(number, i + 1, l.productId, l.name.de, l.name.en, l.quantity, l.product!.priceCents);
      remove.run(customerId, l.productId);
    });
    return { order: getOrder(sql, customerId, number)!, created: true };
  }).immediate();
}
