import type { RequestEnvelope } from 'ask-sdk-model';
import type { OutboxStore } from './outbox-store.js';

/**
 * Records a `AlexaSkillEvent.ProactiveSubscriptionChanged` skill event: the body lists every event
 * the user is now subscribed to, so the list replaces what was stored; an empty list means the
 * user turned notifications off. Other requests are ignored. Returns what was recorded.
 *
 * @example
 *   // in the skill-event handler, beside SkillDisabled:
 *   if (type === 'AlexaSkillEvent.ProactiveSubscriptionChanged') await handleSubscriptionEvent(input.requestEnvelope, outbox);
 */
export async function handleSubscriptionEvent(envelope: RequestEnvelope, store: OutboxStore): Promise<{ userId: string; eventNames: string[] } | undefined> {
  const request = envelope.request;
  if (request.type !== 'AlexaSkillEvent.ProactiveSubscriptionChanged') return undefined;
  const userId = envelope.context?.System?.user?.userId;
  if (!userId) return undefined;
  const eventNames = (request.body?.subscriptions ?? [])
    .map((s) => s.eventName)
    .filter((name): name is string => typeof name === 'string' && name.length > 0);
  const at = Number.isNaN(Date.parse(request.timestamp)) ? new Date(0) : new Date(request.timestamp);
  await store.setSubscriptions(userId, eventNames, request.locale, at);
  return { userId, eventNames };
}
