import type { Schemas } from '@shopware/api-client/store-api-types';
import type { Localized, Order, OrderStatus, Product } from '../commerce.js';

type ShopwareOrder = Schemas['Order'];

/** Order associations every order read asks for: lines, deliveries with carrier and state, the order state. */
export const ORDER_ASSOCIATIONS = {
  lineItems: {},
  deliveries: { associations: { shippingMethod: {}, stateMachineState: {} } },
  stateMachineState: {},
} as const;

/**
 * Our status from Shopware's two state machines: the order's (open, in_progress, completed,
 * cancelled) and its first delivery's (open, shipped, shipped_partially, returned, cancelled).
 * Shopware has no "delivered" delivery state; a completed order is taken as delivered.
 */
export function orderStatus(order: ShopwareOrder): OrderStatus {
  const state = order.stateMachineState?.technicalName;
  const delivery = order.deliveries?.[0]?.stateMachineState?.technicalName;
  if (state === 'cancelled') return 'cancelled';
  if (state === 'completed') return 'delivered';
  if (delivery === 'shipped' || delivery === 'shipped_partially') return 'shipped';
  if (state === 'in_progress') return 'in_progress';
  return 'received';
}

const cents = (euros: number) => Math.round(euros * 100);

/**
 * An order as the port speaks it. Lines name the product by its product number (our product id)
 * and in both languages where the product is still in the catalog; Shopware stores a line's label
 * in the order's language only, which stands for both when the product is gone.
 */
export function toPortOrder(order: ShopwareOrder, customerId: string, productById: (id: string) => Product | undefined): Order {
  const lines = [...(order.lineItems ?? [])]
    .filter((line) => line.type === 'product' && !line.parentId)
    .sort((a, b) => (a.position ?? 0) - (b.position ?? 0))
    .map((line) => {
      const productId = String(line.payload?.productNumber ?? line.referencedId ?? line.productId ?? '');
      const name: Localized = productById(productId)?.name ?? { de: line.label, en: line.label };
      return { productId, name, quantity: line.quantity, unitPriceCents: cents(line.unitPrice ?? 0) };
    });
  const result: Order = {
    number: order.orderNumber ?? order.id,
    customerId,
    status: orderStatus(order),
    placedAt: new Date(order.orderDateTime).toISOString(),
    lines,
    totalCents: cents(order.amountTotal ?? order.price.totalPrice),
  };
  const delivery = order.deliveries?.[0];
  if (delivery) {
    const carrier = delivery.shippingMethod?.translated?.name ?? delivery.shippingMethod?.name;
    if (carrier && delivery.trackingCodes?.length) result.carrier = carrier;
    if (delivery.trackingCodes?.[0]) result.trackingNumber = delivery.trackingCodes[0];
    if (delivery.shippingDateLatest && result.status !== 'cancelled') result.expectedDelivery = delivery.shippingDateLatest.slice(0, 10);
  }
  return result;
}
