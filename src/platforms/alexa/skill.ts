import { SkillBuilders, type HandlerInput } from 'ask-sdk-core';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import type { DateTime } from 'luxon';
import type { DomainDeps, ReplyListener, TurnDeps } from '../../domain/deps.js';
import { handleTurn } from '../../domain/handle-turn.js';
import { writeSessionState } from '../../domain/session-state.js';
import { say } from '../../domain/speech.js';
import type { SessionState, VoiceReply } from '../../domain/turn.js';
import { translatorFor } from '../../i18n/i18n.js';
import { toAlexaResponse } from './to-alexa-response.js';
import { alexaLocale, toVoiceTurn } from './to-voice-turn.js';

export interface AlexaSkillDeps extends DomainDeps {
  /** Fixed clock for tests and the simulator; default: the request's timestamp. */
  now?: () => DateTime;
  /** Called with each handled turn's reply (metrics). */
  onReply?: ReplyListener;
}

export interface AlexaSkill {
  /** Answers one request; `turnDeps` (the request's logger, catalog and reply listener) replace the skill's own for it. */
  invoke(envelope: RequestEnvelope, turnDeps?: TurnDeps): Promise<ResponseEnvelope>;
}

const CONVERSATION_REQUESTS = new Set(['LaunchRequest', 'IntentRequest', 'SessionEndedRequest']);

/**
 * Sets what goes back in `sessionAttributes`. ask-sdk-core echoes the request's attributes
 * unless told otherwise, so they are always set; a request without a session has none to set.
 */
function keepSession(input: HandlerInput, state: SessionState): void {
  if (input.requestEnvelope.session) input.attributesManager.setSessionAttributes(writeSessionState(state));
}

/**
 * The ask-sdk-core skill: dispatch stays ask-sdk's, but every conversation request goes through
 * the one domain entry. Skill lifecycle events are handled here because they are Alexa's alone.
 */
export function createAlexaSkill(deps: AlexaSkillDeps): AlexaSkill {
  /** The request's own deps, which travel as ask-sdk's invocation context; else the skill's. */
  const depsOf = (input: HandlerInput): TurnDeps => (input.context as TurnDeps | undefined) ?? deps;

  const conversation = {
    canHandle: (input: HandlerInput) => CONVERSATION_REQUESTS.has(input.requestEnvelope.request.type),
    async handle(input: HandlerInput) {
      const turnDeps = depsOf(input);
      const turn = toVoiceTurn(input.requestEnvelope, deps.now);
      const reply = await handleTurn(turn, turnDeps);
      turnDeps.onReply?.(reply, turn.locale);
      keepSession(input, reply.endSession ? {} : reply.state);
      return toAlexaResponse(reply, input.responseBuilder);
    },
  };

  const skillEvents = {
    canHandle: (input: HandlerInput) => input.requestEnvelope.request.type.startsWith('AlexaSkillEvent.'),
    async handle(input: HandlerInput) {
      const { state, log } = depsOf(input);
      const type = input.requestEnvelope.request.type;
      const userId = input.requestEnvelope.context?.System?.user?.userId;
      if (type === 'AlexaSkillEvent.SkillDisabled' && userId) {
        // The userId changes whenever the skill is re-enabled; a disabled user's data must go (GDPR Art. 17).
        const removed = await state.forgetUser(userId);
        log.info({ event: type, removed }, 'skill disabled: user data deleted');
      } else if (type === 'AlexaSkillEvent.SkillAccountLinked') {
        // The event carries the new access token in `body.accessToken`. Nothing is stored: the token
        // arrives with every request, and matching customers in the background is not allowed
        // (platform-rules.md, "commerce policy"). Only the fact is logged, never the token.
        log.info({ event: type }, 'skill account linked');
      } else {
        log.info({ event: type }, 'skill event');
      }
      return input.responseBuilder.getResponse();
    },
  };

  const anythingElse = {
    canHandle: () => true,
    handle: (input: HandlerInput) => input.responseBuilder.getResponse(),
  };

  const skill = SkillBuilders.custom()
    .addRequestHandlers(conversation, skillEvents, anythingElse)
    .addErrorHandlers({
      canHandle: () => true,
      handle(input: HandlerInput, error: Error) {
        const turnDeps = depsOf(input);
        const request = input.requestEnvelope.request;
        turnDeps.log.error({ event: 'alexa.dispatch.failed', err: error, requestType: request.type }, 'alexa dispatch failed');
        if (request.type !== 'LaunchRequest' && request.type !== 'IntentRequest') return input.responseBuilder.getResponse();
        // A customer who spoke hears one apology, never silence (style.md, "unknown errors").
        const raw = (request as { locale?: unknown }).locale;
        const locale = alexaLocale(typeof raw === 'string' ? raw : undefined);
        const reply: VoiceReply = {
          speech: say(translatorFor(locale), 'errors.INTERNAL'),
          endSession: true,
          state: {},
          handledAs: request.type,
          outcome: 'error',
        };
        turnDeps.onReply?.(reply, locale);
        keepSession(input, {});
        return toAlexaResponse(reply, input.responseBuilder);
      },
    })
    .create();

  return { invoke: (envelope, turnDeps) => skill.invoke(envelope, turnDeps) };
}
