import type { DateTime } from 'luxon';
import type { Language } from '../catalog/commerce.js';

/** The platforms that can deliver a turn. The simulator drives both through their real adapters. */
export type Platform = 'alexa' | 'google';

/** Locales the skill speaks. Dialogflow's `de`/`en` map to `de-DE`/`en-US`. */
export const SUPPORTED_LOCALES = ['de-DE', 'en-US', 'en-GB'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

export function isLocale(value: string): value is Locale {
  return (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/** The language half of a locale: it picks the locale files and the catalog's names. */
export function languageOf(locale: Locale): Language {
  return locale.startsWith('de') ? 'de' : 'en';
}

/** A slot as the domain sees it: what was said, and the catalog id it resolved to, if any. */
export interface SlotValue {
  /** The spoken text (Alexa `value`, Dialogflow's original parameter). */
  value?: string;
  /** The canonical id from entity resolution (Alexa `resolutions…values[0].value.id`). */
  id?: string;
  /** The canonical name from entity resolution. */
  canonical?: string;
}

/**
 * What the conversation remembers between turns of one session. Kept in Alexa session
 * attributes and Dialogflow output contexts, never in process memory, so any instance can
 * answer the next turn. `session-state.ts` reads it back (validating and capping every field)
 * and writes it; keep it one small JSON-able object.
 */
export interface SessionState {
  /** Misunderstood turns in a row (fallbacks); two lead to the human hand-off offer. */
  misses?: number;
  /** A question waiting for yes/no. */
  pending?: PendingQuestion;
  /** Products offered for "which one did you mean?", by id. */
  choices?: string[];
  /** Orders offered for "which one do you mean?", by number. */
  orders?: string[];
  /** The last intent answered (for "help" in context and follow-ups). */
  lastIntent?: string;
  /** Products last named, in the order said ("die zweite", "the cheaper one"). */
  products?: string[];
  /** The product the conversation is about ("und was kostet sie", "in Schwarz?"). */
  product?: string;
  /** The store last asked about, by id ("und morgen?"). */
  store?: string;
  /** The day last asked about, `YYYY-MM-DD` ("und in Köln?"). */
  day?: string;
  /** The order last discussed. */
  order?: string;
  /** The last answer as spoken (SSML) and its reprompt, for "wie bitte" / AMAZON.RepeatIntent. */
  said?: { ssml: string; reprompt?: string };
  // --- A real hand-off (issue 17) ---
  /** The customer's last turns, redacted (intent, slot values, outcome), for a callback request's staff note. */
  recent?: string[];
}

export type PendingQuestion =
  /** The idempotency key is not here: the server derives it from user, session and order at "yes". */
  | { kind: 'reorder'; orderNumber: string; totalCents: number }
  | { kind: 'handoff' }
  /** "Meinst du …?" / an alternative offered: yes describes that product. */
  | { kind: 'product'; productId: string }
  // --- After the sale (issue 17) ---
  /** "Soll ich wirklich alles löschen?": yes deletes the user's data. */
  | { kind: 'delete-data' }
  /** "Darf ich dich kurz fragen, wie zufrieden du warst?" (consent), about an intent and its outcome. */
  | { kind: 'feedback-consent'; about: string; outcome: string }
  /** "Wie zufrieden warst du heute, von eins bis fünf?" */
  | { kind: 'feedback'; about: string; outcome: string }
  // --- Cart and checkout (issue 17) ---
  /** The cart was read back with this total; yes orders it (the key is derived at "yes", as for a reorder). */
  | { kind: 'checkout'; totalCents: number }
  /** A confirmed order waits for the customer's purchase code: the order as it was read back. */
  | { kind: 'code'; order: ConfirmedOrder }
  // --- A real hand-off (issue 17) ---
  /**
   * "Soll dich jemand zurückrufen?" (callback.ts): yes stores a callback request with the number
   * from the linked account or (Alexa) the customer profile; `reason` is what led to the hand-off.
   */
  | { kind: 'callback'; reason: string; source: 'account' | 'profile' };

/** An order read back and confirmed with "yes": the cart's total, or a reorder of one order. */
export type ConfirmedOrder =
  | { kind: 'checkout'; totalCents: number }
  | { kind: 'reorder'; orderNumber: string; totalCents: number };

/** The user behind a turn; `accessToken` is present only with a linked shop account. */
export interface VoiceUser {
  id: string;
  accessToken?: string;
}

export type TurnKind = 'launch' | 'intent' | 'session-ended';

/** Whether the platform asked the customer to confirm the intent (Alexa dialog, yes/no). */
export type Confirmation = 'NONE' | 'CONFIRMED' | 'DENIED';

/** One platform-neutral turn: what the adapters build from a request. */
export interface VoiceTurn {
  platform: Platform;
  locale: Locale;
  kind: TurnKind;
  /** A shared intent name from `intents.ts`, or a name the domain does not know (→ fallback). */
  intent: string;
  slots: Record<string, SlotValue>;
  confirmation: Confirmation;
  user: VoiceUser;
  session: { id: string; isNew: boolean; state: SessionState };
  /** The instant of the request; injected so hours and dates are testable at any moment. */
  now: DateTime;
  /** Why a session ended (SessionEndedRequest), for logs only. */
  endReason?: string;
  /** A request id for logs. */
  requestId?: string;
  // --- A real hand-off (issue 17) ---
  /** The caller is on a phone line (Dialogflow's telephony gateway): a hand-off transfers the call. */
  telephony?: boolean;
  /** The platform's API for this request (Alexa's `apiEndpoint` and `apiAccessToken`): the customer profile. */
  platformApi?: { endpoint: string; token: string };
}

/** Speech in both forms: plain text (Dialogflow, cards, logs) and SSML inner content (no <speak>). */
export interface Speech {
  text: string;
  ssml: string;
}

export type Card =
  | { type: 'simple'; title: string; text: string }
  | { type: 'link-account'; title: string; text: string }
  /** Asks the customer, in the platform's app, for these permissions (Alexa's AskForPermissionsConsent card). */
  | { type: 'permissions'; title: string; text: string; permissions: string[] };

/** What the platform should do beyond speaking. */
export type DialogAct =
  | { type: 'confirm-intent'; intent: string }
  | { type: 'elicit-slot'; intent: string; slot: string };

/** The domain's answer to a turn; adapters translate it, never change it. */
export interface VoiceReply {
  speech?: Speech;
  reprompt?: Speech;
  card?: Card;
  endSession: boolean;
  state: SessionState;
  dialog?: DialogAct;
  /** The intent the domain treated the turn as (for logs and metrics). */
  handledAs: string;
  /** Outcome for metrics: ok, a coded failure, or fallback. */
  outcome: 'ok' | 'fallback' | 'error' | 'unlinked';
  /** A satisfaction score 1–5 the customer gave in this turn (issue 17; the KPIs' CSAT). */
  feedback?: number;
  /** Put the caller through to this number (E.164), where the platform can (a telephony gateway); others ignore it. */
  transferTo?: string;
}
