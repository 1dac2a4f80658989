import { DateTime } from 'luxon';
import type { Logger } from '../../domain/deps.js';
import type { SessionSealer } from '../../domain/session-seal.js';
import { headerOf, isJsonType, jsonAnswer, refusedBeforeBody, type HttpAnswer, type HttpCall, type PlatformEndpoint } from '../endpoint.js';
import { detachedContext, type RequestContext, type TurnHandler } from '../request-context.js';
import { toVoiceTurn } from './to-voice-turn.js';
import { toWebhookResponse } from './to-webhook-response.js';
import { createWebhookAuth, type WebhookAuthSettings } from './webhook-auth.js';
import { asWebhookRequest } from './webhook-types.js';

export interface GoogleEndpointOptions {
  handleTurn: TurnHandler;
  /** Basic-auth credentials, or `authOff` for local trials (config's `google`). */
  auth: WebhookAuthSettings;
  /** The clock turns are answered at (Dialogflow sends no timestamp); default the real one. */
  clock?: () => DateTime;
  /**
   * Seals `shopvoice_session`'s state to the turn's user and session; what comes back unsealed,
   * foreign or tampered is ignored (empty state, a `session.forged` warning). Absent: the state
   * travels as plain JSON (tests, the simulator).
   */
  sessionSealer?: SessionSealer;
  /** Where the auth's start-up warning and calls without a context of their own log. */
  log: Logger;
}

/** Dialogflow sends at most this much, and a reply must stay below it too (platform-rules.md). */
export const MAX_BODY_BYTES = 64 * 1024;

/** `WWW-Authenticate` for 401 answers (RFC 7617). */
const BASIC_CHALLENGE = 'Basic realm="shopvoice", charset="UTF-8"';

/** Short, generic bodies: they never echo a parser's or a check's message. */
const REFUSED = {
  unauthorized: jsonAnswer(401, { error: 'unauthorized' }, { 'www-authenticate': BASIC_CHALLENGE }),
  notJson: jsonAnswer(415, { error: 'expected application/json' }),
  tooLarge: jsonAnswer(413, { error: 'body too large' }),
  malformedJson: jsonAnswer(400, { error: 'malformed JSON' }),
  notWebhookRequest: jsonAnswer(400, { error: 'not a Dialogflow ES WebhookRequest' }),
  internal: jsonAnswer(500, { error: 'internal error' }),
} as const satisfies Record<string, HttpAnswer>;

/**
 * `POST /google`, the Dialogflow ES v2 fulfillment webhook, as one neutral function: method and
 * encoding, basic auth first (so an unauthenticated caller cannot make us parse 64 KiB), then
 * JSON of at most 64 KiB, then the turn. An unknown intent is answered by the fallback, never a
 * 500. The intent is dispatched by its display name (`dialogflowTarget`); actions-on-google's
 * `dialogflow()` app is not used (bench/NOTES.md, "Google cold start").
 *
 * @example
 *   const google = createGoogleEndpoint({ handleTurn, auth: config.google, log });
 *   const answer = await google({ method: 'POST', headers, body });
 */
export function createGoogleEndpoint(options: GoogleEndpointOptions): PlatformEndpoint {
  const auth = createWebhookAuth(options.auth, options.log);
  const clock = options.clock ?? (() => DateTime.now());
  return async (call: HttpCall, context: RequestContext = detachedContext(options.log)) => {
    const early = refusedBeforeBody(call);
    if (early) return early;
    if (!auth.allows(headerOf(call, 'authorization'))) {
      context.log.info({ event: 'google.auth.refused', mode: auth.mode }, 'refused a call to POST /google');
      return REFUSED.unauthorized;
    }
    if (!isJsonType(headerOf(call, 'content-type'))) return REFUSED.notJson;
    if (call.body.length > MAX_BODY_BYTES) return REFUSED.tooLarge;
    let body: unknown;
    try {
      body = JSON.parse(call.body.toString('utf8'));
    } catch {
      return REFUSED.malformedJson;
    }
    context.body = body;
    const request = asWebhookRequest(body);
    if (!request) return REFUSED.notWebhookRequest;
    try {
      const sealer = options.sessionSealer;
      const forged = () => context.log.warn({ event: 'session.forged', platform: 'google' }, 'session context ignored: not sealed for this user and session');
      const turn = toVoiceTurn(request, { now: clock(), sealer, forged });
      const reply = await options.handleTurn(turn, context);
      if (context.log.isLevelEnabled?.('debug') !== false) context.log.debug(
        { platform: 'google', requestId: turn.requestId, intent: turn.intent, handledAs: reply.handledAs, outcome: reply.outcome },
        'google turn',
      );
      const seal = sealer ? { sealer, binding: { userId: turn.user.id, sessionId: turn.session.id } } : undefined;
      return jsonAnswer(200, toWebhookResponse(reply, request, seal));
    } catch (error) {
      context.log.error({ event: 'google.webhook.failed', err: error }, 'the Google webhook failed');
      context.outcome = 'failed';
      return REFUSED.internal;
    }
  };
}
