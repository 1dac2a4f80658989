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
}

interface LineRow {
  order_number: string;
  product_id: string;
  name_de: string;
  name_en: string;
  quantity: number;
  unit_price_cents: number;
}

const ORDER_COLUMNS = 'number, customer_id, status, placed_at, total_cents, carrier, tracking_number, expected_delivery, delivered_on';

function toOrder(row: OrderRow, lines: LineRow[]): Order {
  const order: Order = {
    number: row.number,
    customerId: row.customer_id,
    status: row.status,
    placedAt: row.placed_at,
    lines: lines.map((l): OrderLine => ({
      productId: l.product_id,
      name: { de: l.name_de, en: l.name_en },
      quantity: l.quantity,
      unitPriceCents: l.unit_price_cents,
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
  const rows = sql(`SELECT ${ORDER_COLUMNS} FROM orders WHERE customer_id = ?
    ORDER BY placed_at DESC, CAST(number AS INTEGER) DESC`).all(customerId) as OrderRow[];
  const lines = sql(`SELECT l.* FROM order_lines l JOIN orders o ON o.number = l.order_number
    WHERE o.customer_id = ? ORDER BY l.order_number, l.position`).all(customerId) as LineRow[];
  const byOrder = new Map<string, LineRow[]>();
  for (const line of lines) {
    const list = byOrder.get(line.order_number);
    if (list) list.push(line);
    else byOrder.set(line.order_number, [line]);
  }
  return rows.map((row) => toOrder(row, byOrder.get(row.number) ?? []));
}

/** One order of one customer; another customer's order number finds nothing. */
export function getOrder(sql: Sql, customerId: string, orderNumber: string): Order | undefined {
  const row = sql(`SELECT ${ORDER_COLUMNS} FROM orders WHERE number = ? AND customer_id = ?`)
    .get(orderNumber, customerId) as OrderRow | undefined;
  if (!row) return undefined;
  const lines = sql('SELECT * FROM order_lines WHERE order_number = ? ORDER BY position').all(orderNumber) as LineRow[];
  return toOrder(row, lines);
}

/** The order a reorder idempotency key already placed, with its owner. */
export function orderByReorderKey(sql: Sql, key: string): { customerId: string; number: string } | undefined {
  const row = sql('SELECT customer_id, number FROM orders WHERE reorder_key = ?').get(key) as
    | { customer_id: string; number: string }
    | undefined;
  return row && { customerId: row.customer_id, number: row.number };
}
