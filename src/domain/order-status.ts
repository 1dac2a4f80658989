import type { Order } from '../catalog/commerce.js';
import { isReply, linkedCustomer } from './account.js';
import { answer, ask, settled, speak, type TurnContext } from './context.js';
import { choiceIndex } from './choice-answer.js';
import { ShopError } from '../catalog/shop-error.js';
import { calendarDayIn } from './opening-hours.js';
import { pastDate, spokenDate } from './relative-date.js';
import { cleanSpokenText, join, list, plain } from './speech.js';
import type { SessionState, Speech, VoiceReply } from './turn.js';

const OPEN = new Set<Order['status']>(['received', 'in_progress', 'shipped']);

/** At most this many open orders are named when asking which one. */
const MAX_OFFERED = 3;

/**
 * OrderStatusIntent {orderNumber?}: the order named, the one just talked about, or the latest
 * one that still matters — an open order before a delivered or cancelled one; with several
 * open, say how many and ask which. A delivery date already past is said as late, with the
 * offer of customer service. Needs a linked account.
 */
export async function orderStatus(ctx: TurnContext): Promise<VoiceReply> {
  const customer = await linkedCustomer(ctx);
  if (isReply(customer)) return customer;
  const state = settled(ctx);
  const offered = ctx.turn.session.state.orders ?? [];
  const spoken = ctx.turn.slots.orderNumber?.value;
  const named = orderNumberFrom(spoken) ?? pickOffered(ctx, spoken, offered);

  if (spoken !== undefined && named === undefined) {
    // A number was said but not understood (Alexa sends AMAZON.NUMBER as "?"): ask which order
    // rather than answer the latest one as if none had been named.
    const question = speak(ctx, 'order.whichNumber');
    return ask(ctx, question, question, state, { dialog: { type: 'elicit-slot', intent: 'OrderStatusIntent', slot: 'orderNumber' } });
  }
  let order: Order | undefined;
  if (named) {
    order = await ctx.deps.commerce.getOrder(customer.id, named);
    if (!order) throw new ShopError('ORDER_NOT_FOUND', { orderNumber: named });
  } else if (state.order && ctx.turn.session.state.lastIntent === 'OrderStatusIntent') {
    order = await ctx.deps.commerce.getOrder(customer.id, state.order);
  }
  if (!order) {
    const orders = await ctx.deps.commerce.listOrders(customer.id);
    if (orders.length === 0) throw new ShopError('NO_ORDERS');
    const open = orders.filter((o) => OPEN.has(o.status));
    if (open.length > 1) return askWhich(ctx, open.slice(0, MAX_OFFERED), open.length, state);
    order = open[0] ?? orders.find((o) => o.status !== 'cancelled') ?? orders[0]!;
  }
  return tell(ctx, order, { ...state, order: order.number });
}

function tell(ctx: TurnContext, order: Order, state: SessionState): VoiceReply {
  const late = isLate(ctx, order);
  const speech = join(speak(ctx, 'order.intro', { number: order.number }), statusSpeech(ctx, order, late));
  // Card texts go through speak() too: its rendered templates spare i18next on every turn.
  const tracking = order.trackingNumber
    ? `\n${speak(ctx, 'order.cardTracking', { carrier: order.carrier ?? '', tracking: order.trackingNumber }).text}`
    : '';
  const card = { type: 'simple' as const, title: speak(ctx, 'order.cardTitle', { number: order.number }).text, text: speech.text + tracking };
  if (late) {
    const question = speak(ctx, 'order.offerHandoff');
    return ask(ctx, join(speech, question), question, { ...state, pending: { kind: 'handoff' } }, { card });
  }
  return answer(ctx, speech, state, { card });
}

function askWhich(ctx: TurnContext, open: Order[], count: number, state: SessionState): VoiceReply {
  const numbers = list(open.map((o) => plain(o.number)), ctx.locale, 'disjunction');
  const all = list(open.map((o) => plain(o.number)), ctx.locale);
  return ask(ctx, speak(ctx, 'order.severalOpen', { count, numbers: all }, count), speak(ctx, 'order.whichOrder', { numbers }), {
    ...state,
    orders: open.map((o) => o.number),
  }, { dialog: { type: 'elicit-slot', intent: 'OrderStatusIntent', slot: 'orderNumber' } });
}

/** "die zweite" / "the first one" after the open orders were offered. */
function pickOffered(ctx: TurnContext, spoken: string | undefined, offered: string[]): string | undefined {
  if (!spoken || offered.length === 0) return undefined;
  const index = choiceIndex(cleanSpokenText(spoken, 40), ctx.language, offered.length);
  return index === undefined ? undefined : offered[index];
}

/** Not yet delivered, and the expected day is before today in the shop's zone. */
function isLate(ctx: TurnContext, order: Order): boolean {
  return OPEN.has(order.status) && order.expectedDelivery !== undefined && order.expectedDelivery < calendarDayIn(ctx.turn.now, ctx.shop.timeZone);
}

/** Digits only: Alexa's AMAZON.NUMBER and Dialogflow's @sys.number (which may say "10042.0"). */
function orderNumberFrom(value: string | undefined): string | undefined {
  const cleaned = cleanSpokenText(value, 40).replace(/\.0+$/, '').replace(/[\s-]/g, '');
  return /^\d{1,20}$/.test(cleaned) ? cleaned : undefined;
}

function statusSpeech(ctx: TurnContext, order: Order, late: boolean): Speech {
  if (late) return speak(ctx, 'order.late', { when: pastDate(ctx, order.expectedDelivery!) });
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
