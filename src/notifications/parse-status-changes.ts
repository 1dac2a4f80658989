import { ORDER_STATUSES, type OrderStatus } from './order-status-event.js';

/** One change as the shop reports it, customer included. */
export interface ReportedStatusChange {
  customerId: string;
  orderNumber: string;
  status: OrderStatus;
  expectedArrival?: Date;
}

/** Most changes one webhook call may carry. */
export const MAX_CHANGES = 100;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function isText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= max;
}

/**
 * Reads the webhook body: one change `{ customerId, orderNumber, status, expectedArrival? }` or
 * `{ changes: [ … ] }`. Every problem is reported, with where it is.
 *
 * @example parseStatusChanges({ customerId: 'C-ANNA', orderNumber: '10042', status: 'ORDER_DELIVERED' })
 *   // { changes: [{ customerId: 'C-ANNA', orderNumber: '10042', status: 'ORDER_DELIVERED' }], problems: [] }
 */
export function parseStatusChanges(body: unknown): { changes: ReportedStatusChange[]; problems: string[] } {
  const problems: string[] = [];
  const list = body !== null && typeof body === 'object' && 'changes' in body ? (body as { changes: unknown }).changes : [body];
  if (!Array.isArray(list) || list.length === 0) return { changes: [], problems: ['changes must be a non-empty array'] };
  if (list.length > MAX_CHANGES) return { changes: [], problems: [`at most ${MAX_CHANGES} changes per call`] };
  const changes: ReportedStatusChange[] = [];
  list.forEach((item: unknown, index) => {
    const where = list.length === 1 && list[0] === body ? '' : `changes[${index}].`;
    if (item === null || typeof item !== 'object') return void problems.push(`${where.slice(0, -1) || 'body'} must be an object`);
    const { customerId, orderNumber, status, expectedArrival } = item as Record<string, unknown>;
    const before = problems.length;
    if (!isText(customerId, 128)) problems.push(`${where}customerId must be a non-empty string`);
    if (!isText(orderNumber, 64)) problems.push(`${where}orderNumber must be a non-empty string of at most 64 characters`);
    if (!ORDER_STATUSES.includes(status as OrderStatus)) problems.push(`${where}status must be one of ${ORDER_STATUSES.join(', ')}`);
    let arrival: Date | undefined;
    if (expectedArrival !== undefined) {
      if (typeof expectedArrival !== 'string' || !ISO_INSTANT.test(expectedArrival) || Number.isNaN(Date.parse(expectedArrival))) {
        problems.push(`${where}expectedArrival must be an ISO 8601 instant with offset, like 2026-11-24T16:00:00Z`);
      } else arrival = new Date(expectedArrival);
    } else if (status === 'ORDER_SHIPPED') problems.push(`${where}expectedArrival is required for ORDER_SHIPPED`);
    if (problems.length > before) return;
    const change: ReportedStatusChange = { customerId: customerId as string, orderNumber: orderNumber as string, status: status as OrderStatus };
    if (arrival) change.expectedArrival = arrival;
    changes.push(change);
  });
  return problems.length > 0 ? { changes: [], problems } : { changes, problems };
}
