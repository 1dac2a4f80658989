import { createHash } from 'node:crypto';
import type { DateTime } from 'luxon';
import { isSharedIntent, type SharedIntent } from '../../domain/intents.js';
import type { Locale, VoiceTurn, VoiceUser } from '../../domain/turn.js';
import type { SessionSealer } from '../../domain/session-seal.js';
import { elicitedSlot, incomingContexts, readSessionState } from './session-context.js';
import { slotsFromParameters } from './slots-from-parameters.js';
import { isRecord, SESSION_PATH, type WebhookRequest } from './webhook-types.js';

/** What a Dialogflow intent stands for: a shared intent, or the launch (welcome) turn. */
export type DialogflowTarget = SharedIntent | 'launch';

/**
 * The Dialogflow intent that answers the `WELCOME` event (the Alexa `LaunchRequest`). Every other
 * intent of the generated agent keeps its shared intent's name as its display name
 * (models/dialogflow-names.ts; test/google/to-voice-turn.test.ts holds the two in step).
 */
export const DIALOGFLOW_WELCOME_INTENT = 'Default Welcome Intent';

/** The turn the Alexa `LaunchRequest` is; Dialogflow's welcome intent maps to it. */
const LAUNCH_INTENT = 'LaunchRequest';

/** Access tokens longer than this are not tokens (and must not reach the catalog). */
const MAX_TOKEN_CHARS = 4096;

/**
 * The shared intent behind an intent display name; names the agent does not contain go to
 * `AMAZON.FallbackIntent`, so an unknown intent is answered, never a 500 (platform-rules.md).
 *
 * @example dialogflowTarget('Default Welcome Intent') // 'launch'
 */
export function dialogflowTarget(displayName: unknown): DialogflowTarget {
  if (typeof displayName !== 'string') return 'AMAZON.FallbackIntent';
  if (displayName === DIALOGFLOW_WELCOME_INTENT) return 'launch';
  return isSharedIntent(displayName) ? displayName : 'AMAZON.FallbackIntent';
}

/**
 * The locale behind Dialogflow's `languageCode` (the agent language, `de` or `en`, or a regional
 * variant such as `en-GB`; any case). Any other language gets English, as an unknown Alexa locale
 * does (one rule for both platforms).
 *
 * @example localeOf('de') // 'de-DE'
 */
export function localeOf(languageCode: unknown): Locale {
  const code = typeof languageCode === 'string' ? languageCode.trim().toLowerCase() : '';
  if (code === 'en-gb') return 'en-GB';
  if (code === 'de' || code.startsWith('de-')) return 'de-DE';
  return 'en-US';
}

/**
 * The user behind a request. The id is, in this order: the Actions-style
 * `originalDetectIntentRequest.payload.user.userId`, the `users/<u>` segment of an environment
 * session path, or the session id; prefixed `google:` so it never collides with an Alexa user.
 * The linked shop account's token is read from `payload.user.accessToken` only (the Actions
 * on Google account-linking shape; a detectIntent caller puts it into `queryParams.payload`).
 */
export function userOf(request: WebhookRequest): VoiceUser {
  const payload = request.originalDetectIntentRequest?.payload;
  const payloadUser = isRecord(payload) && isRecord(payload.user) ? payload.user : {};
  const [, pathUser, sessionId] = SESSION_PATH.exec(request.session) ?? [];
  const id =
    (typeof payloadUser.userId === 'string' && payloadUser.userId.trim()) ||
    (pathUser && pathUser !== '-' ? pathUser : '') ||
    sessionId ||
    request.session;
  const token = payloadUser.accessToken;
  const accessToken = typeof token === 'string' && token.trim() && token.length <= MAX_TOKEN_CHARS ? token.trim() : undefined;
  return accessToken ? { id: `google:${id}`, accessToken } : { id: `google:${id}` };
}

/**
 * Translates a Dialogflow ES `WebhookRequest` into the domain's turn. Pure: the clock comes in.
 * Dialogflow has no session-ended request and no confirmation status; a yes or no arrives as
 * its own intent (`AMAZON.YesIntent` / `AMAZON.NoIntent`) and the domain reads the open question
 * from the session state. With a `sealer`, the state opens only when it was sealed for this
 * turn's user and session id; anything else is an empty state and `forged` is told (once).
 *
 * @example toVoiceTurn(request, { now: DateTime.now() }).intent // 'StoreHoursIntent'
 */
export function toVoiceTurn(
  request: WebhookRequest,
  options: { now: DateTime; target?: DialogflowTarget; sealer?: SessionSealer; forged?: () => void },
): VoiceTurn {
  const { queryResult } = request;
  const target = options.target ?? dialogflowTarget(queryResult.intent?.displayName);
  const contexts = incomingContexts(queryResult.outputContexts);
  const user = userOf(request);
  const sessionId = SESSION_PATH.exec(request.session)?.[2] ?? request.session;
  const state = readSessionState(
    contexts,
    options.sealer ? { sealer: options.sealer, binding: { userId: user.id, sessionId }, forged: options.forged } : undefined,
  );
  // An agent cannot know every answer to "which one did you mean?": a free answer falls back,
  // but while the reply's question is open it is the value of the slot that was asked for.
  const elicited = target === 'AMAZON.FallbackIntent' ? elicitedSlot(contexts) : undefined;
  const answer = typeof queryResult.queryText === 'string' ? queryResult.queryText.trim().slice(0, 500) : '';
  if (elicited && answer) {
    // The state is read again there; a forged one is told only once.
    const turn = toVoiceTurn(request, { ...options, target: elicited.intent, forged: undefined });
    return { ...turn, slots: { ...turn.slots, [elicited.slot]: { value: answer } } };
  }
  const intent = target === 'launch' ? LAUNCH_INTENT : target;
  return {
    platform: 'google',
    locale: localeOf(queryResult.languageCode),
    kind: target === 'launch' ? 'launch' : 'intent',
    intent,
    slots: slotsFromParameters(intent, queryResult.parameters, contexts),
    confirmation: 'NONE',
    user,
    session: { id: sessionId, isNew: target === 'launch' || state === undefined, state: state ?? {} },
    now: options.now,
    ...(typeof request.responseId === 'string' ? { requestId: loggableResponseId(request.responseId) } : {}),
    ...(isTelephony(request) ? { telephony: true } : {}),
  };
}

/**
 * A caller on Dialogflow's phone gateway: the integration names itself `GOOGLE_TELEPHONY`, and
 * its payload carries the caller id (`payload.telephony.caller_id`).
 */
export function isTelephony(request: WebhookRequest): boolean {
  const original = request.originalDetectIntentRequest;
  if (original?.source === 'GOOGLE_TELEPHONY') return true;
  const payload = original?.payload;
  return isRecord(payload) && isRecord(payload.telephony) && typeof payload.telephony.caller_id === 'string';
}

/** Dialogflow's own response ids: a UUID, optionally followed by `-` and 8 hex digits. */
const DIALOGFLOW_RESPONSE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?:-[0-9a-f]{8})?$/i;

/**
 * The request id logs carry for a Dialogflow `responseId`, which the caller chooses: Dialogflow's
 * own form is kept (it matches Dialogflow's console); anything else is never logged verbatim but
 * as `h:` and the first 16 hex digits of its SHA-256 (still the same id for the same request).
 *
 * @example loggableResponseId('anna@example.com') // 'h:…' (16 hex digits)
 */
export function loggableResponseId(responseId: string): string {
  if (DIALOGFLOW_RESPONSE_ID.test(responseId)) return responseId;
  return `h:${createHash('sha256').update(responseId).digest('hex').slice(0, 16)}`;
}
