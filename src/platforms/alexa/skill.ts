import { SkillBuilders, type HandlerInput } from 'ask-sdk-core';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import type { DateTime } from 'luxon';
import type { DomainDeps } from '../../domain/deps.js';
import { handleTurn } from '../../domain/handle-turn.js';
import type { VoiceReply } from '../../domain/turn.js';
import { toAlexaResponse } from './to-alexa-response.js';
import { toVoiceTurn } from './to-voice-turn.js';

export interface AlexaSkillDeps extends DomainDeps {
  /** Fixed clock for tests and the simulator; default: the request's timestamp. */
  now?: () => DateTime;
  /** Called with each handled turn's reply (metrics). */
  onReply?: (reply: VoiceReply, locale: string) => void;
}

export interface AlexaSkill {
  invoke(envelope: RequestEnvelope): Promise<ResponseEnvelope>;
}

const CONVERSATION_REQUESTS = new Set(['LaunchRequest', 'IntentRequest', 'SessionEndedRequest']);

/**
 * The ask-sdk-core skill: dispatch stays ask-sdk's, but every conversation request goes through
 * the one domain entry. Skill lifecycle events are handled here because they are Alexa's alone.
 */
export function createAlexaSkill(deps: AlexaSkillDeps): AlexaSkill {
  const conversation = {
    canHandle: (input: HandlerInput) => CONVERSATION_REQUESTS.has(input.requestEnvelope.request.type),
    async handle(input: HandlerInput) {
      const turn = toVoiceTurn(input.requestEnvelope, deps.now);
      const reply = await handleTurn(turn, deps);
      deps.onReply?.(reply, turn.locale);
      if (!reply.endSession) input.attributesManager.setSessionAttributes({ ...reply.state });
      return toAlexaResponse(reply, input.responseBuilder);
    },
  };

  const skillEvents = {
    canHandle: (input: HandlerInput) => input.requestEnvelope.request.type.startsWith('AlexaSkillEvent.'),
    async handle(input: HandlerInput) {
      const type = input.requestEnvelope.request.type;
      const userId = input.requestEnvelope.context?.System?.user?.userId;
      // The userId changes whenever the skill is re-enabled; a disabled user's data must go (GDPR).
      if (type === 'AlexaSkillEvent.SkillDisabled' && userId) {
        const removed = await deps.state.forgetUser(userId);
        deps.log.info({ event: type, removed }, 'skill disabled: user data deleted');
      } else {
        deps.log.info({ event: type }, 'skill event');
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
        deps.log.error({ err: error, requestType: input.requestEnvelope.request.type }, 'alexa dispatch failed');
        return input.responseBuilder.withShouldEndSession(true).getResponse();
      },
    })
    .create();

  return { invoke: (envelope) => skill.invoke(envelope) };
}
