import { placeClaimed, placedReply } from './claimed-placement.js';
import { createHash } from 'node:crypto';
import type { Cart, Customer } from '../catalog/commerce.js';
import { ShopError } from '../catalog/shop-error.js';
import { formatPrice } from '../i18n/format.js';
import { isReply, linkedCustomer } from './account.js';
import { answer, ask, finish, settled, speak, type TurnContext } from './context.js';
import { cartItems, shopCart, unavailableLines } from './cart-speech.js';
import { confirmOrder, lockedReply, orderingLocked } from './purchase-code.js';
import { settleLostReorders } from './reorder.js';
import { join } from './speech.js';
import type { Speech, VoiceReply } from './turn.js';

/**
 * CheckoutIntent ("bestell den Warenkorb"): reads back the shop, at most three items by name and
 * the count of the rest, what cannot be delivered, delivery and the total, then asks. Nothing is
 * placed until an explicit yes to exactly that total (platform-rules.md, "Ordering by voice").
 */
export async function checkout(ctx: TurnContext): Promise<VoiceReply> {
  const customer = await linkedCustomer(ctx);
  if (isReply(customer)) return customer;
  const pending = ctx.turn.session.state.pending;
  if (pending?.kind === 'checkout' && ctx.turn.confirmation === 'CONFIRMED') return confirmCheckout(ctx, customer, pending.totalCents);
  if (pending?.kind === 'checkout' && ctx.turn.confirmation === 'DENIED') return declineCheckout(ctx);
  if (await orderingLocked(ctx)) return lockedReply(ctx);

  const settledBefore = await settleLostReorders(ctx, customer);
  if (settledBefore) return answer(ctx, settledBefore, settled(ctx));
  const cart = await cartOf(ctx, customer);
  return isReply(cart) ? cart : offer(ctx, cart);
}

/** "Ja" to the checkout question: the purchase code, if the shop asks for one, then the placement. */
export function confirmCheckout(ctx: TurnContext, customer: Customer, totalCents: number): Promise<VoiceReply> {
  return confirmOrder(ctx, customer, { kind: 'checkout', totalCents }, (c, who, order) => placeCheckout(c, who, order.totalCents));
}

/** "Nein" to the checkout question: nothing is ordered, the cart stays as it is. */
export function declineCheckout(ctx: TurnContext): VoiceReply {
  return answer(ctx, speak(ctx, 'checkout.declined'), settled(ctx));
}

/** The cart to order, or the answer when nothing in it can be ordered (empty, or all sold out). */
async function cartOf(ctx: TurnContext, customer: Customer): Promise<Cart | VoiceReply> {
  const cart = await shopCart(ctx).cart(customer.id);
  if (cart.lines.length === 0) throw new ShopError('CART_EMPTY');
  if (!cart.lines.some((l) => l.available)) return answer(ctx, unavailableLines(ctx, cart, 'checkout.nothingAvailable')!, settled(ctx), { outcome: 'error' });
  return cart;
}

function offer(ctx: TurnContext, cart: Cart, before?: Speech): VoiceReply {
  const question = speak(ctx, 'checkout.confirm');
  const state = { ...settled(ctx), pending: { kind: 'checkout', totalCents: cart.totalCents } as const };
  return ask(ctx, join(before, readBack(ctx, cart), question), question, state, {
    dialog: { type: 'confirm-intent', intent: 'CheckoutIntent' },
  });
}

function readBack(ctx: TurnContext, cart: Cart): Speech {
  const delivery = cart.shippingCents > 0
    ? speak(ctx, 'reorder.shipping', { shipping: formatPrice(cart.shippingCents, ctx.locale) })
    : speak(ctx, 'reorder.freeShipping');
  return join(
    speak(ctx, 'checkout.intro', { shop: ctx.shop.name, items: cartItems(ctx, cart.lines.filter((l) => l.available)) }),
    unavailableLines(ctx, cart, 'checkout.unavailable'),
    delivery,
    speak(ctx, 'reorder.total', { total: formatPrice(cart.totalCents, ctx.locale), vat: formatPrice(cart.vatCents, ctx.locale) }),
  );
}

/**
 * Places the cart as read back, at most once: the key is derived here from user, session and the
 * confirmed total (never taken from the client), the cart is quoted again, and the shop refuses a
 * total that moved since (CART_CHANGED). A moved total places nothing: the new cart is read back
 * and asked again.
 */
export async function placeCheckout(ctx: TurnContext, customer: Customer, totalCents: number): Promise<VoiceReply> {
  const { commerce } = ctx.deps;
  const key = checkoutKeyFor(ctx.turn.user.id, ctx.turn.session.id, totalCents);
  // A repeated "ja" after the order went through: the ordered lines have left the cart, so say the order.
  const done = await commerce.cartOutcome?.(customer.id, key);
  if (done) return finish(ctx, speak(ctx, 'reorder.alreadyPlaced', { number: done.number }));
  const cart = await cartOf(ctx, customer);
  if (isReply(cart)) return cart;
  if (cart.totalCents !== totalCents) return offer(ctx, cart, speak(ctx, 'checkout.changed'));
  let placed;
  try {
    // The order may exist when the shop did not answer: the claim stays (as for a reorder).
    placed = await placeClaimed(ctx, key, () => shopCart(ctx).placeCart(customer.id, key, totalCents));
  } catch (error) {
    if (error instanceof ShopError && error.code === 'CART_CHANGED') {
      const now = await cartOf(ctx, customer);
      return isReply(now) ? now : offer(ctx, now, speak(ctx, 'checkout.changed'));
    }
    throw error;
  }
  return 'order' in placed ? placedReply(ctx, placed, 'checkout.placed') : placed;
}

/**
 * The idempotency key of one checkout: the same user, session and confirmed total always give the
 * same key, so a repeated or retried "ja" never places a second order. A cart changed to another
 * total is another order, with another key.
 */
export function checkoutKeyFor(userId: string, sessionId: string, totalCents: number): string {
  const digest = createHash('sha256').update(`checkout\n${userId}\n${sessionId}\n${totalCents}`).digest('base64url');
  return `checkout:${digest.slice(0, 32)}`;
}
