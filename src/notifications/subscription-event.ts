import type { RequestEnvelope } from 'ask-sdk-model';
import type { OutboxStore } from './outbox-store.js';

export interface SubscriptionEventOptions {
  /**
   * The shop customer behind a linked account's access token (the catalog's `customerByToken`).
   * Skill events of a linked user carry the token; with it the subscriber is linked at once
   * instead of at their next linked turn. Explicit account linking, not background matching.
   */
  customerOf?: (accessToken: string) => Promise<string | undefined>;
}

/**
 * Records a `AlexaSkillEvent.ProactiveSubscriptionChanged` skill event: the body lists every event
 * the user is now subscribed to, so the list replaces what was stored; an empty list means the
 * user turned notifications off. Other requests are ignored. Returns what was recorded.
 *
 * @example
 *   // in the skill-event handler, beside SkillDisabled:
 *   if (type === 'AlexaSkillEvent.ProactiveSubscriptionChanged')
 *     await handleSubscriptionEvent(input.requestEnvelope, outbox, { customerOf: async (t) => (await catalog.customerByToken(t))?.id });
 */
export async function handleSubscriptionEvent(
  envelope: RequestEnvelope,
  store: OutboxStore,
  options: SubscriptionEventOptions = {},
): Promise<{ userId: string; eventNames: string[]; customerId?: string } | undefined> {
  const request = envelope.request;
  if (request.type !== 'AlexaSkillEvent.ProactiveSubscriptionChanged') return undefined;
  const user = envelope.context?.System?.user;
  if (!user?.userId) return undefined;
  const eventNames = (request.body?.subscriptions ?? [])
    .map((s) => s.eventName)
    .filter((name): name is string => typeof name === 'string' && name.length > 0);
  const at = Number.isNaN(Date.parse(request.timestamp)) ? new Date(0) : new Date(request.timestamp);
  await store.setSubscriptions(user.userId, eventNames, request.locale, at);
  if (eventNames.length === 0 || !user.accessToken || !options.customerOf) return { userId: user.userId, eventNames };
  const customerId = await options.customerOf(user.accessToken);
  if (!customerId) return { userId: user.userId, eventNames };
  await store.linkCustomer(user.userId, customerId, request.locale, at);
  return { userId: user.userId, eventNames, customerId };
}
