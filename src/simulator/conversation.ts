import { DateTime } from 'luxon';
import type { Platform } from '../domain/turn.js';
import { AlexaConversation } from './alexa-conversation.js';
import { GoogleConversation } from './google-conversation.js';
import type { ModelSet } from './model-set.js';
import type { Conversation } from './platform-conversation.js';
import type { SimSettings } from './sim-settings.js';
import type { Transport } from './transport.js';

export type { Conversation, TurnInput } from './platform-conversation.js';
export type { SimSettings } from './sim-settings.js';

/** The shop's time zone, the default for resolving dates and times. */
export const DEFAULT_TIME_ZONE = 'Europe/Berlin';
/** The skill id requests carry unless told otherwise (the in-process skill accepts any). */
export const DEFAULT_SKILL_ID = 'amzn1.ask.skill.5e7d1c2a-0000-4000-a000-73686f70766f';

export interface ConversationOptions {
  platform: Platform;
  /** `de-DE`, `en-US`, `en-GB`; Google runs use the agent language of the locale. */
  locale: string;
  models: ModelSet;
  transport: Transport;
  /**
   * The reference clock (ISO 8601) the skill and date resolution see. Required: a caller that
   * wants the present says so (`DateTime.now().toISO()`), so no test depends on the day it runs.
   */
  clock: string;
  /** Time zone for dates and times; default Europe/Berlin. */
  timeZone?: string;
  /** Linked-account token. */
  accessToken?: string;
  /** Dialogflow: the caller is on the phone gateway with this caller id. */
  telephonyCallerId?: string;
  /** Alexa: the customer granted the mobile-number permission; the profile answers this number. */
  profileMobile?: string;
  /** Alexa `supportedInterfaces`. */
  interfaces?: Record<string, unknown>;
  skillId?: string;
  /** Makes session, user and request ids repeatable (e.g. the script's name). */
  seed?: string;
  /** `statistical` (default): the NLU recogniser where no sample matches; `literal`: samples only. */
  recognizer?: 'literal' | 'statistical';
}

/**
 * Parses an ISO instant into the given zone ("2026-11-28T09:00:00+01:00", "2026-11-28T09:00").
 *
 * @example clockAt('2026-11-22T10:00', 'Europe/Berlin').toISO()
 */
export function clockAt(iso: string, zone: string): DateTime {
  const at = DateTime.fromISO(iso, { zone });
  if (!at.isValid) throw new Error(`not an ISO 8601 instant: "${iso}" (${at.invalidExplanation ?? at.invalidReason})`);
  return at.setZone(zone);
}

/**
 * Opens a conversation on Alexa or Google. Every turn goes through the platform's real adapter
 * (in process or over HTTP) with a request built from the locale's interaction model.
 *
 * @example
 *   const c = await openConversation({ platform: 'alexa', locale: 'de-DE', models, transport, clock: '2026-11-24T10:00:00+01:00' });
 *   (await c.turn({ utterance: 'frag mein einkaufshelfer ob ihr hafermilch habt' })).speech
 */
export async function openConversation(options: ConversationOptions): Promise<Conversation> {
  const zone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const settings: SimSettings = {
    clock: clockAt(options.clock, zone),
    ...(options.accessToken ? { accessToken: options.accessToken } : {}),
    ...(options.telephonyCallerId ? { telephonyCallerId: options.telephonyCallerId } : {}),
    ...(options.profileMobile ? { profileMobile: options.profileMobile } : {}),
    interfaces: options.interfaces ?? {},
    skillId: options.skillId ?? DEFAULT_SKILL_ID,
    seed: options.seed ?? 'shopvoice-simulator',
    counter: 0,
    recognizer: options.recognizer ?? 'statistical',
  };
  const model = await options.models.forPlatform(options.platform, options.locale);
  return options.platform === 'alexa'
    ? new AlexaConversation(model, options.locale, options.transport, settings)
    : new GoogleConversation(model, options.locale, options.transport, settings);
}
