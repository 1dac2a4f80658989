import { DateTime } from 'luxon';
import type { IntentRequest, RequestEnvelope, Slot } from 'ask-sdk-model';
import { readSessionState } from '../../domain/session-state.js';
import type { Confirmation, Locale, SessionState, SlotValue, VoiceTurn } from '../../domain/turn.js';
import { isLocale } from '../../domain/turn.js';

/** Alexa locales the skill is published in; others of the same language fall back to these. */
export function alexaLocale(raw: string | undefined): Locale {
  if (raw && isLocale(raw)) return raw;
  return raw?.toLowerCase().startsWith('de') ? 'de-DE' : 'en-US';
}

/** A slot's spoken value and, when entity resolution matched, the canonical id and name. */
export function slotValue(slot: Slot | undefined): SlotValue {
  if (!slot) return {};
  const out: SlotValue = {};
  if (typeof slot.value === 'string' && slot.value !== '') out.value = slot.value;
  for (const authority of slot.resolutions?.resolutionsPerAuthority ?? []) {
    const match = authority.status?.code === 'ER_SUCCESS_MATCH' ? authority.values?.[0]?.value : undefined;
    if (match) {
      out.id = match.id;
      out.canonical = match.name;
      break;
    }
  }
  return out;
}

/** How Alexa writes `request.timestamp`: UTC, whole seconds or milliseconds. */
const ALEXA_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

/**
 * The request's own time. Alexa's form is read by `Date.parse` (a sixth of luxon's ISO
 * parser, on every request: bench/NOTES.md); any other ISO form by luxon.
 */
function requestTime(timestamp: unknown): DateTime | undefined {
  const text = String(timestamp ?? '');
  if (ALEXA_TIMESTAMP.test(text)) {
    // Date.parse rolls "02-30" over into March; luxon's parser, below, refuses it.
    const ms = Date.parse(text);
    if (Number.isFinite(ms) && new Date(ms).getUTCDate() === Number(text.slice(8, 10))) {
      return DateTime.fromMillis(ms, { zone: 'utc' });
    }
  }
  const stamped = DateTime.fromISO(text, { setZone: true });
  return stamped.isValid ? stamped : undefined;
}

/**
 * Translates an Alexa request into the domain's turn. `now` is the configured clock if any,
 * else the request's own timestamp (bounded to ±150 s of real time by the verifier). `state` is
 * the session state already read (and opened, when sealed); default the plain attributes.
 */
export function toVoiceTurn(envelope: RequestEnvelope, clock?: () => DateTime, state?: SessionState): VoiceTurn {
  const request = envelope.request;
  const system = envelope.context?.System;
  const turn: VoiceTurn = {
    platform: 'alexa',
    locale: alexaLocale((request as { locale?: string }).locale),
    // Any request type but these three reaching the conversation is answered as not understood.
    kind: 'intent',
    intent: 'AMAZON.FallbackIntent',
    slots: {},
    confirmation: 'NONE',
    user: {
      id: system?.user?.userId ?? envelope.session?.user?.userId ?? 'anonymous',
      accessToken: system?.user?.accessToken ?? envelope.session?.user?.accessToken ?? undefined,
    },
    session: {
      id: envelope.session?.sessionId ?? `no-session:${request.requestId}`,
      isNew: envelope.session?.new ?? true,
      state: state ?? readSessionState(envelope.session?.attributes),
    },
    now: clock?.() ?? requestTime(request.timestamp) ?? DateTime.now(),
    requestId: request.requestId,
  };
  // The customer profile (a callback's mobile number, issue 17) is read with these.
  if (system?.apiEndpoint && system.apiAccessToken) turn.platformApi = { endpoint: system.apiEndpoint, token: system.apiAccessToken };
  // Filled in place, not spread from a common base: the spread showed in the bench profile
  // (bench/NOTES.md, "Alexa turn").
  if (request.type === 'LaunchRequest') {
    turn.kind = 'launch';
    turn.intent = 'LaunchRequest';
  } else if (request.type === 'SessionEndedRequest') {
    turn.kind = 'session-ended';
    turn.intent = 'SessionEndedRequest';
    turn.endReason = request.reason;
  } else if (request.type === 'IntentRequest') {
    const intent = (request as IntentRequest).intent;
    if (typeof intent?.name === 'string') turn.intent = intent.name;
    const slots = intent?.slots;
    // A slot named "__proto__" (no model has one) would replace the record's prototype.
    if (slots) for (const name of Object.keys(slots)) if (name !== '__proto__') turn.slots[name] = slotValue(slots[name]);
    turn.confirmation = (intent?.confirmationStatus as Confirmation | undefined) ?? 'NONE';
  }
  return turn;
}
