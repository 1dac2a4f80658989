import type { Order } from '../catalog/commerce.js';
import { isReply, linkedCustomer } from './account.js';
import { answer, ask, settled, speak, type TurnContext } from './context.js';
import { ShopError } from '../catalog/shop-error.js';
import { spokenDate } from './relative-date.js';
import { cleanSpokenText, join } from './speech.js';
import type { Speech, VoiceReply } from './turn.js';

/** OrderStatusIntent {orderNumber?}: the latest order or the one named; needs a linked account. */
export async function orderStatus(ctx: TurnContext): Promise<VoiceReply> {
  const customer = await linkedCustomer(ctx);
  if (isReply(customer)) return customer;

  const spoken = ctx.turn.slots.orderNumber?.value;
  const named = orderNumberFrom(spoken);
  if (spoken !== undefined && named === undefined) {
    // A number was said but not understood (Alexa sends AMAZON.NUMBER as "?"): ask which order
    // rather than answer the latest one as if none had been named.
    const question = speak(ctx, 'order.whichNumber');
    return ask(ctx, question, question, settled(ctx), { dialog: { type: 'elicit-slot', intent: 'OrderStatusIntent', slot: 'orderNumber' } });
  }
  let order: Order | undefined;
  if (named) {
    order = await ctx.deps.commerce.getOrder(customer.id, named);
    if (!order) throw new ShopError('ORDER_NOT_FOUND', { orderNumber: named });
  } else {
    [order] = await ctx.deps.commerce.listOrders(customer.id);
    if (!order) throw new ShopError('NO_ORDERS');
  }

  const speech = join(speak(ctx, 'order.intro', { number: order.number }), statusSpeech(ctx, order));
  // Card texts go through speak() too: its rendered templates spare i18next on every turn.
  const tracking = order.trackingNumber
    ? `\n${speak(ctx, 'order.cardTracking', { carrier: order.carrier ?? '', tracking: order.trackingNumber }).text}`
    : '';
  return answer(ctx, speech, settled(ctx), {
    card: { type: 'simple', title: speak(ctx, 'order.cardTitle', { number: order.number }).text, text: speech.text + tracking },
  });
}

/** Digits only: Alexa's AMAZON.NUMBER and Dialogflow's @sys.number (which may say "10042.0"). */
function orderNumberFrom(value: string | undefined): string | undefined {
  const cleaned = cleanSpokenText(value, 40).replace(/\.0+$/, '').replace(/[\s-]/g, '');
  return /^\d{1,20}$/.test(cleaned) ? cleaned : undefined;
}

function statusSpeech(ctx: TurnContext, order: Order): Speech {
  switch (order.status) {
    case 'shipped':
      return order.expectedDelivery
        ? speak(ctx, 'order.shipped', { carrier: order.carrier ?? '', when: spokenDate(ctx, order.expectedDelivery) })
        : speak(ctx, 'order.shippedNoDate', { carrier: order.carrier ?? '' });
    case 'delivered':
      return order.deliveredOn
        ? speak(ctx, 'order.delivered', { when: spokenDate(ctx, order.deliveredOn) })
        : speak(ctx, 'order.deliveredNoDate');
    default:
      return speak(ctx, `order.${order.status}`);
  }
}
