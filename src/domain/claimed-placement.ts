import type { PlacedOrder } from '../catalog/commerce.js';
import { ShopError } from '../catalog/shop-error.js';
import { formatPrice } from '../i18n/format.js';
import { finish, speak, type TurnContext } from './context.js';
import type { VoiceReply } from './turn.js';

/**
 * Places an order under its idempotency key at most once, the way a reorder and a checkout both
 * must (issue 15, "Money as read back"): the key is claimed for the user first (a claim someone
 * else holds is said, never placed again); a shop that did not answer leaves the claim suspended
 * (the order may exist: the next "ja" or session asks the shop for the key's outcome) and is said
 * as REORDER_OUTCOME_UNKNOWN; any other failure releases the claim and is the caller's to answer.
 * The placed order is recorded with the key.
 *
 * @example
 *   const placed = await placeClaimed(ctx, key, () => commerce.placeReorder(customer.id, number, key));
 *   if (!('order' in placed)) return placed; // already placed, or in flight
 */
export async function placeClaimed(ctx: TurnContext, key: string, place: () => Promise<PlacedOrder>): Promise<PlacedOrder | VoiceReply> {
  const { state } = ctx.deps;
  const user = ctx.turn.user.id;
  const claim = await state.claimReorder(key, user);
  if (!claim.claimed) {
    const text = claim.orderNumber ? 'reorder.alreadyPlaced' : 'reorder.inProgress';
    return finish(ctx, speak(ctx, text, { number: claim.orderNumber ?? '' }));
  }
  let placed: PlacedOrder;
  try {
    placed = await place();
  } catch (error) {
    if (error instanceof ShopError && error.code === 'SHOP_UNAVAILABLE') {
      await state.suspendReorder(key, user).catch(() => undefined);
      throw new ShopError('REORDER_OUTCOME_UNKNOWN', {}, { cause: error });
    }
    await state.releaseReorder(key, user).catch(() => undefined);
    throw error;
  }
  await state.completeReorder(key, placed.order.number, user);
  return placed;
}

/** The end of a placed order: its number, total and shop said (`reorder.placed`, `checkout.placed`), the order card. */
export function placedReply(ctx: TurnContext, placed: PlacedOrder, textKey: 'reorder.placed' | 'checkout.placed'): VoiceReply {
  const speech = speak(ctx, textKey, {
    number: placed.order.number,
    total: formatPrice(placed.order.totalCents, ctx.locale),
    shop: ctx.shop.name,
  });
  return finish(ctx, speech, {
    card: { type: 'simple', title: String(ctx.t('reorder.cardTitle', { number: placed.order.number })), text: speech.text },
  });
}
