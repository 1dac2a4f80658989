import { ask, finish, speak, type TurnContext } from './context.js';
import { CONSENT_TEXT_VERSIONS, recordConsent } from './consent.js';
import { join } from './speech.js';
import { currentConsents } from '../state/state-store.js';
import type { PendingQuestion, VoiceReply } from './turn.js';

/** Days between two feedback questions to one customer, unless the deps say otherwise. */
export const FEEDBACK_EVERY_DAYS = 7;

const DAY_MS = 86_400_000;

/** The question that asks for the score; the Alexa dialog keeps "vier" in its slot. */
const SCORE_DIALOG = { type: 'elicit-slot', intent: 'FeedbackScoreIntent', slot: 'score' } as const;

/**
 * Which piece of after-sale business a reply closes, if it is worth a feedback question: an
 * order placed (a confirmed reorder answered with its order card) or a hand-off given (the
 * hand-off intent, or a yes to the offered one).
 */
function afterSaleMoment(ctx: TurnContext, reply: VoiceReply): string | undefined {
  if (reply.outcome !== 'ok') return undefined;
  // A hand-off that asks "Soll dich jemand zurückrufen?" is not done yet (callback.ts).
  if (reply.state.pending?.kind === 'callback') return undefined;
  // On Dialogflow a hand-off lets the caller go (Messenger and phone callers are put through or
  // given the shop's contact): no question follows it there.
  if (ctx.turn.platform === 'google' && reply.handledAs === 'HumanHandoffIntent') return undefined;
  const pending = ctx.turn.session.state.pending;
  const confirmed = reply.handledAs === 'AMAZON.YesIntent' || (reply.handledAs === 'ReorderIntent' && ctx.turn.confirmation === 'CONFIRMED');
  const orderPlaced = pending?.kind === 'reorder' && confirmed && reply.endSession && reply.card !== undefined;
  // A fallback that escalated to the shop's contact is not asked about: the customer is stuck, not done.
  const handoff = reply.handledAs === 'HumanHandoffIntent' || (pending?.kind === 'handoff' && reply.handledAs === 'AMAZON.YesIntent');
  // What the rating is about, named alike on both platforms (Google's confirmation is a yes).
  if (orderPlaced) return 'ReorderIntent';
  if (handoff) return 'HumanHandoffIntent';
  return undefined;
}

/**
 * After an order or a hand-off, at most once per customer per `feedbackEveryDays` (7): the reply
 * stays open and asks "Wie zufrieden warst du heute, von eins bis fünf?". A customer who has not
 * decided yet is first told what it is for and asked whether they agree (consent `feedback`);
 * one who said no is never asked. Any other reply is returned as it was.
 */
export async function withFeedbackQuestion(ctx: TurnContext, reply: VoiceReply): Promise<VoiceReply> {
  const moment = afterSaleMoment(ctx, reply);
  if (!moment) return reply;
  const userId = ctx.turn.user.id;
  const every = (ctx.deps.feedbackEveryDays ?? FEEDBACK_EVERY_DAYS) * DAY_MS;
  const now = ctx.turn.now.toMillis();
  // One key per period; a question in the previous period must also be a full period ago. The
  // consent and the last question are independent reads: asked together (issue 15).
  const period = Math.floor(now / every);
  const [consents, before] = await Promise.all([ctx.deps.state.consentsOf(userId), ctx.deps.state.toldAt(userId, `feedback:${period - 1}`)]);
  const decision = currentConsents(consents).get('feedback');
  if (decision && !decision.granted) return reply;
  if (before && now - before.getTime() < every) return reply;
  if (!(await ctx.deps.state.rememberTold(userId, `feedback:${period}`, ctx.turn.now.toJSDate()))) return reply;
  const about = { about: moment, outcome: reply.outcome };
  if (!decision) {
    const question = speak(ctx, 'feedback.consentQuestion');
    return { ...reply, speech: join(reply.speech, speak(ctx, 'feedback.purpose'), question), reprompt: question, endSession: false, state: { pending: { kind: 'feedback-consent', ...about } } };
  }
  const question = speak(ctx, 'feedback.question');
  return { ...reply, speech: join(reply.speech, question), reprompt: question, endSession: false, state: { pending: { kind: 'feedback', ...about } }, dialog: SCORE_DIALOG };
}

type FeedbackPending = Extract<PendingQuestion, { kind: 'feedback' | 'feedback-consent' }>;

/** "Ja" to "Darf ich dich kurz fragen …?": consent recorded, then the score question. */
export async function agreeToFeedback(ctx: TurnContext, pending: FeedbackPending): Promise<VoiceReply> {
  await recordConsent(ctx.deps.state, { userId: ctx.turn.user.id, feature: 'feedback', granted: true, at: ctx.turn.now.toJSDate(), platform: ctx.turn.platform, textVersion: CONSENT_TEXT_VERSIONS.feedback });
  const question = speak(ctx, 'feedback.question');
  return ask(ctx, question, question, { pending: { kind: 'feedback', about: pending.about, outcome: pending.outcome } }, { dialog: SCORE_DIALOG });
}

/** "Nein" to the consent question: recorded, never asked again, goodbye. */
export async function declineFeedback(ctx: TurnContext): Promise<VoiceReply> {
  await recordConsent(ctx.deps.state, { userId: ctx.turn.user.id, feature: 'feedback', granted: false, at: ctx.turn.now.toJSDate(), platform: ctx.turn.platform, textVersion: CONSENT_TEXT_VERSIONS.feedback });
  return finish(ctx, join(speak(ctx, 'feedback.notAsked'), speak(ctx, 'goodbye')));
}

/** A score 1–5 from the slot (or a number said while the question is open), else undefined. */
export function spokenScore(ctx: TurnContext): number | undefined {
  for (const name of ['score', 'orderNumber']) {
    const raw = ctx.turn.slots[name]?.value;
    const n = raw === undefined ? NaN : Number(raw);
    if (Number.isInteger(n) && n >= 1 && n <= 5) return n;
  }
  return undefined;
}

/**
 * FeedbackScoreIntent (or a number while the question is open): the score is kept for staff
 * (anonymous: no user, the intent and outcome it is about) and for the KPIs (CSAT, through the
 * reply's `feedback`); 1 or 2 offers the hand-off, 3 to 5 thanks and ends. Without an open
 * question, or out of range, the question is asked (again).
 */
export async function feedbackScore(ctx: TurnContext): Promise<VoiceReply> {
  const pending = ctx.turn.session.state.pending;
  const question = speak(ctx, 'feedback.question');
  if (pending?.kind !== 'feedback') {
    const prompt = speak(ctx, 'launch.prompt');
    return ask(ctx, join(speak(ctx, 'feedback.notNow'), prompt), prompt, {});
  }
  const score = spokenScore(ctx);
  if (score === undefined) return ask(ctx, join(speak(ctx, 'feedback.range'), question), question, { pending }, { dialog: SCORE_DIALOG });
  await ctx.deps.state.addStaffNote({ at: ctx.turn.now.toMillis(), kind: 'feedback', platform: ctx.turn.platform, locale: ctx.turn.locale, user: null, score, note: `${pending.about} (${pending.outcome})` });
  if (score <= 2) {
    const offer = speak(ctx, 'feedback.offerHandoff');
    return ask(ctx, join(speak(ctx, 'feedback.sorry'), offer), offer, { pending: { kind: 'handoff' } }, { handledAs: 'FeedbackScoreIntent', feedback: score });
  }
  return finish(ctx, join(speak(ctx, 'feedback.thanks'), speak(ctx, 'goodbye')), { handledAs: 'FeedbackScoreIntent', feedback: score });
}
