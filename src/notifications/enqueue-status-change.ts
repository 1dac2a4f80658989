import { buildOrderStatusEvent, ORDER_STATUS_EVENT, ORDER_STATUS_LOCALES, orderStatusLocaleAccepted, orderStatusReferenceId, type OrderStatusChange } from './order-status-event.js';
import type { OutboxStore } from './outbox-store.js';

export interface StatusChangeDeps {
  outbox: OutboxStore;
  now: () => Date;
  /** The shop's name as the notification says it ("Your order from <seller> …"), per locale. */
  sellerNames: Record<string, string>;
  /** Locales Amazon accepts for the schema (default {@link ORDER_STATUS_LOCALES}). */
  locales?: readonly string[];
}

/**
 * What became of one status change: `enqueued` (or `duplicate`, already in the outbox), or not
 * sent because the customer has no subscribed Alexa user, or speaks a locale Amazon does not
 * accept for this schema.
 */
export type StatusChangeResult = {
  referenceId: string;
  orderNumber: string;
  status: string;
  outcome: 'enqueued' | 'duplicate' | 'no-subscriber' | 'locale-not-supported';
};

/**
 * Turns a shop's status change for one of its customers into an outbox entry for that customer's
 * subscribed Alexa user, once per status change. Shared by `POST /shop/events` and `shopvoice notify`.
 *
 * @example
 *   await enqueueStatusChange(deps, 'C-ANNA', { shopId: 'lindenhof', orderNumber: '10042', status: 'ORDER_SHIPPED', expectedArrival })
 *   // { referenceId: 'os~…', orderNumber: '10042', status: 'ORDER_SHIPPED', outcome: 'enqueued' }
 */
export async function enqueueStatusChange(deps: StatusChangeDeps, customerId: string, change: OrderStatusChange): Promise<StatusChangeResult> {
  const result = (outcome: StatusChangeResult['outcome']): StatusChangeResult => ({
    referenceId: orderStatusReferenceId(change),
    orderNumber: change.orderNumber,
    status: change.status,
    outcome,
  });
  const subscriber = await deps.outbox.subscriberOf(customerId, ORDER_STATUS_EVENT);
  if (!subscriber) return result('no-subscriber');
  const locales = deps.locales ?? ORDER_STATUS_LOCALES;
  // An English-only schema read to a German or British customer is either refused by Amazon or
  // not what they chose: see docs/notifications.md, "Locales".
  if (!orderStatusLocaleAccepted(subscriber.locale, locales)) return result('locale-not-supported');
  const now = deps.now();
  const event = buildOrderStatusEvent(change, subscriber.userId, { sellerNames: deps.sellerNames, now, locales });
  const { enqueued } = await deps.outbox.enqueue(event, now);
  return result(enqueued ? 'enqueued' : 'duplicate');
}
