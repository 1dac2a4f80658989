import type { ShopInfo } from '../catalog/commerce.js';
import { translatorFor } from '../i18n/i18n.js';
import { isReply, linkedCustomer } from './account.js';
import { addressFormOf, answer, createContext, finish, settled, speak, type TurnContext } from './context.js';
import { say } from './speech.js';
import { fallback, goodbye, help, humanHandoff, launch, navigateHome, repeat } from './conversation.js';
import type { DomainDeps } from './deps.js';
import { ShopError, type ErrorCode } from '../catalog/shop-error.js';
import type { DomainIntent } from './intents.js';
import { TurnReads } from './turn-reads.js';
import { closureNotice } from './closure-notice.js';
import { acceptCallback, declineCallback, turnSummary } from './callback.js';
import { agreeToFeedback, declineFeedback, feedbackScore, spokenScore, withFeedbackQuestion } from './feedback.js';
import { misroutedTurn } from './misrouted-turn.js';
import { orderStatus } from './order-status.js';
import { confirmDeletion, declineDeletion, deleteMyData, privacyInfo, stopNotifications } from './privacy.js';
import { describeProduct, productLookup } from './product-lookup.js';
import { confirmReorder, declineReorder, reorder } from './reorder.js';
import { addToCart, cartContents, removeFromCart } from './cart.js';
import { checkout, confirmCheckout, declineCheckout } from './checkout.js';
import { placeConfirmed } from './place-confirmed.js';
import { purchaseCode } from './purchase-code.js';
import { SESSION_CAPS } from './session-state.js';
import { shopFaq } from './shop-faq.js';
import { storeHours } from './store-hours.js';
import type { VoiceReply, VoiceTurn } from './turn.js';

type Handler = (ctx: TurnContext) => VoiceReply | Promise<VoiceReply>;

const HANDLERS: Record<DomainIntent, Handler> = {
  ProductLookupIntent: productLookup,
  OrderStatusIntent: orderStatus,
  ReorderIntent: reorder,
  StoreHoursIntent: storeHours,
  ShopFaqIntent: shopFaq,
  HumanHandoffIntent: humanHandoff,
  // After the sale (issue 17).
  PrivacyInfoIntent: privacyInfo,
  DeleteMyDataIntent: deleteMyData,
  StopNotificationsIntent: stopNotifications,
  FeedbackScoreIntent: feedbackScore,
  // Cart and checkout by voice (issue 17).
  AddToCartIntent: addToCart,
  CartContentsIntent: cartContents,
  RemoveFromCartIntent: removeFromCart,
  CheckoutIntent: checkout,
  PurchaseCodeIntent: (ctx) => purchaseCode(ctx, placeConfirmed),
  'AMAZON.HelpIntent': help,
  'AMAZON.StopIntent': goodbye,
  'AMAZON.CancelIntent': goodbye,
  'AMAZON.FallbackIntent': fallback,
  'AMAZON.NavigateHomeIntent': navigateHome,
  'AMAZON.YesIntent': yes,
  'AMAZON.NoIntent': no,
  'AMAZON.RepeatIntent': repeat,
};

/** Intents answered without the shop's info (stop and cancel say goodbye, whatever the shop's state). */
const NO_SHOP_NEEDED = new Set<string>(['AMAZON.StopIntent', 'AMAZON.CancelIntent']);

/** What `goodbye` gets for `ctx.shop`: it reads none of it. */
const NO_SHOP_INFO = Object.freeze({}) as ShopInfo;

/** Codes after which the conversation cannot usefully go on. */
const FINAL_ERRORS = new Set<ErrorCode>(['SHOP_UNAVAILABLE', 'INTERNAL', 'ACCOUNT_UNKNOWN']);

/**
 * The single entry of the domain: one platform-neutral turn in, one reply out. Expected
 * failures are answered from the locale files; anything else gets one apology and one log line.
 * An open session keeps what was said, so "wie bitte" can repeat it.
 *
 * @example
 *   const reply = await handleTurn(turn, { commerce, state, log });
 */
export async function handleTurn(turn: VoiceTurn, deps: DomainDeps): Promise<VoiceReply> {
  let t = translatorFor(turn.locale, deps.addressForm ?? 'du');
  let ctx: TurnContext | undefined;
  try {
    // The turn kind first: a session end and a goodbye need nothing from the shop, so they are
    // answered as usual while the shop is out (issue 12).
    if (turn.kind === 'session-ended') return { endSession: true, state: {}, handledAs: 'SessionEndedRequest', outcome: 'ok' };
    if (turn.kind === 'intent' && NO_SHOP_NEEDED.has(turn.intent)) return goodbye(createContext(turn, deps, t, NO_SHOP_INFO, deps.addressForm ?? 'du'));
    // What the turn will certainly read goes out together with the shop's info (turn-reads.ts).
    const reads = new TurnReads(deps.commerce);
    reads.startFor(turn);
    const shop = await deps.commerce.shopInfo();
    const address = addressFormOf(deps, shop);
    t = translatorFor(turn.locale, address);
    ctx = createContext(turn, deps, t, shop, address, reads);
    // After the sale (issue 17): a holiday or closure of the coming week, told once per customer.
    if (turn.kind === 'launch') return remembered(await launch(ctx, closureNotice(ctx)));
    // Platforms do mis-route ("Was kostet der Versand?" as a product): answer what was meant.
    const meant = turn.intent === 'ProductLookupIntent' ? await misroutedTurn(ctx) : undefined;
    if (meant) ctx = createContext(meant, deps, t, shop, address, reads);
    // After the sale (issue 17): a number said while the score question is open is the score.
    if (ctx.turn.session.state.pending?.kind === 'feedback' && spokenScore(ctx) !== undefined) return remembered(await feedbackScore(ctx));
    // Cart and checkout (issue 17): a purchase code asked for may be heard as another number (a
    // score, an order number); while the code is asked for, a number is the code.
    const numberSaid = ctx.turn.slots.score ?? ctx.turn.slots.orderNumber;
    if (ctx.turn.session.state.pending?.kind === 'code' && ctx.turn.intent !== 'PurchaseCodeIntent' && numberSaid?.value) {
      // A number slot drops leading zeros ("null acht eins fünf" → 815): padded back, as the code slot is.
      const code = /^\d{1,4}$/.test(numberSaid.value) ? numberSaid.value.padStart(4, '0') : numberSaid.value;
      ctx = createContext({ ...ctx.turn, intent: 'PurchaseCodeIntent', slots: { code: { value: code } } }, deps, t, shop, address, reads);
    }
    const handler = Object.prototype.hasOwnProperty.call(HANDLERS, ctx.turn.intent) ? HANDLERS[ctx.turn.intent as DomainIntent] : fallback;
    return remembered(withHistory(ctx.turn, await withFeedbackQuestion(ctx, await handler(ctx))));
  } catch (error) {
    const code: ErrorCode = error instanceof ShopError ? error.code : 'INTERNAL';
    if (code === 'INTERNAL') deps.log.error({ err: error, requestId: turn.requestId, intent: turn.intent }, 'turn failed');
    else deps.log.info({ code, requestId: turn.requestId, intent: turn.intent }, 'turn answered with a coded error');
    const params = error instanceof ShopError ? error.params : {};
    const speech = say(t, `errors.${code}`, params);
    if (!ctx || FINAL_ERRORS.has(code)) {
      return { speech, endSession: true, state: {}, handledAs: turn.intent, outcome: 'error' };
    }
    return remembered(answer(ctx, speech, settled(ctx), { outcome: 'error' }));
  }
}

/**
 * Keeps a redacted line about this turn in an open session's state (at most the last three), so a
 * callback request can tell staff what led to it (issue 17). A hand-off and the answers to its
 * question are not kept: they are not the reason.
 */
function withHistory(turn: VoiceTurn, reply: VoiceReply): VoiceReply {
  if (reply.endSession || reply.state.pending?.kind === 'callback' || turn.session.state.pending?.kind === 'callback') return reply;
  const recent = [...(turn.session.state.recent ?? []), turnSummary(turn, outcomeForStaff(reply), reply.handledAs)].slice(-SESSION_CAPS.recentTurns);
  return { ...reply, state: { ...reply.state, recent } };
}

/**
 * The outcome as staff want to read it: a product lookup that fell back, or answered without a
 * product card, a choice or a "Meinst du …?", found nothing (turn-event-from.ts counts alike); an order answered with
 * the offer of customer service is late.
 */
function outcomeForStaff(reply: VoiceReply): string {
  const { state } = reply;
  if (reply.handledAs === 'ProductLookupIntent' && (reply.outcome === 'fallback' || (reply.outcome === 'ok' && !reply.card && !state.choices?.length && state.pending?.kind !== 'product'))) return 'not found';
  if (reply.handledAs === 'OrderStatusIntent' && state.pending?.kind === 'handoff') return 'late';
  return reply.outcome;
}

/** Keeps the reply's speech in the state of an open session, when it fits (for "wie bitte"). */
function remembered(reply: VoiceReply): VoiceReply {
  if (reply.endSession || !reply.speech || reply.handledAs === 'AMAZON.RepeatIntent') return reply;
  if (reply.speech.ssml.length > SESSION_CAPS.saidChars) return reply;
  const reprompt = reply.reprompt && reply.reprompt.ssml.length <= SESSION_CAPS.repromptChars ? reply.reprompt.ssml : undefined;
  return { ...reply, state: { ...reply.state, said: reprompt ? { ssml: reply.speech.ssml, reprompt } : { ssml: reply.speech.ssml } } };
}

/** "Yes" answers the open question, if any; otherwise it invites the next request. */
async function yes(ctx: TurnContext): Promise<VoiceReply> {
  const pending = ctx.turn.session.state.pending;
  if (pending?.kind === 'reorder' || pending?.kind === 'checkout') {
    const customer = await linkedCustomer(ctx);
    if (isReply(customer)) return customer;
    return pending.kind === 'reorder' ? confirmReorder(ctx, customer, pending) : confirmCheckout(ctx, customer, pending.totalCents);
  }
  // A purchase code is four digits, never "ja": ask for it again.
  if (pending?.kind === 'code') return purchaseCode(ctx, placeConfirmed);
  if (pending?.kind === 'handoff') return humanHandoff(ctx);
  // After the sale (issue 17).
  if (pending?.kind === 'delete-data') return confirmDeletion(ctx);
  if (pending?.kind === 'feedback-consent') return agreeToFeedback(ctx, pending);
  if (pending?.kind === 'callback') return acceptCallback(ctx, pending);
  if (pending?.kind === 'product') {
    const product = await ctx.deps.commerce.getProduct(pending.productId);
    if (product) return describeProduct(ctx, product, settled(ctx));
  }
  return navigateHome(ctx);
}

/** "No" declines the open question; with none open it ends the conversation politely. */
function no(ctx: TurnContext): VoiceReply | Promise<VoiceReply> {
  const pending = ctx.turn.session.state.pending;
  if (pending?.kind === 'reorder') return declineReorder(ctx);
  // After the sale (issue 17).
  if (pending?.kind === 'delete-data') return declineDeletion(ctx);
  if (pending?.kind === 'feedback-consent') return declineFeedback(ctx);
  if (pending?.kind === 'checkout' || pending?.kind === 'code') return declineCheckout(ctx);
  if (pending?.kind === 'callback') return declineCallback(ctx);
  if (pending) return answer(ctx, speak(ctx, 'common.ok'), settled(ctx));
  return finish(ctx, speak(ctx, 'goodbye'));
}
