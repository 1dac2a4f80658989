import { finish, speak, type TurnContext } from './context.js';
import { CONSENT_TEXT_VERSIONS, recordConsent } from './consent.js';
import { redactSentence } from './redact.js';
import { join, telephone } from './speech.js';
import { SESSION_CAPS } from './session-state.js';
import { staffNoteOwner } from '../state/state-store.js';
import type { PendingQuestion, Speech, VoiceReply, VoiceTurn } from './turn.js';

/** Alexa's customer-profile permission for the mobile number (the AskForPermissionsConsent card asks for it). */
export const MOBILE_NUMBER_PERMISSION = 'alexa::profile:mobile_number:read';

type CallbackPending = Extract<PendingQuestion, { kind: 'callback' }>;

/** What the shop's contact is (config first, then the shop): the number a call is transferred to. */
export function contactOf(ctx: TurnContext): { phone: string; email: string } {
  return { phone: ctx.deps.contact?.phone ?? ctx.shop.phone, email: ctx.deps.contact?.email ?? ctx.shop.email };
}

/** E.164 of a number as written for people: "+49 89 21 54 37 0" → "+49892154370". */
export function e164(phone: string): string {
  return phone.replace(/[^\d+]/g, '');
}

/**
 * One redacted line about a turn for a callback's staff note: the intent, its slot values
 * (numbers, e-mail addresses and long words removed, as in analytics) and the outcome.
 *
 * @example turnSummary(turn, 'ok') // 'ProductLookupIntent product="einhornmilch" (ok)'
 */
export function turnSummary(turn: VoiceTurn, outcome: string, handledAs: string): string {
  const slots = Object.entries(turn.slots)
    .map(([name, slot]) => [name, redactSentence(slot.canonical ?? slot.value ?? '')] as const)
    .filter(([, value]) => value.length > 0)
    .map(([name, value]) => `${name}="${value.slice(0, 40)}"`);
  return [handledAs, ...slots, `(${outcome})`].join(' ').slice(0, SESSION_CAPS.recentChars);
}

/** Where a callback's number would come from, if anywhere: the linked account, else (Alexa) the customer profile. */
async function numberSource(ctx: TurnContext): Promise<CallbackPending['source'] | undefined> {
  const token = ctx.turn.user.accessToken;
  const customer = token ? await ctx.reads.customer(token).catch(() => undefined) : undefined;
  if (customer?.phone) return 'account';
  if (ctx.turn.platform === 'alexa' && ctx.turn.platformApi && ctx.deps.customerProfile) return 'profile';
  return undefined;
}

/**
 * The hand-off's offer of a callback (issue 17): "Soll dich jemand zurückrufen?", with what the
 * number is used for said first (consent `callback`). Undefined when there is no number to use:
 * the caller then reads out the shop's contact, as before.
 */
export async function callbackOffer(ctx: TurnContext): Promise<VoiceReply | undefined> {
  const source = await numberSource(ctx);
  if (!source) return undefined;
  const reason = ctx.turn.session.state.recent?.at(-1) ?? ctx.turn.intent;
  const question = speak(ctx, 'callback.question');
  return {
    speech: join(speak(ctx, 'handoff.intro'), speak(ctx, source === 'account' ? 'callback.purposeAccount' : 'callback.purposeProfile'), question),
    reprompt: question,
    endSession: false,
    state: { ...(ctx.turn.session.state.recent ? { recent: ctx.turn.session.state.recent } : {}), pending: { kind: 'callback', reason, source } },
    handledAs: ctx.turn.intent,
    outcome: 'ok',
  };
}

/** On a phone line (Dialogflow's telephony gateway) the hand-off puts the caller through to the shop. */
export function transferCall(ctx: TurnContext): VoiceReply {
  return finish(ctx, speak(ctx, 'callback.transfer'), { transferTo: e164(contactOf(ctx).phone) });
}

/** The shop's phone and e-mail after `lead`, with the contact card (unless `extra` brings another), and the session ends. */
function contactReply(ctx: TurnContext, lead: Speech, extra: Partial<VoiceReply> = {}): VoiceReply {
  const { phone, email } = contactOf(ctx);
  const card = { type: 'simple' as const, title: String(ctx.t('handoff.cardTitle', { shop: ctx.shop.name })), text: `${phone}\n${email}` };
  return finish(ctx, join(lead, speak(ctx, 'handoff.contact', { phone: telephone(phone), email })), { card, ...extra });
}

/**
 * "Ja" to the callback offer: the consent is recorded, the number read (linked account, or the
 * Alexa customer profile — without the permission a consent card goes to the Alexa app and the
 * customer hears so), and the request stored for staff with its reason and the redacted last
 * turns, then handed to the merchant's webhook off the reply path. The number is never logged.
 */
export async function acceptCallback(ctx: TurnContext, pending: CallbackPending): Promise<VoiceReply> {
  const { turn, deps } = ctx;
  let phone: string | undefined;
  if (pending.source === 'account') {
    const token = turn.user.accessToken;
    phone = token ? (await ctx.reads.customer(token))?.phone : undefined;
  } else if (turn.platformApi && deps.customerProfile) {
    const found = await deps.customerProfile.mobileNumber(turn.platformApi);
    if (found.kind === 'denied') {
      return contactReply(ctx, speak(ctx, 'callback.permissionNeeded'), {
        card: { type: 'permissions', title: String(ctx.t('callback.permissionCardTitle', { shop: ctx.shop.name })), text: String(ctx.t('callback.permissionCardText')), permissions: [MOBILE_NUMBER_PERMISSION] },
      });
    }
    if (found.kind === 'number') phone = found.phone;
  }
  if (!phone) return contactReply(ctx, speak(ctx, 'callback.noNumber'));
  const at = turn.now.toJSDate();
  await recordConsent(deps.state, { userId: turn.user.id, feature: 'callback', granted: true, at, platform: turn.platform, textVersion: CONSENT_TEXT_VERSIONS.callback });
  const recent = turn.session.state.recent ?? [];
  const note = await deps.state.addStaffNote({
    at: at.getTime(),
    kind: 'callback',
    platform: turn.platform,
    locale: turn.locale,
    user: staffNoteOwner(turn.user.id),
    note: [`phone: ${phone}`, `reason: ${pending.reason}`, ...(recent.length ? [`last turns: ${recent.join(' | ')}`] : [])].join('\n'),
  });
  try {
    deps.callbacks?.created({ id: note.id, at: at.toISOString(), platform: turn.platform, locale: turn.locale, phone, reason: pending.reason, recentTurns: recent, shop: ctx.shop.name });
  } catch (err) {
    deps.log.warn({ event: 'handoff.webhook.failed', err: err instanceof Error ? err.message : 'unknown' }, 'the callback request could not be handed to the webhook');
  }
  return finish(ctx, speak(ctx, 'callback.created', { shop: ctx.shop.name }), { handledAs: 'HumanHandoffIntent' });
}

/** "Nein" to the callback offer: the decision recorded, the shop's contact said instead. */
export async function declineCallback(ctx: TurnContext): Promise<VoiceReply> {
  await recordConsent(ctx.deps.state, { userId: ctx.turn.user.id, feature: 'callback', granted: false, at: ctx.turn.now.toJSDate(), platform: ctx.turn.platform, textVersion: CONSENT_TEXT_VERSIONS.callback });
  return contactReply(ctx, speak(ctx, 'callback.declined'), { handledAs: 'HumanHandoffIntent' });
}
