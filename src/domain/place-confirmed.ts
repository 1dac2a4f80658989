import type { Customer } from '../catalog/commerce.js';
import { placeCheckout } from './checkout.js';
import type { TurnContext } from './context.js';
import { placeReorder } from './reorder.js';
import type { ConfirmedOrder, VoiceReply } from './turn.js';

/** Places what was read back and confirmed (after the purchase code, where one is asked). */
export function placeConfirmed(ctx: TurnContext, customer: Customer, order: ConfirmedOrder): Promise<VoiceReply> {
  return order.kind === 'checkout'
    ? placeCheckout(ctx, customer, order.totalCents)
    : placeReorder(ctx, customer, { kind: 'reorder', orderNumber: order.orderNumber, totalCents: order.totalCents });
}
