/**
 * What the state store keeps of one answered turn for the merchant's KPIs (`src/analytics/`).
 * Pseudonymous by construction: the user is a keyed hash, the session a hash, and the only
 * words kept are slot values and, for turns that fell back, the redacted sentence.
 */
export interface TurnEvent {
  /** When the turn was answered (ms since the epoch). */
  at: number;
  /** Hash of the platform's session id: turns of one conversation share it. */
  session: string;
  /** HMAC-SHA256 of the platform user id under the key `keyId`; null without a key. */
  user: string | null;
  /** Which analytics key made `user`, so a rotated key's pseudonyms can still be found and deleted. */
  keyId: string | null;
  platform: 'alexa' | 'google';
  locale: string;
  kind: 'launch' | 'intent' | 'session-ended';
  /** The intent the platform (or simulator) sent. */
  intent: string;
  /** The intent the domain answered as (`AMAZON.FallbackIntent` for a sentence it did not know). */
  handledAs: string;
  /** How the sentence became an intent: the simulator's literal or statistical recogniser, or the platform's NLU. */
  recognisedBy: 'literal' | 'statistical' | 'platform';
  /** The recogniser's confidence (0–1) where it reports one. */
  confidence?: number;
  outcome: 'ok' | 'fallback' | 'error' | 'unlinked';
  /** Milliseconds from request to reply. */
  latencyMs: number;
  /** The reply ended the session. */
  endSession: boolean;
  /** Why a session ended (`USER_INITIATED`, `EXCEEDED_MAX_REPROMPTS`, `ERROR`), on `session-ended` turns. */
  endReason?: string;
  /** A product asked for: the slot value as spoken, its resolved id, and whether the shop had it (null: asked which one). */
  product?: { spoken: string; id?: string; found: boolean | null };
  /** A reorder was read back and awaits yes/no: its total. */
  readBackCents?: number;
  /** An order was placed in this turn: its total. */
  orderCents?: number;
  /** The customer was handed to a person (asked for one, or offered one after repeated fallbacks). */
  handoff: boolean;
  /** A satisfaction score 1–5 given in this turn. */
  feedback?: number;
  /** The sentence that fell back, redacted (numbers, e-mail addresses, long words removed); only on fallbacks. */
  utterance?: string;
}

/** A half-open range of instants: `from` ≤ at < `to`. */
export interface TimeRange {
  from: Date;
  to: Date;
}

/** A customer's request for a call back, or a feedback comment, for staff to handle. */
export interface StaffNote {
  id: string;
  at: number;
  kind: 'callback' | 'feedback';
  platform: 'alexa' | 'google';
  locale: string;
  /** Pseudonym of the customer (as in turn events). */
  user: string | null;
  /** Feedback score 1–5. */
  score?: number;
  /** What staff should read: the feedback comment, or the time the customer asked to be called. */
  note?: string;
  /** When staff marked it done. */
  doneAt?: number;
}

export type NewStaffNote = Omit<StaffNote, 'id' | 'doneAt'>;
