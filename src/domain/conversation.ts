import { callbackOffer, transferCall } from './callback.js';
import { ask, finish, settled, speak, type TurnContext } from './context.js';
import { lostReorderNews } from './reorder.js';
import { fromSsml, telephone, join } from './speech.js';
import type { DialogAct, SessionState, Speech, VoiceReply } from './turn.js';

/** Misunderstood turns in a row after which the hand-off is offered instead of looping. */
export const MISSES_BEFORE_HANDOFF = 2;

const EXAMPLE_COUNT = 4;

/** One example of what to ask, chosen by session so it varies but stays testable. */
export function example(ctx: TurnContext): Speech {
  const seed = [...ctx.turn.session.id].reduce((sum, c) => (sum + c.charCodeAt(0)) % 9973, 0);
  return speak(ctx, `examples.${seed % EXAMPLE_COUNT}`);
}

/**
 * LaunchRequest: welcome with the shop's name and one example (and news of a lost reorder, if
 * any); a closure notice (closure-notice.ts) goes between the welcome and the example.
 */
export async function launch(ctx: TurnContext, closure?: Speech | Promise<Speech | undefined>): Promise<VoiceReply> {
  const prompt = speak(ctx, 'launch.prompt');
  // The two look-ups of a welcome are independent: asked together (issue 15).
  const [news, notice] = await Promise.all([lostReorderNews(ctx), closure]);
  return ask(ctx, join(news, speak(ctx, 'launch.welcome', { shop: ctx.shop.name }), notice, speak(ctx, 'launch.example', { example: example(ctx) })), prompt, {}, {
    handledAs: 'LaunchRequest',
  });
}

export function help(ctx: TurnContext): VoiceReply {
  const prompt = speak(ctx, 'help.prompt');
  return ask(ctx, join(speak(ctx, 'help.text', { shop: ctx.shop.name }), prompt), prompt, settled(ctx));
}

export function navigateHome(ctx: TurnContext): VoiceReply {
  const prompt = speak(ctx, 'launch.prompt');
  return ask(ctx, prompt, prompt, settled(ctx));
}

/** Stop and Cancel end the session; a reorder waiting for yes is dropped, and said so. */
export function goodbye(ctx: TurnContext): VoiceReply {
  const dropped = ctx.turn.session.state.pending?.kind === 'reorder' ? speak(ctx, 'reorder.declined') : undefined;
  return finish(ctx, join(dropped, speak(ctx, 'goodbye')));
}

/** How to reach a person: phone (spoken as a telephone number) and e-mail, from config or the shop. */
export function contactSpeech(ctx: TurnContext): Speech {
  const phone = ctx.deps.contact?.phone ?? ctx.shop.phone;
  const email = ctx.deps.contact?.email ?? ctx.shop.email;
  return speak(ctx, 'handoff.contact', { phone: telephone(phone), email });
}

function contactCard(ctx: TurnContext) {
  const phone = ctx.deps.contact?.phone ?? ctx.shop.phone;
  const email = ctx.deps.contact?.email ?? ctx.shop.email;
  return { type: 'simple' as const, title: String(ctx.t('handoff.cardTitle', { shop: ctx.shop.name })), text: `${phone}\n${email}` };
}

/**
 * HumanHandoffIntent: the way to a person. On a phone line the call is put through to the shop;
 * with a number the customer may share, a callback is offered (callback.ts); otherwise the shop's
 * phone and e-mail, and the session ends.
 */
export async function humanHandoff(ctx: TurnContext): Promise<VoiceReply> {
  if (ctx.turn.telephony) return transferCall(ctx);
  const offer = await callbackOffer(ctx);
  if (offer) return offer;
  return finish(ctx, join(speak(ctx, 'handoff.intro'), contactSpeech(ctx)), { card: contactCard(ctx) });
}

/**
 * The dialog act that keeps an open question open on the platform: a reorder waits for its
 * confirmation, offered products or orders for the slot that names one.
 */
export function openDialog(state: SessionState): DialogAct | undefined {
  if (state.pending?.kind === 'reorder') return { type: 'confirm-intent', intent: 'ReorderIntent' };
  if (state.choices?.length) return { type: 'elicit-slot', intent: 'ProductLookupIntent', slot: 'product' };
  if (state.orders?.length) return { type: 'elicit-slot', intent: 'OrderStatusIntent', slot: 'orderNumber' };
  return undefined;
}

function hasOpenQuestion(state: SessionState): boolean {
  return state.pending !== undefined || (state.choices?.length ?? 0) > 0 || (state.orders?.length ?? 0) > 0;
}

/**
 * AMAZON.RepeatIntent ("wie bitte", "was hast du gesagt"): the last answer again, word for word,
 * with its question still open (the state is kept as it was).
 */
export function repeat(ctx: TurnContext): VoiceReply {
  const state = ctx.turn.session.state;
  if (!state.said) {
    const prompt = speak(ctx, 'launch.prompt');
    return ask(ctx, join(speak(ctx, 'repeat.nothing'), prompt), prompt, settled(ctx));
  }
  const speech = fromSsml(state.said.ssml);
  const reprompt = state.said.reprompt ? fromSsml(state.said.reprompt) : speak(ctx, 'launch.prompt');
  const dialog = openDialog(state);
  return ask(ctx, speech, reprompt, { ...state, misses: undefined }, dialog ? { dialog } : {});
}

/**
 * Not understood: ask again, and after two misunderstandings in a row offer the shop's phone
 * and e-mail instead of looping. Inside an open question (a reorder read back, "which one?")
 * the question is asked again and stays open, so "ja" still works afterwards.
 */
export function fallback(ctx: TurnContext): VoiceReply {
  const current = ctx.turn.session.state;
  const misses = (current.misses ?? 0) + 1;
  const reprompt = current.said?.reprompt;
  if (misses < MISSES_BEFORE_HANDOFF && hasOpenQuestion(current) && reprompt) {
    const question = fromSsml(reprompt);
    const dialog = openDialog(current);
    return ask(ctx, join(speak(ctx, 'fallback.reask'), question), question, { ...current, misses }, {
      handledAs: 'AMAZON.FallbackIntent',
      outcome: 'fallback',
      ...(dialog ? { dialog } : {}),
    });
  }
  const { pending: _pending, choices: _choices, orders: _orders, said: _said, ...state } = current;
  if (misses >= MISSES_BEFORE_HANDOFF) {
    const prompt = speak(ctx, 'fallback.afterHandoff');
    return ask(ctx, join(speak(ctx, 'fallback.handoff'), contactSpeech(ctx), prompt), prompt, { ...state, misses: 0 }, {
      handledAs: 'AMAZON.FallbackIntent',
      outcome: 'fallback',
      card: contactCard(ctx),
    });
  }
  const prompt = speak(ctx, 'fallback.prompt', { example: example(ctx) });
  return ask(ctx, join(speak(ctx, 'fallback.notUnderstood'), prompt), prompt, { ...state, misses }, {
    handledAs: 'AMAZON.FallbackIntent',
    outcome: 'fallback',
  });
}
