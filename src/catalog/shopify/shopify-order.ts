import type { Order, OrderStatus, Product } from '../commerce.js';
import { cents } from './shopify-product.js';

/** An order of the Customer Account API orders query (customer-account-orders.graphql). */
export interface CustomerAccountOrder {
  id: string;
  name: string;
  number: number;
  processedAt: string;
  cancelledAt: string | null;
  fulfillmentStatus: string;
  totalPrice: { amount: string };
  lineItems: { nodes: Array<{ sku: string | null; title: string; variantTitle: string | null; variantId: string | null; quantity: number; price: { amount: string } | null }> };
  fulfillments: {
    nodes: Array<{
      status: string | null;
      latestShipmentStatus: string | null;
      estimatedDeliveryAt: string | null;
      updatedAt: string;
      trackingInformation: Array<{ company: string | null; number: string | null }>;
    }>;
  };
}

/** Our status from the order's cancellation, fulfilment status and its shipments' latest event. */
export function orderStatus(order: CustomerAccountOrder): OrderStatus {
  if (order.cancelledAt) return 'cancelled';
  const shipments = order.fulfillments.nodes.filter((f) => f.status !== 'CANCELLED' && f.status !== 'FAILURE' && f.status !== 'ERROR');
  if (shipments.length > 0 && shipments.every((f) => f.latestShipmentStatus === 'DELIVERED')) return 'delivered';
  if (shipments.some((f) => f.status === 'SUCCESS')) return 'shipped';
  if (['IN_PROGRESS', 'PARTIALLY_FULFILLED', 'READY_FOR_DELIVERY', 'READY_FOR_PICKUP'].includes(order.fulfillmentStatus)) return 'in_progress';
  return 'received';
}

/** An order as the port speaks it; lines name products by SKU, in both languages while the product is sold. */
export function toPortOrder(order: CustomerAccountOrder, customerId: string, productById: (id: string) => Product | undefined): Order {
  const status = orderStatus(order);
  const result: Order = {
    number: order.name.replace(/^#/, ''),
    customerId,
    status,
    placedAt: new Date(order.processedAt).toISOString(),
    lines: order.lineItems.nodes.map((line) => {
      const productId = line.sku || line.variantId || line.title;
      const label = line.variantTitle ? `${line.title} ${line.variantTitle}` : line.title;
      return {
        productId,
        name: productById(productId)?.name ?? { de: label, en: label },
        quantity: line.quantity,
        unitPriceCents: cents(line.price?.amount ?? 0),
      };
    }),
    totalCents: cents(order.totalPrice.amount),
  };
  const shipment = order.fulfillments.nodes.find((f) => f.trackingInformation.length > 0) ?? order.fulfillments.nodes[0];
  const tracking = shipment?.trackingInformation[0];
  if (tracking?.company) result.carrier = tracking.company;
  if (tracking?.number) result.trackingNumber = tracking.number;
  if (shipment?.estimatedDeliveryAt && status !== 'cancelled') result.expectedDelivery = shipment.estimatedDeliveryAt.slice(0, 10);
  if (status === 'delivered' && shipment) result.deliveredOn = shipment.updatedAt.slice(0, 10);
  return result;
}
