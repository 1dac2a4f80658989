import { createHash } from 'node:crypto';
import type { Customer, ReorderQuote } from '../catalog/commerce.js';
import { formatPrice } from '../i18n/format.js';
import { isReply, linkedCustomer } from './account.js';
import { answer, ask, finish, settled, speak, type TurnContext } from './context.js';
import { ShopError } from '../catalog/shop-error.js';
import { productName } from './product-speech.js';
import { join, list, plain } from './speech.js';
import type { PendingQuestion, VoiceReply } from './turn.js';

type PendingReorder = Extract<PendingQuestion, { kind: 'reorder' }>;

/** Items named in the read-back before the rest is only counted. */
const READ_BACK_ITEMS = 3;

/**
 * ReorderIntent: read back the seller, the items, what is unavailable, delivery and the total
 * including VAT and shipping, then ask (platform-rules.md, "Ordering by voice"). Nothing is
 * placed until an explicit yes.
 */
export async function reorder(ctx: TurnContext): Promise<VoiceReply> {
  const customer = await linkedCustomer(ctx);
  if (isReply(customer)) return customer;

  const pending = ctx.turn.session.state.pending;
  if (pending?.kind === 'reorder' && ctx.turn.confirmation === 'CONFIRMED') return placeReorder(ctx, customer, pending);
  if (pending?.kind === 'reorder' && ctx.turn.confirmation === 'DENIED') return declineReorder(ctx);

  const [latest] = await ctx.deps.commerce.listOrders(customer.id);
  if (!latest) throw new ShopError('NO_ORDERS');
  const quote = await ctx.deps.commerce.quoteReorder(customer.id, latest.number);
  if (quote.available.length === 0) throw new ShopError('REORDER_NOTHING_AVAILABLE', { orderNumber: latest.number });

  const question = speak(ctx, 'reorder.confirm');
  const state = {
    ...settled(ctx),
    pending: { kind: 'reorder', orderNumber: latest.number, totalCents: quote.totalCents, key: reorderKey(ctx, latest.number) } as const,
  };
  return ask(ctx, join(readBack(ctx, quote), question), question, state, {
    dialog: { type: 'confirm-intent', intent: 'ReorderIntent' },
  });
}

/** The answer to "yes" while a reorder waits for confirmation. Places it at most once. */
export async function placeReorder(ctx: TurnContext, customer: Customer, pending: PendingReorder): Promise<VoiceReply> {
  const { state, commerce } = ctx.deps;
  const claim = await state.claimReorder(pending.key, ctx.turn.user.id);
  if (!claim.claimed) {
    const key = claim.orderNumber ? 'reorder.alreadyPlaced' : 'reorder.inProgress';
    return finish(ctx, speak(ctx, key, { number: claim.orderNumber ?? '' }));
  }
  let placed;
  try {
    placed = await commerce.placeReorder(customer.id, pending.orderNumber, pending.key);
    await state.completeReorder(pending.key, placed.order.number, ctx.turn.user.id);
  } catch (error) {
    await state.releaseReorder(pending.key, ctx.turn.user.id).catch(() => undefined);
    throw error;
  }
  const speech = speak(ctx, 'reorder.placed', {
    number: placed.order.number,
    total: formatPrice(placed.order.totalCents, ctx.locale),
    shop: ctx.shop.name,
  });
  return finish(ctx, speech, {
    card: { type: 'simple', title: String(ctx.t('reorder.cardTitle', { number: placed.order.number })), text: speech.text },
  });
}

/** "No" to the reorder question: nothing is ordered. */
export function declineReorder(ctx: TurnContext): VoiceReply {
  return answer(ctx, speak(ctx, 'reorder.declined'), settled(ctx));
}

/**
 * The idempotency key of one reorder offer: the same session and base order always give the
 * same key, so a retried or repeated confirmation can never place a second order.
 */
function reorderKey(ctx: TurnContext, orderNumber: string): string {
  const digest = createHash('sha256').update(`${ctx.turn.user.id}\n${ctx.turn.session.id}\n${orderNumber}`).digest('base64url');
  return `reorder:${digest.slice(0, 32)}`;
}

function readBack(ctx: TurnContext, quote: ReorderQuote) {
  // The read-back names at most three items and counts the rest: a longer list is not heard.
  const named = quote.available.slice(0, READ_BACK_ITEMS)
    .map((line) => speak(ctx, 'reorder.item', { count: line.quantity, name: productName(ctx, line.product) }, line.quantity));
  const rest = quote.available.length - named.length;
  const items = list(rest > 0 ? [...named, speak(ctx, 'reorder.more', { count: rest }, rest)] : named, ctx.locale);
  const missing = quote.unavailable.length
    ? speak(ctx, 'reorder.unavailable', { names: list(quote.unavailable.map((l) => plain(l.name[ctx.language])), ctx.locale) }, quote.unavailable.length)
    : undefined;
  const delivery = quote.shippingCents > 0
    ? speak(ctx, 'reorder.shipping', { shipping: formatPrice(quote.shippingCents, ctx.locale) })
    : speak(ctx, 'reorder.freeShipping');
  return join(
    speak(ctx, 'reorder.intro', { shop: ctx.shop.name, number: quote.basedOn, items }),
    missing,
    delivery,
    speak(ctx, 'reorder.total', { total: formatPrice(quote.totalCents, ctx.locale), vat: formatPrice(quote.vatCents, ctx.locale) }),
  );
}
