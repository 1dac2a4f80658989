import { createHash } from 'node:crypto';

/**
 * The `state.status` values of Amazon's `AMAZON.OrderStatus.Updated` schema (Proactive Events
 * Schemas, https://developer.amazon.com/docs/smapi/schemas-for-proactive-events.html).
 */
export const ORDER_STATUSES = [
  'PREORDER_RECEIVED',
  'ORDER_RECEIVED',
  'ORDER_PREPARING',
  'ORDER_SHIPPED',
  'ORDER_OUT_FOR_DELIVERY',
  'ORDER_DELIVERED',
] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_STATUS_EVENT = 'AMAZON.OrderStatus.Updated';

/**
 * The locales Amazon accepts for `AMAZON.OrderStatus.Updated`. Amazon's Japanese schema page says
 * the schema supports en-US only; the English page names no locales. We send only what is
 * documented (docs/notifications.md, "Locales").
 */
export { ORDER_STATUS_LOCALES } from '../config.js';
import { ORDER_STATUS_LOCALES } from '../config.js';

/** Amazon reads a notification at most this long after its timestamp: the API reference caps expiryTime at 24 hours. */
export const EVENT_LIFETIME_MS = 23 * 60 * 60 * 1000;

/** A status change the shop reported. */
export interface OrderStatusChange {
  /** Which shop (one shopvoice may serve several); part of the reference id. */
  shopId: string;
  orderNumber: string;
  status: OrderStatus;
  /** When the parcel is expected; required for ORDER_SHIPPED (the notification says "will arrive by …"). */
  expectedArrival?: Date;
}

export interface ProactiveEvent {
  timestamp: string;
  referenceId: string;
  expiryTime: string;
  event: { name: string; payload: Record<string, unknown> };
  localizedAttributes: Array<Record<string, string>>;
  relevantAudience: { type: 'Unicast'; payload: { user: string } };
}

/**
 * One reference id per status change: the same shop, order and status always give the same id,
 * so a retried webhook or a resent event is the same event (Amazon answers 409 to a second one).
 * Matches Amazon's `^[A-Za-z0-9~]{1,100}$`.
 *
 * @example orderStatusReferenceId({ shopId: 'lindenhof', orderNumber: '10042', status: 'ORDER_SHIPPED' }) // 'os~3f1c…' (67 chars)
 */
export function orderStatusReferenceId(change: Pick<OrderStatusChange, 'shopId' | 'orderNumber' | 'status'>): string {
  const digest = createHash('sha256').update(`${change.shopId}\u0000${change.orderNumber}\u0000${change.status}`).digest('hex');
  return `os~${digest}`;
}

/** Whether Amazon accepts this schema for a customer's locale; an unknown locale counts as en-US (the only one documented). */
export function orderStatusLocaleAccepted(locale: string | undefined, accepted: readonly string[] = ORDER_STATUS_LOCALES): boolean {
  return accepted.includes(locale ?? 'en-US');
}

/**
 * The `AMAZON.OrderStatus.Updated` event for one Alexa user, ready to POST. The seller's name is a
 * localized attribute, given for every accepted locale.
 *
 * @example
 *   buildOrderStatusEvent({ shopId: 'lindenhof', orderNumber: '10042', status: 'ORDER_SHIPPED',
 *     expectedArrival: new Date('2026-11-24T16:00:00Z') }, 'amzn1.ask.account.X',
 *     { sellerNames: { 'en-US': 'Lindenhof Markt' }, now: new Date() })
 */
export function buildOrderStatusEvent(
  change: OrderStatusChange,
  userId: string,
  options: { sellerNames: Record<string, string>; now: Date; locales?: readonly string[] },
): ProactiveEvent {
  if (!ORDER_STATUSES.includes(change.status)) throw new Error(`unknown order status "${change.status}"`);
  if (change.status === 'ORDER_SHIPPED' && !change.expectedArrival) throw new Error('ORDER_SHIPPED needs the expected arrival');
  const locales = options.locales ?? ORDER_STATUS_LOCALES;
  const localizedAttributes = locales.map((locale) => {
    const sellerName = options.sellerNames[locale] ?? options.sellerNames['en-US'] ?? Object.values(options.sellerNames)[0];
    if (!sellerName) throw new Error(`no seller name for ${locale}`);
    return { locale, sellerName };
  });
  const state: Record<string, unknown> = { status: change.status };
  if (change.expectedArrival && (change.status === 'ORDER_SHIPPED' || change.status === 'ORDER_OUT_FOR_DELIVERY')) {
    state.deliveryDetails = { expectedArrival: change.expectedArrival.toISOString() };
  }
  return {
    timestamp: options.now.toISOString(),
    referenceId: orderStatusReferenceId(change),
    expiryTime: new Date(options.now.getTime() + EVENT_LIFETIME_MS).toISOString(),
    event: {
      name: ORDER_STATUS_EVENT,
      payload: { state, order: { seller: { name: 'localizedattribute:sellerName' } } },
    },
    localizedAttributes,
    relevantAudience: { type: 'Unicast', payload: { user: userId } },
  };
}
