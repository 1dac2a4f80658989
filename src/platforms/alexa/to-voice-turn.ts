import { DateTime } from 'luxon';
import type { IntentRequest, RequestEnvelope, Slot } from 'ask-sdk-model';
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

function sessionState(attributes: unknown): SessionState {
  return typeof attributes === 'object' && attributes !== null && !Array.isArray(attributes) ? (attributes as SessionState) : {};
}

/**
 * Translates an Alexa request into the domain's turn. `now` is the configured clock if any,
 * else the request's own timestamp (bounded to ±150 s of real time by the verifier).
 */
export function toVoiceTurn(envelope: RequestEnvelope, clock?: () => DateTime): VoiceTurn {
  const request = envelope.request;
  const system = envelope.context?.System;
  const stamped = DateTime.fromISO(String(request.timestamp ?? ''), { setZone: true });
  const now = clock ? clock() : stamped.isValid ? stamped : DateTime.now();
  const base = {
    platform: 'alexa' as const,
    locale: alexaLocale((request as { locale?: string }).locale),
    slots: {} as Record<string, SlotValue>,
    confirmation: 'NONE' as Confirmation,
    user: {
      id: system?.user?.userId ?? envelope.session?.user?.userId ?? 'anonymous',
      accessToken: system?.user?.accessToken ?? envelope.session?.user?.accessToken ?? undefined,
    },
    session: {
      id: envelope.session?.sessionId ?? `no-session:${request.requestId}`,
      isNew: envelope.session?.new ?? true,
      state: sessionState(envelope.session?.attributes),
    },
    now,
    requestId: request.requestId,
  };
  if (request.type === 'LaunchRequest') return { ...base, kind: 'launch', intent: 'LaunchRequest' };
  if (request.type === 'SessionEndedRequest') {
    return { ...base, kind: 'session-ended', intent: 'SessionEndedRequest', endReason: request.reason };
  }
  if (request.type === 'IntentRequest') {
    const intent = (request as IntentRequest).intent;
    const slots: Record<string, SlotValue> = {};
    for (const [name, slot] of Object.entries(intent?.slots ?? {})) slots[name] = slotValue(slot);
    return {
      ...base,
      kind: 'intent',
      intent: typeof intent?.name === 'string' ? intent.name : 'AMAZON.FallbackIntent',
      slots,
      confirmation: (intent?.confirmationStatus as Confirmation | undefined) ?? 'NONE',
    };
  }
  // Any other request type reaching the conversation is answered as not understood.
  return { ...base, kind: 'intent', intent: 'AMAZON.FallbackIntent' };
}
