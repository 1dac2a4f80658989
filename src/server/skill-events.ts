import type { RequestEnvelope } from 'ask-sdk-model';
import { ORDER_STATUS_EVENT, recordConsent } from '../domain/consent.js';
import type { RequestContext } from '../platforms/request-context.js';
import { handleSubscriptionEvent } from '../notifications/subscription-event.js';
import type { AppDeps } from './open-deps.js';

/**
 * What the server does with Alexa's skill events beyond the skill's own handling:
 * `AlexaSkillEvent.ProactiveSubscriptionChanged` (the customer turned order notifications on or
 * off in the Alexa app) replaces the user's subscriptions in the outbox, links a linked account's
 * customer, and is kept as a consent record (`notifications`, given or withdrawn, text version of
 * Amazon's permission screen, platform alexa).
 *
 * @example createAlexaEndpoint({ …, onSkillEvent: skillEventRecorder(deps) });
 */
export function skillEventRecorder(deps: AppDeps): (envelope: RequestEnvelope, context: RequestContext) => Promise<void> {
  return async (envelope, context) => {
    const request = envelope.request;
    if (request.type !== 'AlexaSkillEvent.ProactiveSubscriptionChanged') return;
    const userId = envelope.context?.System?.user?.userId;
    if (!userId) return;
    const subscribed = (request.body?.subscriptions ?? []).some((s) => s.eventName === ORDER_STATUS_EVENT);
    const timestamp = Date.parse(request.timestamp);
    const at = Number.isNaN(timestamp) ? deps.now?.().toJSDate() ?? new Date(0) : new Date(timestamp);
    await recordConsent(deps.state, { userId, feature: 'notifications', granted: subscribed, at, platform: 'alexa' });
    if (!deps.outbox) {
      context.log.warn({ event: request.type, subscribed }, 'notification subscription recorded as consent only: notifications are not configured');
      return;
    }
    const recorded = await handleSubscriptionEvent(envelope, deps.outbox, {
      customerOf: async (token) => (await deps.commerce.customerByToken(token))?.id,
    });
    context.log.info({ event: request.type, subscribed, linked: recorded?.customerId !== undefined }, 'notification subscription changed');
  };
}
