import { createHash } from 'node:crypto';
import type { ConsentFeature, ConsentRecord } from './consent-record.js';
import type { NewStaffNote, StaffNote, TimeRange, TurnEvent } from './turn-event.js';

export { currentConsents } from './consent-record.js';
export type { ConsentFeature, ConsentRecord, NewStaffNote, StaffNote, TimeRange, TurnEvent };

/**
 * The state port: what must outlive a request. SQLite by default (`sqlite-state-store.ts`);
 * PostgreSQL (`postgres-state-store.ts`, `SHOPVOICE_STATE_URL`) lets many instances share it.
 * Both pass the same contract suite (`test/support/state-contract.ts`). Conversation state within
 * a session travels in the platform's session attributes/contexts instead.
 */
export interface StateStore {
  /**
   * Claims an idempotency key for a reorder of one user. Exactly one caller gets
   * `{ claimed: true }`; the others get the order number once it is recorded, or `pending` while
   * the first is working. Keys are the user's own: another user presenting the same key claims a
   * different row and learns nothing of this one.
   */
  claimReorder(key: string, userId: string): Promise<ReorderClaim>;
  /** Records the order a claimed key of this user produced. */
  completeReorder(key: string, orderNumber: string, userId: string): Promise<void>;
  /** Releases this user's claim whose placement failed, so a retry can try again. */
  releaseReorder(key: string, userId: string): Promise<void>;
  /**
   * Marks this user's claim as no longer in flight without forgetting it: the placement's answer
   * was lost, so the order may exist. The next confirmation may take it over at once (the shop's
   * placement is idempotent per key), and `unfinishedReorders` lists it for the next session.
   */
  suspendReorder(key: string, userId: string): Promise<void>;
  /**
   * This user's claims still without an order that were claimed before `claimedBefore`: placements
   * whose answer was lost or late. The domain asks the shop for their outcome before offering the
   * same basket again.
   */
  unfinishedReorders(userId: string, claimedBefore: Date): Promise<string[]>;
  /**
   * Deletes everything stored for a platform user (GDPR, `SkillDisabled`): their claims, and the
   * turn events and staff notes under any of `pseudonyms` (the user's analytics pseudonyms, one
   * per analytics key, see `src/analytics/pseudonym.ts`), their consent records and what they were
   * told. Resolves to the number of rows deleted.
   */
  forgetUser(userId: string, pseudonyms?: readonly string[]): Promise<number>;
  /** Appends turn events (the analytics recorder's batches), in one transaction. */
  recordTurnEvents(events: readonly TurnEvent[]): Promise<void>;
  /** The turn events with `from` ≤ at < `to`, oldest first. */
  turnEvents(range: TimeRange): Promise<TurnEvent[]>;
  /** Deletes turn events older than `before` (the analytics retention); the number deleted. */
  purgeTurnEvents(before: Date): Promise<number>;
  /** Stores a callback request or feedback comment for staff. */
  addStaffNote(note: NewStaffNote): Promise<StaffNote>;
  /** Callback requests and feedback, newest first; done ones only with `includeDone`. */
  listCallbacks(options?: { includeDone?: boolean; limit?: number }): Promise<StaffNote[]>;
  /** Marks a note done; false when there is no such open note. */
  markCallbackDone(id: string, at: Date): Promise<boolean>;
  // --- After the sale: consent, closure notices said, feedback asked (issue 17) ---
  /** Appends a consent decision (given or withdrawn); the history is kept until the user is forgotten. */
  recordConsent(record: ConsentRecord): Promise<void>;
  /** A user's consent decisions, oldest first (`currentConsents` gives the latest per feature). */
  consentsOf(userId: string): Promise<ConsentRecord[]>;
  /**
   * Remembers that `userId` was told about `key` (a closure notice: store and date; feedback
   * asked: its week) at `at`; false when it was remembered already (told once).
   */
  rememberTold(userId: string, key: string, at: Date): Promise<boolean>;
  /** When `userId` was last told about `key`, if ever. */
  toldAt(userId: string, key: string): Promise<Date | undefined>;
  /**
   * How much is stored about a user ("Was weißt du über mich?"): rows per kind, under the user id
   * and, for turn events and staff notes, under any of `pseudonyms` (as `forgetUser`).
   */
  storedAbout(userId: string, pseudonyms?: readonly string[]): Promise<StoredAbout>;
  /** Resolves when the store answers; used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void> | void;
}

/** What `storedAbout` counts: the rows `forgetUser` would delete, by kind. */
export interface StoredAbout {
  reorders: number;
  turnEvents: number;
  staffNotes: number;
  consents: number;
  told: number;
}

export type ReorderClaim =
  | { claimed: true }
  | { claimed: false; orderNumber?: string; pending: boolean };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Rows are kept 30 days: long enough that a repeated "yes" days later still finds its order,
 * short enough that nothing personal lingers (data minimisation, GDPR Art. 5(1)(e)). The purge
 * runs on open, which every instance does often (Lambda cold starts, restarts, deploys).
 */
export const RETENTION_MS = 30 * DAY_MS;

/**
 * A claim still pending after this long belongs to a placement that crashed between claim and
 * complete/release; a new caller may take it over. Safe because the shop's placeReorder is
 * itself idempotent per key, so the takeover can only return the same order.
 */
export const STALE_CLAIM_MS = 2 * 60 * 1000;

/**
 * The owner a callback request's staff note is stored under (issue 17): a hash of the platform
 * user id, so staff never see the id, and `forgetUser(userId)` finds the note (and its phone
 * number) without an analytics key. Both stores delete and count notes under it with the user's
 * pseudonyms.
 *
 * @example await state.addStaffNote({ …, kind: 'callback', user: staffNoteOwner(turn.user.id) });
 */
export function staffNoteOwner(userId: string): string {
  return `u-${createHash('sha256').update(`staff-note\n${userId}`).digest('base64url').slice(0, 22)}`;
}
