import { parseNumber } from '../text/number-words.js';
import type { Customer } from '../catalog/commerce.js';
import { isReply, linkedCustomer } from './account.js';
import { answer, ask, settled, speak, type TurnContext } from './context.js';
import { foldSpoken } from './speech.js';
import type { ConfirmedOrder, VoiceReply } from './turn.js';

/** Wrong codes after which ordering is locked for the rest of the session. */
export const WRONG_CODES_TO_LOCK = 3;

/**
 * Places an order that was read back and confirmed: the checkout's or the reorder's own
 * placement, each of which quotes again and derives its idempotency key.
 */
export type PlaceConfirmed = (ctx: TurnContext, customer: Customer, order: ConfirmedOrder) => Promise<VoiceReply>;

/** True when ordering is locked for this session: three wrong purchase codes were said. */
export async function orderingLocked(ctx: TurnContext): Promise<boolean> {
  const codes = ctx.deps.purchaseCodes;
  if (!codes) return false;
  return (await codes.wrongCodes(ctx.turn.user.id, ctx.turn.session.id)) >= WRONG_CODES_TO_LOCK;
}

/** "Bestellen ist in dieser Sitzung gesperrt": nothing is read back or placed. */
export function lockedReply(ctx: TurnContext): VoiceReply {
  return answer(ctx, speak(ctx, 'purchaseCode.locked'), settled(ctx), { outcome: 'error' });
}

/**
 * The step between "yes" and the placement. With purchase codes on and a code set, asks for it
 * (the order as confirmed waits, sealed, in the session); else places at once. Locked sessions
 * place nothing.
 */
export async function confirmOrder(ctx: TurnContext, customer: Customer, order: ConfirmedOrder, place: PlaceConfirmed): Promise<VoiceReply> {
  const codes = ctx.deps.purchaseCodes;
  if (!codes || !(await codes.hasCode(customer.id))) return place(ctx, customer, order);
  if (await orderingLocked(ctx)) return lockedReply(ctx);
  return askForCode(ctx, order, speak(ctx, 'purchaseCode.ask'));
}

function askForCode(ctx: TurnContext, order: ConfirmedOrder, question: ReturnType<typeof speak>): VoiceReply {
  return ask(ctx, question, speak(ctx, 'purchaseCode.ask'), { ...settled(ctx), pending: { kind: 'code', order } }, {
    dialog: { type: 'elicit-slot', intent: 'PurchaseCodeIntent', slot: 'code' },
  });
}

/**
 * PurchaseCodeIntent {code}: the answer to "sag deinen Kaufcode". The right code places the
 * order as confirmed; a wrong one is counted (server-side, per user and session) and asked
 * again, the third locks ordering for the session. The code is never said back or logged.
 */
export async function purchaseCode(ctx: TurnContext, place: PlaceConfirmed): Promise<VoiceReply> {
  const pending = ctx.turn.session.state.pending;
  const codes = ctx.deps.purchaseCodes;
  if (pending?.kind !== 'code' || !codes) return answer(ctx, speak(ctx, 'purchaseCode.nothingToConfirm'), settled(ctx));
  const customer = await linkedCustomer(ctx);
  if (isReply(customer)) return customer;
  if (await orderingLocked(ctx)) return lockedReply(ctx);
  const code = spokenCode(ctx.turn.slots.code?.value ?? '');
  if (!/^\d{4}$/.test(code)) return askForCode(ctx, pending.order, speak(ctx, 'purchaseCode.fourDigits'));
  if (await codes.matches(customer.id, code)) return place(ctx, customer, pending.order);
  const wrong = await codes.recordWrongCode(ctx.turn.user.id, ctx.turn.session.id, ctx.turn.now.toJSDate());
  if (wrong >= WRONG_CODES_TO_LOCK) return lockedReply(ctx);
  return askForCode(ctx, pending.order, speak(ctx, 'purchaseCode.wrong', { count: WRONG_CODES_TO_LOCK - wrong }, WRONG_CODES_TO_LOCK - wrong));
}

/**
 * The digits of a spoken code: Alexa's AMAZON.FOUR_DIGIT_NUMBER and the Dialogflow webhook give
 * digits (kept as said: "0815" stays four digits); an answer to the elicited slot that reached
 * Dialogflow's fallback is still words, read digit by digit in either language (text/number-words.ts).
 * Anything else gives a string that is not four digits.
 *
 * @example spokenCode('vier sieben eins eins') // '4711'
 */
export function spokenCode(value: string): string {
  const words = foldSpoken(value).split(' ').filter(Boolean);
  if (words.length === 1 && /^\d+$/.test(words[0]!)) return words[0]!;
  return parseNumber(words, 'de') ?? parseNumber(words, 'en') ?? '?';
}
