import type { VoiceReply, VoiceTurn } from '../domain/turn.js';
import type { TurnEvent } from '../state/turn-event.js';
import type { Pseudonymizer } from './pseudonym.js';
import { redactSentence } from './redact.js';

/** What only the caller knows about a turn: the simulator's recogniser and the sentence itself. */
export interface TurnExtras {
  recognisedBy?: TurnEvent['recognisedBy'];
  confidence?: number;
  /** The spoken sentence; kept (redacted) only when the turn fell back. */
  utterance?: string;
  /** A satisfaction score 1–5 given in this turn. */
  feedback?: number;
}

const FALLBACK = 'AMAZON.FallbackIntent';

/**
 * The analytics event of one answered turn. The facts a KPI needs are read from the turn and the
 * reply the domain gave, never from speech: a product was found when the lookup answered with a
 * product card, not found when it fell back, undecided when it asked which one; a reorder was
 * read back when the reply waits for its confirmation, placed when a confirmed pending reorder
 * was answered with the order card; a hand-off is the hand-off intent, a "yes" to the offered
 * hand-off, or a fallback that escalated to the shop's contact (its card).
 *
 * @example recorder.push(turnEventFrom(turn, reply, 42, pseudonymizer));
 */
export function turnEventFrom(turn: VoiceTurn, reply: VoiceReply, latencyMs: number, pseudonyms: Pseudonymizer, extras: TurnExtras = {}): TurnEvent {
  const pending = turn.session.state.pending;
  const waiting = reply.state.pending;
  const event: TurnEvent = {
    at: turn.now.toMillis(),
    session: pseudonyms.session(turn.session.id),
    ...pseudonyms.user(turn.user.id),
    platform: turn.platform,
    locale: turn.locale,
    kind: turn.kind,
    intent: turn.intent,
    handledAs: reply.handledAs,
    recognisedBy: extras.recognisedBy ?? 'platform',
    outcome: reply.outcome,
    latencyMs: Math.max(0, Math.round(latencyMs)),
    endSession: reply.endSession,
    handoff:
      reply.handledAs === 'HumanHandoffIntent' ||
      (pending?.kind === 'handoff' && reply.handledAs === 'AMAZON.YesIntent') ||
      (reply.handledAs === FALLBACK && reply.card !== undefined),
  };
  if (extras.confidence !== undefined) event.confidence = extras.confidence;
  if (turn.endReason) event.endReason = turn.endReason;
  const slot = turn.slots.product;
  if (reply.handledAs === 'ProductLookupIntent' && (slot?.value || slot?.id)) {
    const found = reply.outcome === 'fallback' ? false : reply.outcome === 'ok' && reply.card ? true : null;
    event.product = { spoken: (slot.value ?? slot.canonical ?? slot.id ?? '').toLowerCase(), ...(slot.id ? { id: slot.id } : {}), found };
  }
  if (waiting?.kind === 'reorder' && reply.dialog?.type === 'confirm-intent') event.readBackCents = waiting.totalCents;
  const confirmed = reply.handledAs === 'AMAZON.YesIntent' || (reply.handledAs === 'ReorderIntent' && turn.confirmation === 'CONFIRMED');
  // A placed order ends the session, or keeps it open only for the feedback question (issue 17).
  const closed = reply.endSession || waiting?.kind === 'feedback' || waiting?.kind === 'feedback-consent';
  if (pending?.kind === 'reorder' && confirmed && reply.outcome === 'ok' && closed && reply.card) event.orderCents = pending.totalCents;
  // The score the domain took (issue 17's feedback question), or one the caller knows of.
  const feedback = extras.feedback ?? reply.feedback;
  if (feedback !== undefined) event.feedback = feedback;
  if (reply.handledAs === FALLBACK && extras.utterance) event.utterance = redactSentence(extras.utterance);
  return event;
}
