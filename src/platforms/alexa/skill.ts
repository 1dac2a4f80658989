import { SkillBuilders, type HandlerInput } from 'ask-sdk-core';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import type { DateTime } from 'luxon';
import type { SessionSealer } from '../../domain/session-seal.js';
import { say } from '../../domain/speech.js';
import type { SessionState, VoiceReply } from '../../domain/turn.js';
import { translatorFor } from '../../i18n/i18n.js';
import type { RequestContext, TurnHandler } from '../request-context.js';
import { bindingOf, readAttributes, writeAttributes } from './session-attributes.js';
import { toAlexaResponse } from './to-alexa-response.js';
import { alexaLocale, toVoiceTurn } from './to-voice-turn.js';

/** What the skill needs besides the request: the one turn handler and the skill events' store. */
export interface AlexaSkillOptions {
  handleTurn: TurnHandler;
  /** Deletes what is stored for a user (`AlexaSkillEvent.SkillDisabled`); resolves to the count. */
  forgetUser(userId: string): Promise<number>;
  /** Fixed clock (tests); default: the request's own timestamp. */
  clock?: () => DateTime;
  /** Seals the session attributes to the user and session; without one they travel as plain JSON. */
  sessionSealer?: SessionSealer;
  /**
   * Every skill event after the skill's own handling (the server records
   * `AlexaSkillEvent.ProactiveSubscriptionChanged` in the notification outbox and as a consent).
   */
  onSkillEvent?(envelope: RequestEnvelope, context: RequestContext): Promise<void>;
}

export interface AlexaSkill {
  /** Answers one verified envelope in the request's context. */
  invoke(envelope: RequestEnvelope, context: RequestContext): Promise<ResponseEnvelope>;
}

const CONVERSATION_REQUESTS = new Set(['LaunchRequest', 'IntentRequest', 'SessionEndedRequest']);

/**
 * Sets what goes back in `sessionAttributes` (sealed when there is a sealer). ask-sdk-core echoes
 * the request's attributes unless told otherwise, so they are always set; a request without a
 * session has none to set.
 */
function keepSession(input: HandlerInput, state: SessionState, sealer: SessionSealer | undefined): void {
  const binding = bindingOf(input.requestEnvelope);
  if (binding) input.attributesManager.setSessionAttributes(writeAttributes(state, binding, sealer));
}

/**
 * The ask-sdk-core skill: dispatch stays ask-sdk's, but every conversation request goes through
 * the one turn handler. Skill lifecycle events are handled here because they are Alexa's alone;
 * any other request type (CanFulfillIntentRequest, Display.ElementSelected, APL UserEvent,
 * Connections.Response, types yet to come) gets a valid empty response that carries only our own
 * session keys (platform-rules.md, "Learned from outside clients").
 *
 * The request's context (its logger, reply deadline and outcome) is what ask-sdk calls the
 * invocation context, the place Lambda's context with its deadline goes: the handlers read it from
 * `input.context`. No deps travel there; the turn handler and the store come with the skill. (A
 * WeakMap keyed by the envelope instead cost 5 % of a request in garbage collection: bench/NOTES.md.)
 *
 * @example await createAlexaSkill({ handleTurn, forgetUser }).invoke(envelope, context)
 */
export function createAlexaSkill(options: AlexaSkillOptions): AlexaSkill {
  const contextOf = (input: HandlerInput): RequestContext => input.context as RequestContext;
  const sealer = options.sessionSealer;
  const stateOf = (input: HandlerInput) => readAttributes(input.requestEnvelope, sealer, contextOf(input).log);

  const conversation = {
    canHandle: (input: HandlerInput) => CONVERSATION_REQUESTS.has(input.requestEnvelope.request.type),
    async handle(input: HandlerInput) {
      const turn = toVoiceTurn(input.requestEnvelope, options.clock, stateOf(input));
      const reply = await options.handleTurn(turn, contextOf(input));
      keepSession(input, reply.endSession ? {} : reply.state, sealer);
      return toAlexaResponse(reply, input.responseBuilder);
    },
  };

  const skillEvents = {
    canHandle: (input: HandlerInput) => input.requestEnvelope.request.type.startsWith('AlexaSkillEvent.'),
    async handle(input: HandlerInput) {
      const context = contextOf(input);
      context.outcome = 'event';
      const type = input.requestEnvelope.request.type;
      const userId = input.requestEnvelope.context?.System?.user?.userId;
      if (type === 'AlexaSkillEvent.SkillDisabled' && userId) {
        // The userId changes whenever the skill is re-enabled; a disabled user's data must go (GDPR Art. 17).
        const removed = await options.forgetUser(userId);
        context.log.info({ event: type, removed }, 'skill disabled: user data deleted');
      } else if (type === 'AlexaSkillEvent.SkillAccountLinked') {
        // The event carries the new access token in `body.accessToken`. Nothing is stored: the token
        // arrives with every request, and matching customers in the background is not allowed
        // (platform-rules.md, "commerce policy"). Only the fact is logged, never the token.
        context.log.info({ event: type }, 'skill account linked');
      } else {
        context.log.info({ event: type }, 'skill event');
      }
      await options.onSkillEvent?.(input.requestEnvelope, context);
      // ask-sdk would echo the request's attributes as they came; only our own state goes back.
      keepSession(input, stateOf(input), sealer);
      return input.responseBuilder.getResponse();
    },
  };

  const anythingElse = {
    canHandle: () => true,
    handle(input: HandlerInput) {
      contextOf(input).outcome = 'event';
      // Only our own keys go back, read as every turn reads them.
      keepSession(input, stateOf(input), sealer);
      return input.responseBuilder.getResponse();
    },
  };

  const skill = SkillBuilders.custom()
    .addRequestHandlers(conversation, skillEvents, anythingElse)
    .addErrorHandlers({
      canHandle: () => true,
      handle(input: HandlerInput, error: Error) {
        const context = contextOf(input);
        const request = input.requestEnvelope.request;
        context.log.error({ event: 'alexa.dispatch.failed', err: error, requestType: request.type }, 'alexa dispatch failed');
        context.outcome = 'error';
        keepSession(input, {}, sealer);
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
        return toAlexaResponse(reply, input.responseBuilder);
      },
    })
    .create();

  return {
    async invoke(envelope, context) {
      // ask-sdk adds `userAgent: "ask-node/… Node/v20…"`: it tells every caller our runtime and
      // versions, and Alexa does not read it.
      const { userAgent: _runtime, ...response } = await skill.invoke(envelope, context);
      return response;
    },
  };
}
