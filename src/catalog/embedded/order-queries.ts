import type { Order, OrderLine, OrderStatus } from '../commerce.js';
import type { Sql } from './statement-cache.js';

interface OrderRow {
  number: string;
  customer_id: string;
  status: OrderStatus;
  placed_at: string;
  total_cents: number;
  carrier: string | null;
  tracking_number: string | null;
  expected_delivery: string | null;
  delivered_on: string | null;
  /** JSON: `[product_id, name_de, name_en, quantity, unit_price_cents]` per line, by position. */
  lines: string;
}

type LineTuple = [productId: string, nameDe: string, nameEn: string, quantity: number, unitPriceCents: number];

/**
 * An order with its lines in one statement: every SQLite statement opens its own read
 * transaction, and a row object per line costs more than one JSON text per order. The demo
 * customer's two orders took about 36 µs as two queries (and a sort of the joined lines), 23 as one.
 */
const ORDER_WITH_LINES = `SELECT number, customer_id, status, placed_at, total_cents, carrier, tracking_number,
    expected_delivery, delivered_on,
    (SELECT json_group_array(json_array(product_id, name_de, name_en, quantity, unit_price_cents) ORDER BY position)
      FROM order_lines WHERE order_number = orders.number) AS lines
  FROM orders`;

function toOrder(row: OrderRow): Order {
  const order: Order = {
    number: row.number,
    customerId: row.customer_id,
    status: row.status,
    placedAt: row.placed_at,
    lines: (JSON.parse(row.lines) as LineTuple[]).map(([productId, de, en, quantity, unitPriceCents]): OrderLine => ({
      productId,
      name: { de, en },
      quantity,
      unitPriceCents,
    })),
    totalCents: row.total_cents,
  };
  if (row.carrier !== null) order.carrier = row.carrier;
  if (row.tracking_number !== null) order.trackingNumber = row.tracking_number;
  if (row.expected_delivery !== null) order.expectedDelivery = row.expected_delivery;
  if (row.delivered_on !== null) order.deliveredOn = row.delivered_on;
  return order;
}

/** A customer's orders, newest first. */
export function listOrders(sql: Sql, customerId: string): Order[] {
  const rows = sql(`${ORDER_WITH_LINES} WHERE customer_id = ?
    ORDER BY placed_at DESC, CAST(number AS INTEGER) DESC`).all(customerId) as OrderRow[];
  return rows.map(toOrder);
}

/** One order of one customer; another customer's order number finds nothing. */
export function getOrder(sql: Sql, customerId: string, orderNumber: string): Order | undefined {
  const row = sql(`${ORDER_WITH_LINES} WHERE number = ? AND customer_id = ?`).get(orderNumber, customerId) as OrderRow | undefined;
  return row && toOrder(row);
}

/** The order a reorder idempotency key already placed, with its owner. */
export function orderByReorderKey(sql: Sql, key: string): { customerId: string; number: string } | undefined {
  const row = sql('SELECT customer_id, number FROM orders WHERE reorder_key = ?').get(key) as
    | { customer_id: string; number: string }
    | undefined;
  return row && { customerId: row.customer_id, number: row.number };
}
