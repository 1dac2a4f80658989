import { join } from 'node:path';
import { openSqliteFile } from '../state/sqlite-file.js';
import type { ProactiveEvent } from './order-status-event.js';
import type { Backlog, DeadLetter, OutboxEntry, OutboxStore } from './outbox-store.js';

/** Each entry takes the schema from the version before it to its own. Never edit one that shipped. */
const MIGRATIONS: Record<number, string> = {
  1: `
CREATE TABLE notification_outbox (
  reference_id TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL,
  event_name   TEXT NOT NULL,
  event_json   TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'dead')),
  attempts     INTEGER NOT NULL DEFAULT 0,
  due_at       INTEGER NOT NULL,
  lease_owner  TEXT,
  lease_until  INTEGER,
  last_error   TEXT,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX notification_outbox_due ON notification_outbox (status, due_at);
CREATE INDEX notification_outbox_user ON notification_outbox (user_id);
CREATE TABLE notification_subscriptions (
  user_id    TEXT NOT NULL,
  event_name TEXT NOT NULL,
  locale     TEXT,
  changed_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, event_name)
) STRICT;
CREATE TABLE notification_customer_links (
  customer_id TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL,
  locale      TEXT,
  linked_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX notification_customer_links_user ON notification_customer_links (user_id);
`,
};

export interface SqliteOutboxStore extends OutboxStore {
  readonly file: string;
}

type Row = { reference_id: string; user_id: string; event_json: string; attempts: number };

/**
 * Opens (creating on first use) `<dataDir>/outbox.sqlite`: its own file beside `state.sqlite`, WAL
 * so the server and `shopvoice notify` can use it at once.
 *
 * @example
 *   const outbox = openSqliteOutbox(config.dataDir);
 *   await outbox.enqueue(event, new Date());
 */
export function openSqliteOutbox(dataDir: string): SqliteOutboxStore {
  const file = join(dataDir, 'outbox.sqlite');
  // A forgotten subscriber's rows are overwritten, not left in free pages (sqlite-file.ts).
  const db = openSqliteFile(dataDir, 'outbox.sqlite', MIGRATIONS);

  const insert = db.prepare(`INSERT OR IGNORE INTO notification_outbox
    (reference_id, user_id, event_name, event_json, status, due_at, created_at, updated_at) VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)`);
  const due = db.prepare(`SELECT reference_id FROM notification_outbox
    WHERE status = 'pending' AND due_at <= ? AND (lease_until IS NULL OR lease_until <= ?) ORDER BY due_at, reference_id LIMIT ?`);
  const take = db.prepare(`UPDATE notification_outbox SET lease_owner = ?, lease_until = ?, attempts = attempts + 1, updated_at = ?
    WHERE reference_id = ? RETURNING reference_id, user_id, event_json, attempts`);
  const claim = db.transaction((owner: string, at: number, until: number, limit: number): Row[] => {
    const ids = due.all(at, at, limit) as Array<{ reference_id: string }>;
    return ids.map(({ reference_id }) => take.get(owner, until, at, reference_id) as Row);
  });
  const finish = (status: 'pending' | 'sent' | 'dead') =>
    db.prepare(`UPDATE notification_outbox SET status = '${status}', due_at = ?, last_error = ?, lease_owner = NULL, lease_until = NULL, updated_at = ?
      WHERE reference_id = ? AND lease_owner = ? AND status = 'pending'`);
  const [sent, retry, dead] = [finish('sent'), finish('pending'), finish('dead')];
  const deadList = db.prepare(`SELECT reference_id, user_id, event_name, attempts, last_error, updated_at FROM notification_outbox
    WHERE status = 'dead' ORDER BY updated_at DESC, reference_id LIMIT ?`);
  const counts = db.prepare(`SELECT
      sum(status = 'pending') AS pending,
      sum(status = 'pending' AND due_at <= @at AND (lease_until IS NULL OR lease_until <= @at)) AS due,
      sum(status = 'dead') AS dead, sum(status = 'sent') AS sent,
      min(CASE WHEN status = 'pending' THEN max(due_at, coalesce(lease_until, 0)) END) AS next_due
    FROM notification_outbox`);
  const purge = db.prepare("DELETE FROM notification_outbox WHERE status IN ('sent', 'dead') AND updated_at < ?");
  const clearSubs = db.prepare('DELETE FROM notification_subscriptions WHERE user_id = ?');
  const addSub = db.prepare('INSERT INTO notification_subscriptions (user_id, event_name, locale, changed_at) VALUES (?, ?, ?, ?)');
  const setSubs = db.transaction((userId: string, names: string[], locale: string | null, at: number) => {
    clearSubs.run(userId);
    for (const name of new Set(names)) addSub.run(userId, name, locale, at);
  });
  const link = db.prepare(`INSERT INTO notification_customer_links (customer_id, user_id, locale, linked_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (customer_id) DO UPDATE SET user_id = excluded.user_id, locale = coalesce(excluded.locale, locale), linked_at = excluded.linked_at`);
  const subscriber = db.prepare(`SELECT l.user_id, coalesce(l.locale, s.locale) AS locale FROM notification_customer_links l
    JOIN notification_subscriptions s ON s.user_id = l.user_id AND s.event_name = ? WHERE l.customer_id = ?`);
  const forget = db.transaction((userId: string) =>
    ['notification_outbox', 'notification_subscriptions', 'notification_customer_links']
      .reduce((sum, table) => sum + db.prepare(`DELETE FROM ${table} WHERE user_id = ?`).run(userId).changes, 0));

  return {
    file,
    async enqueue(event: ProactiveEvent, at: Date) {
      const t = at.getTime();
      const result = insert.run(event.referenceId, event.relevantAudience.payload.user, event.event.name, JSON.stringify(event), t, t, t);
      return { enqueued: result.changes === 1 };
    },
    async claim(owner, at, leaseUntil, limit): Promise<OutboxEntry[]> {
      return claim.immediate(owner, at.getTime(), leaseUntil.getTime(), limit).map((row) => ({
        referenceId: row.reference_id,
        userId: row.user_id,
        event: JSON.parse(row.event_json) as ProactiveEvent,
        attempts: row.attempts,
      }));
    },
    async markSent(referenceId, owner, at) {
      return sent.run(at.getTime(), null, at.getTime(), referenceId, owner).changes === 1;
    },
    async scheduleRetry(referenceId, owner, at, dueAt, error) {
      return retry.run(dueAt.getTime(), error, at.getTime(), referenceId, owner).changes === 1;
    },
    async deadLetter(referenceId, owner, at, reason) {
      return dead.run(at.getTime(), reason, at.getTime(), referenceId, owner).changes === 1;
    },
    async listDeadLetters(limit = 100): Promise<DeadLetter[]> {
      const rows = deadList.all(limit) as Array<{ reference_id: string; user_id: string; event_name: string; attempts: number; last_error: string; updated_at: number }>;
      return rows.map((r) => ({ referenceId: r.reference_id, userId: r.user_id, eventName: r.event_name, attempts: r.attempts, reason: r.last_error, failedAt: new Date(r.updated_at) }));
    },
    async purge(before) {
      return purge.run(before.getTime()).changes;
    },
    async backlog(at): Promise<Backlog> {
      const r = counts.get({ at: at.getTime() }) as { pending: number | null; due: number | null; dead: number | null; sent: number | null; next_due: number | null };
      const backlog: Backlog = { pending: r.pending ?? 0, due: r.due ?? 0, dead: r.dead ?? 0, sent: r.sent ?? 0 };
      if (r.next_due !== null) backlog.nextDueAt = new Date(r.next_due);
      return backlog;
    },
    async setSubscriptions(userId, eventNames, locale, at) {
      setSubs.immediate(userId, eventNames, locale ?? null, at.getTime());
    },
    async linkCustomer(userId, customerId, locale, at) {
      link.run(customerId, userId, locale ?? null, at.getTime());
    },
    async subscriberOf(customerId, eventName) {
      const row = subscriber.get(eventName, customerId) as { user_id: string; locale: string | null } | undefined;
      if (!row) return undefined;
      return row.locale ? { userId: row.user_id, locale: row.locale } : { userId: row.user_id };
    },
    async forgetSubscriber(userId) {
      const removed = forget.immediate(userId);
      // The WAL still holds the old pages: checkpoint and truncate so no copy stays on disk.
      if (removed > 0) db.pragma('wal_checkpoint(TRUNCATE)');
      return removed;
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
