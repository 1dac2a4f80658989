import { ask, finish, speak, type TurnContext } from './context.js';
import { PRIVACY_DIALOG_VERSION, recordConsent } from './consent.js';
import { join, list } from './speech.js';
import { currentConsents, type ConsentFeature } from '../state/state-store.js';
import type { Speech, VoiceReply } from './turn.js';

/**
 * Consent and the customer's data by voice (issue 17, docs/privacy.md): "Was weißt du über mich?"
 * says in one or two sentences what is stored about this platform user, "lösche meine Daten"
 * deletes all of it after a yes (the same secure deletion as Alexa's SkillDisabled), "keine
 * Benachrichtigungen mehr" withdraws the order notifications.
 */

/** PrivacyInfoIntent: what is stored about the user, then the way to delete it. */
export async function privacyInfo(ctx: TurnContext): Promise<VoiceReply> {
  const userId = ctx.turn.user.id;
  const stored = await ctx.deps.state.storedAbout(userId);
  const consents = currentConsents(await ctx.deps.state.consentsOf(userId));
  const agreed = [...consents.values()].filter((c) => c.granted).map((c) => c.feature);
  const declined = [...consents.values()].filter((c) => !c.granted).map((c) => c.feature);
  const parts: Speech[] = [];
  if (agreed.length > 0) parts.push(speak(ctx, 'privacy.item.consents', { features: list(agreed.map((f) => featureName(ctx, f)), ctx.locale) }));
  // A withdrawal is kept as proof too, so it is said as well.
  if (declined.length > 0) parts.push(speak(ctx, 'privacy.item.declined', { features: list(declined.map((f) => featureName(ctx, f)), ctx.locale) }));
  if (stored.reorders > 0) parts.push(speak(ctx, 'privacy.item.reorders', { count: stored.reorders }, stored.reorders));
  if (stored.staffNotes > 0) parts.push(speak(ctx, 'privacy.item.notes', { count: stored.staffNotes }, stored.staffNotes));
  if (stored.turnEvents > 0) parts.push(speak(ctx, 'privacy.item.turns', { count: stored.turnEvents }, stored.turnEvents));
  if (stored.told > 0) parts.push(speak(ctx, 'privacy.item.told'));
  const prompt = speak(ctx, 'launch.prompt');
  if (parts.length === 0) return ask(ctx, join(speak(ctx, 'privacy.nothing'), prompt), prompt, {}, { handledAs: 'PrivacyInfoIntent' });
  const summary = speak(ctx, 'privacy.stored', { items: list(parts, ctx.locale) });
  return ask(ctx, join(summary, speak(ctx, 'privacy.howToDelete')), prompt, {}, { handledAs: 'PrivacyInfoIntent' });
}

function featureName(ctx: TurnContext, feature: ConsentFeature): Speech {
  return speak(ctx, `privacy.feature.${feature}`);
}

/** DeleteMyDataIntent: asks once before anything is deleted. */
export function deleteMyData(ctx: TurnContext): VoiceReply {
  const question = speak(ctx, 'privacy.deleteConfirm');
  return ask(ctx, question, question, { pending: { kind: 'delete-data' } });
}

/**
 * "Ja" to the deletion: the state store forgets the user (claims, consents, what they were told,
 * their turn events and staff notes under every analytics key; overwritten on disk), the outbox
 * their subscriptions and links, the purchase code store their wrong-code counts. The session ends; nothing of it is kept.
 */
export async function confirmDeletion(ctx: TurnContext): Promise<VoiceReply> {
  const userId = ctx.turn.user.id;
  const removed = (await ctx.deps.state.forgetUser(userId)) + ((await ctx.deps.notifications?.forget(userId)) ?? 0) +
    ((await ctx.deps.purchaseCodes?.forgetUser(userId)) ?? 0);
  ctx.deps.log.info({ event: 'privacy.deleted', removed, requestId: ctx.turn.requestId }, 'user data deleted on request');
  return finish(ctx, speak(ctx, 'privacy.deleted'), { handledAs: 'DeleteMyDataIntent' });
}

/** "Nein" to the deletion: nothing deleted, and said so. */
export function declineDeletion(ctx: TurnContext): VoiceReply {
  const prompt = speak(ctx, 'launch.prompt');
  return ask(ctx, join(speak(ctx, 'privacy.notDeleted'), prompt), prompt, {});
}

/**
 * StopNotificationsIntent: on Alexa the subscription is removed at once and the withdrawal
 * recorded; Google has no notifications to stop (docs/notifications.md, "Google").
 */
export async function stopNotifications(ctx: TurnContext): Promise<VoiceReply> {
  const prompt = speak(ctx, 'launch.prompt');
  if (ctx.turn.platform !== 'alexa') return ask(ctx, join(speak(ctx, 'privacy.noNotificationsHere'), prompt), prompt, {});
  const at = ctx.turn.now.toJSDate();
  await ctx.deps.notifications?.unsubscribe(ctx.turn.user.id, at);
  await recordConsent(ctx.deps.state, { userId: ctx.turn.user.id, feature: 'notifications', granted: false, at, platform: 'alexa', textVersion: PRIVACY_DIALOG_VERSION });
  return ask(ctx, join(speak(ctx, 'privacy.notificationsStopped'), prompt), prompt, {});
}
