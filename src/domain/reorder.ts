import { placeClaimed, placedReply } from './claimed-placement.js';
import { createHash } from 'node:crypto';
import type { Customer, ReorderQuote } from '../catalog/commerce.js';
import { formatPrice } from '../i18n/format.js';
import { isReply, linkedCustomer } from './account.js';
import { answer, ask, finish, settled, speak, type TurnContext } from './context.js';
import { ShopError } from '../catalog/shop-error.js';
import { productName } from './product-speech.js';
import { confirmOrder, lockedReply, orderingLocked } from './purchase-code.js';
import { join, list, plain } from './speech.js';
import type { PendingQuestion, Speech, VoiceReply } from './turn.js';

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
  if (pending?.kind === 'reorder' && ctx.turn.confirmation === 'CONFIRMED') return confirmReorder(ctx, customer, pending);
  if (pending?.kind === 'reorder' && ctx.turn.confirmation === 'DENIED') return declineReorder(ctx);
  if (await orderingLocked(ctx)) return lockedReply(ctx);

  // A placement whose answer was lost is settled first: its basket is not offered a second time.
  // The latest order is asked for meanwhile (the two are independent).
  const [settledBefore, orders] = await Promise.all([settleLostReorders(ctx, customer), ctx.deps.commerce.listOrders(customer.id)]);
  if (settledBefore) return answer(ctx, settledBefore, settled(ctx));

  const [latest] = orders;
  if (!latest) throw new ShopError('NO_ORDERS');
  const quote = await ctx.deps.commerce.quoteReorder(customer.id, latest.number);
  if (quote.available.length === 0) throw new ShopError('REORDER_NOTHING_AVAILABLE', { orderNumber: latest.number });
  return offer(ctx, quote, latest.number);
}

/** Reads the basket back and asks; the pending question holds what was read back (order and total). */
function offer(ctx: TurnContext, quote: ReorderQuote, orderNumber: string, before?: Speech): VoiceReply {
  const question = speak(ctx, 'reorder.confirm');
  const state = { ...settled(ctx), pending: { kind: 'reorder', orderNumber, totalCents: quote.totalCents } as const };
  return ask(ctx, join(before, readBack(ctx, quote), question), question, state, {
    dialog: { type: 'confirm-intent', intent: 'ReorderIntent' },
  });
}

/** "Ja" to the reorder question: the purchase code first where the shop asks for one (issue 17). */
export function confirmReorder(ctx: TurnContext, customer: Customer, pending: PendingReorder): Promise<VoiceReply> {
  return confirmOrder(ctx, customer, pending, (c, who) => placeReorder(c, who, pending));
}

/** How long a claim may be in flight before its placement counts as lost (the reply budget is 4 s). */
const IN_FLIGHT_MS = 30_000;

/**
 * The answer to "yes" while a reorder waits for confirmation. Places it at most once, and only
 * the basket that was read back: the idempotency key is derived here from user, session and
 * order (never taken from the client), and the total is quoted again; if it moved (a price
 * changed, an item sold out), nothing is placed and the new basket is read back and asked again.
 */
export async function placeReorder(ctx: TurnContext, customer: Customer, pending: PendingReorder): Promise<VoiceReply> {
  const { commerce } = ctx.deps;
  const key = reorderKey(ctx, pending.orderNumber);
  const quote = await commerce.quoteReorder(customer.id, pending.orderNumber);
  if (quote.available.length === 0) throw new ShopError('REORDER_NOTHING_AVAILABLE', { orderNumber: pending.orderNumber });
  if (quote.totalCents !== pending.totalCents) {
    return offer(ctx, quote, pending.orderNumber, speak(ctx, 'reorder.changed'));
  }
  // Exactly once under the key; a lost answer leaves the claim for the next "ja" or session (claimed-placement.ts).
  const placed = await placeClaimed(ctx, key, () => commerce.placeReorder(customer.id, pending.orderNumber, key));
  return 'order' in placed ? placedReply(ctx, placed, 'reorder.placed') : placed;
}

/**
 * Placements of this customer whose answer was lost: asks the shop for each one's outcome. An
 * order that exists is recorded and said ("ist doch eingegangen"); a key that placed nothing is
 * released, so the basket can be offered again. Claims younger than a reply may still be in flight.
 */
export async function settleLostReorders(ctx: TurnContext, customer: Customer): Promise<Speech | undefined> {
  const { state, commerce } = ctx.deps;
  if (!commerce.reorderOutcome) return undefined;
  const keys = await lostReorderKeys(ctx);
  // Each key's outcome is asked for at once; what is said keeps the keys' order.
  const outcomes = await Promise.all(keys.map(async (key) => {
    const order = await commerce.reorderOutcome!(customer.id, key);
    if (order) {
      await state.completeReorder(key, order.number, ctx.turn.user.id);
      return speak(ctx, 'reorder.placedAfterAll', { number: order.number });
    }
    await state.releaseReorder(key, ctx.turn.user.id);
    return undefined;
  }));
  const said = outcomes.filter((s): s is Speech => s !== undefined);
  return said.length > 0 ? join(...said) : undefined;
}

function lostReorderKeys(ctx: TurnContext): Promise<string[]> {
  return ctx.deps.state.unfinishedReorders(ctx.turn.user.id, new Date(ctx.turn.now.toMillis() - IN_FLIGHT_MS));
}

/**
 * At the start of a session: what became of a linked customer's placement whose answer was lost
 * ("Übrigens: Deine Bestellung 10045 ist doch eingegangen."). Silent when there is none, and when
 * the shop cannot say right now: the welcome must not fail for it.
 */
export async function lostReorderNews(ctx: TurnContext): Promise<Speech | undefined> {
  const token = ctx.turn.user.accessToken;
  if (!token || !ctx.deps.commerce.reorderOutcome) return undefined;
  try {
    if ((await lostReorderKeys(ctx)).length === 0) return undefined;
    const customer = await ctx.reads.customer(token);
    return customer ? await settleLostReorders(ctx, customer) : undefined;
  } catch (error) {
    ctx.deps.log.warn({ err: error }, 'the outcome of a lost reorder could not be settled at launch');
    return undefined;
  }
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
  return reorderKeyFor(ctx.turn.user.id, ctx.turn.session.id, orderNumber);
}

/** The key of a reorder of `orderNumber` confirmed by this user in this session. */
export function reorderKeyFor(userId: string, sessionId: string, orderNumber: string): string {
  const digest = createHash('sha256').update(`${userId}\n${sessionId}\n${orderNumber}`).digest('base64url');
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
