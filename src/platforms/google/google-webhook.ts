import { DateTime } from 'luxon';
import type { Config } from '../../config.js';
import type { DomainDeps, ReplyListener, TurnDeps } from '../../domain/deps.js';
import type { VoiceReply, VoiceTurn } from '../../domain/turn.js';
import { loadDialogflowDispatcher } from './dialogflow-app.js';
import { HTTP_ANSWERS, type HttpAnswer } from './http-answers.js';
import { toVoiceTurn } from './to-voice-turn.js';
import { toWebhookResponse } from './to-webhook-response.js';
import { asWebhookRequest } from './webhook-types.js';

/**
 * What the Google route needs: the domain's deps, the config (auth), an injectable clock, and
 * the same per-reply hook the Alexa skill calls (metrics).
 */
export type GoogleRouteDeps = DomainDeps & {
  config: Config;
  now?: () => DateTime;
  onReply?: ReplyListener;
};

/** The domain's single entry (`handleTurn` in domain/handle-turn.ts). */
export type TurnHandler = (turn: VoiceTurn, deps: DomainDeps) => Promise<VoiceReply>;

/** The webhook without HTTP: a parsed, authenticated body in, status and JSON body out. */
export interface GoogleWebhook {
  /** Answers one parsed body; `turnDeps` (the request's logger, catalog and reply listener) replace the webhook's own for it. */
  answer(body: unknown, turnDeps?: TurnDeps): Promise<HttpAnswer>;
}

/**
 * The Dialogflow ES webhook, framework-neutral: shared by the express route and the Lambda
 * handler. A body that is not a `WebhookRequest` gets 400; every `WebhookRequest` gets 200 with a
 * `WebhookResponse`, an unknown intent the fallback's.
 *
 * @example await createGoogleWebhook(deps, handleTurn).answer(JSON.parse(body))
 */
export function createGoogleWebhook(deps: GoogleRouteDeps, handleTurn: TurnHandler): GoogleWebhook {
  const now = deps.now ?? (() => DateTime.now());
  return {
    async answer(body, turnDeps: TurnDeps = deps) {
      const request = asWebhookRequest(body);
      if (!request) return HTTP_ANSWERS.notWebhookRequest;
      const dispatcher = await loadDialogflowDispatcher();
      const response = await dispatcher.dispatch(request, async (target) => {
        const turn = toVoiceTurn(request, { now: now(), target });
        const reply = await handleTurn(turn, turnDeps);
        turnDeps.onReply?.(reply, turn.locale);
        if (turnDeps.log.isLevelEnabled?.('debug') !== false) turnDeps.log.debug(
          { platform: 'google', requestId: turn.requestId, intent: turn.intent, handledAs: reply.handledAs, outcome: reply.outcome },
          'google turn',
        );
        return toWebhookResponse(reply, request);
      });
      return { status: 200, body: response };
    },
  };
}
