import type { TFunction } from 'i18next';
import type { ShopInfo } from '../catalog/commerce.js';
import type { AddressForm } from '../i18n/i18n.js';
import type { DomainDeps } from './deps.js';
import { TurnReads } from './turn-reads.js';
import { join, say, type SpeechParam } from './speech.js';
import { languageOf, type Locale, type SessionState, type Speech, type VoiceReply, type VoiceTurn } from './turn.js';
import type { Language } from '../catalog/commerce.js';

/** What every intent handler gets: the turn, the deps, the turn's `t`, and the shop. */
export interface TurnContext {
  turn: VoiceTurn;
  deps: DomainDeps;
  t: TFunction;
  locale: Locale;
  language: Language;
  shop: ShopInfo;
  /** How German speech addresses the customer (config, else the shop's setting). */
  address: AddressForm;
  /** The shop reads this turn shares between its steps (turn-reads.ts). */
  reads: TurnReads;
}

/** The address form of a turn: the config's override, else the shop's own, else "du". */
export function addressFormOf(deps: DomainDeps, shop: ShopInfo): AddressForm {
  return deps.addressForm ?? shop.addressForm ?? 'du';
}

export function createContext(
  turn: VoiceTurn,
  deps: DomainDeps,
  t: TFunction,
  shop: ShopInfo,
  address: AddressForm = 'du',
  reads: TurnReads = new TurnReads(deps.commerce),
): TurnContext {
  const language = languageOf(turn.locale);
  // The shop's name as said in the customer's language, where the shop gives one ("Sonnenberg Farm Shop").
  const named = shop.names?.[language];
  return { turn, deps, t, locale: turn.locale, language, shop: named && named !== shop.name ? { ...shop, name: named } : shop, address, reads };
}

/** Renders a locale key for this turn. */
export function speak(ctx: TurnContext, key: string, params?: Record<string, SpeechParam>, count?: number): Speech {
  return say(ctx.t, key, params, count);
}

/** A question: the session stays open and the reprompt repeats what is expected. */
export function ask(ctx: TurnContext, speech: Speech, reprompt: Speech, state: SessionState, extra: Partial<VoiceReply> = {}): VoiceReply {
  return { speech, reprompt, endSession: false, state, handledAs: ctx.turn.intent, outcome: 'ok', ...extra };
}

/**
 * An answer that keeps the conversation open with a short follow-up question, as a shop
 * assistant would; the follow-up is also the reprompt (platform-rules.md: a question → reprompt).
 */
export function answer(ctx: TurnContext, speech: Speech, state: SessionState, extra: Partial<VoiceReply> = {}): VoiceReply {
  const followUp = speak(ctx, 'common.anythingElse');
  return {
    speech: join(speech, followUp),
    reprompt: followUp,
    endSession: false,
    state,
    handledAs: ctx.turn.intent,
    outcome: 'ok',
    ...extra,
  };
}

/** A final answer: the session ends. */
export function finish(ctx: TurnContext, speech: Speech | undefined, extra: Partial<VoiceReply> = {}): VoiceReply {
  return { speech, endSession: true, state: {}, handledAs: ctx.turn.intent, outcome: 'ok', ...extra };
}

/**
 * The state to carry on after a handled turn: misunderstandings reset, no open question, but
 * what the conversation is about (products, store, day, order) stays for follow-ups.
 */
export function settled(ctx: TurnContext): SessionState {
  const { misses: _misses, pending: _pending, choices: _choices, orders: _orders, said: _said, ...rest } = ctx.turn.session.state;
  return { ...rest, lastIntent: ctx.turn.intent };
}
