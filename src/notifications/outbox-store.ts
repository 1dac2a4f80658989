import type { ProactiveEvent } from './order-status-event.js';

/**
 * The notification outbox: events waiting to be sent to Alexa, who subscribed to them, and which
 * shop customer is which Alexa user. SQLite (`outbox-sqlite.ts`, `outbox.sqlite` in the data
 * folder) or PostgreSQL (`outbox-postgres.ts`, the state database); both pass
 * `test/notifications/outbox-contract.ts`.
 */
export interface OutboxStore {
  /** Adds an event unless one with its reference id exists (sent or not): a status change is sent once. */
  enqueue(event: ProactiveEvent, at: Date): Promise<{ enqueued: boolean }>;
  /**
   * Takes up to `limit` due events for `owner` until `leaseUntil`. Events leased by another owner are
   * skipped until their lease runs out, so a crashed worker's events come back and two workers never
   * hold one event. Each claim counts as an attempt.
   */
  claim(owner: string, at: Date, leaseUntil: Date, limit: number): Promise<OutboxEntry[]>;
  /** The outcome of one claimed event. Ignored (false) when `owner` no longer holds its lease. */
  markSent(referenceId: string, owner: string, at: Date): Promise<boolean>;
  scheduleRetry(referenceId: string, owner: string, at: Date, dueAt: Date, error: string): Promise<boolean>;
  deadLetter(referenceId: string, owner: string, at: Date, reason: string): Promise<boolean>;
  /** Events given up on, newest first: what the operator reads (`shopvoice notify --dead-letters`). */
  listDeadLetters(limit?: number): Promise<DeadLetter[]>;
  /** Deletes sent and dead events last changed before `before` (data minimisation); the number removed. */
  purge(before: Date): Promise<number>;
  /** Counts for /metrics and `--drain`; `nextDueAt` is the earliest pending event's due time. */
  backlog(at: Date): Promise<Backlog>;

  /** Replaces a user's proactive subscriptions (the `ProactiveSubscriptionChanged` list); empty removes them. */
  setSubscriptions(userId: string, eventNames: string[], locale: string | undefined, at: Date): Promise<void>;
  /** Records that a linked turn of `userId` belongs to the shop's customer `customerId` (latest link wins). */
  linkCustomer(userId: string, customerId: string, locale: string | undefined, at: Date): Promise<void>;
  /** The Alexa user of a shop customer if that user subscribed to `eventName`. */
  subscriberOf(customerId: string, eventName: string): Promise<Subscriber | undefined>;
  /** Deletes everything stored for an Alexa user (GDPR, `SkillDisabled`); the number of rows. */
  forgetSubscriber(userId: string): Promise<number>;
  close(): Promise<void>;
}

export interface OutboxEntry {
  referenceId: string;
  userId: string;
  event: ProactiveEvent;
  /** Claims so far, this one included. */
  attempts: number;
}

export interface DeadLetter {
  referenceId: string;
  userId: string;
  eventName: string;
  attempts: number;
  reason: string;
  failedAt: Date;
}

export interface Backlog {
  /** Waiting or leased, not yet sent or given up. */
  pending: number;
  /** Pending and due now, not leased. */
  due: number;
  dead: number;
  sent: number;
  nextDueAt?: Date;
}

export interface Subscriber {
  userId: string;
  /** The locale Alexa reported with the subscription or the linked turn, if any. */
  locale?: string;
}

/** Sent events and dead letters are kept this long, then purged (like the state store's 30 days). */
export const OUTBOX_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** The claim lease: long enough for one HTTP send with its timeout, short enough that a crash delays little. */
export const DEFAULT_LEASE_MS = 60_000;
