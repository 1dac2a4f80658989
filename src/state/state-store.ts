/**
 * The state port: what must outlive a request. SQLite by default; a networked store lets many
 * instances share it. Conversation state within a session travels in the platform's session
 * attributes/contexts instead.
 */
export interface StateStore {
  /**
   * Claims an idempotency key for a reorder. Exactly one caller gets `{ claimed: true }`; the
   * others get the order number once it is recorded, or `pending` while the first is working.
   */
  claimReorder(key: string, userId: string): Promise<ReorderClaim>;
  /** Records the order a claimed key produced. */
  completeReorder(key: string, orderNumber: string): Promise<void>;
  /** Releases a claim whose placement failed, so a retry can try again. */
  releaseReorder(key: string): Promise<void>;
  /** Deletes everything stored for a platform user (GDPR, `SkillDisabled`). */
  forgetUser(userId: string): Promise<number>;
  /** Resolves when the store answers; used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void> | void;
}

export type ReorderClaim =
  | { claimed: true }
  | { claimed: false; orderNumber?: string; pending: boolean };
