import pg from 'pg';
import type { ProactiveEvent } from './order-status-event.js';
import type { Backlog, DeadLetter, OutboxStore } from './outbox-store.js';

/** Versioned migrations of the outbox's own tables, tracked apart from the state store's. Never edit one that shipped. */
const MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
CREATE TABLE notification_outbox (
  reference_id TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL,
  event_name   TEXT NOT NULL,
  event_json   JSONB NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'dead')),
  attempts     INTEGER NOT NULL DEFAULT 0,
  due_at       BIGINT NOT NULL,
  lease_owner  TEXT,
  lease_until  BIGINT,
  last_error   TEXT,
  created_at   BIGINT NOT NULL,
  updated_at   BIGINT NOT NULL
);
CREATE INDEX notification_outbox_due ON notification_outbox (status, due_at);
CREATE INDEX notification_outbox_user ON notification_outbox (user_id);
CREATE TABLE notification_subscriptions (
  user_id    TEXT NOT NULL,
  event_name TEXT NOT NULL,
  locale     TEXT,
  changed_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, event_name)
);
CREATE TABLE notification_customer_links (
  customer_id TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL,
  locale      TEXT,
  linked_at   BIGINT NOT NULL
);
CREATE INDEX notification_customer_links_user ON notification_customer_links (user_id);
`,
  },
];

export const OUTBOX_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Not the state store's lock number: the two migrate independently. */
const MIGRATION_LOCK = 0x6f757462; // "outb"

/**
 * Brings the outbox tables in the database at `url` to the current schema, once even when several
 * instances start together (one transaction under an advisory lock).
 *
 * @example await migrateOutboxPostgres('postgres://postgres@127.0.0.1/shopvoice');
 */
export async function migrateOutboxPostgres(url: string): Promise<{ from: number; to: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS shopvoice_outbox_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM shopvoice_outbox_migrations');
    const from = rows[0]?.version ?? 0;
    if (from > OUTBOX_SCHEMA_VERSION) throw new Error(`the outbox tables have schema version ${from}; this shopvoice knows up to ${OUTBOX_SCHEMA_VERSION}: update shopvoice`);
    for (const migration of MIGRATIONS) {
      if (migration.version <= from) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO shopvoice_outbox_migrations (version) VALUES ($1)', [migration.version]);
    }
    await client.query('COMMIT');
    return { from, to: Math.max(from, OUTBOX_SCHEMA_VERSION) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * Opens the outbox in the PostgreSQL state database (`SHOPVOICE_STATE_URL`), migrating its tables.
 * Claims use `FOR UPDATE SKIP LOCKED`, so instances sharing the database never take one event twice.
 *
 * @example const outbox = await openPostgresOutbox(config.stateUrl, { onIdleError: (e) => log.warn(e) });
 */
export async function openPostgresOutbox(url: string, options: { maxConnections?: number; onIdleError?: (error: Error) => void } = {}): Promise<OutboxStore> {
  await migrateOutboxPostgres(url);
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 4, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 });
  // Without a listener an idle connection's error (database restarted) would crash the process.
  pool.on('error', (error) => options.onIdleError?.(error));

  const finish = async (status: 'pending' | 'sent' | 'dead', referenceId: string, owner: string, at: Date, dueAt: Date, error: string | null) => {
    const result = await pool.query(
      `UPDATE notification_outbox SET status = $1, due_at = $2, last_error = $3, lease_owner = NULL, lease_until = NULL, updated_at = $4
       WHERE reference_id = $5 AND lease_owner = $6 AND status = 'pending'`,
      [status, dueAt.getTime(), error, at.getTime(), referenceId, owner],
    );
    return result.rowCount === 1;
  };

  let closed: Promise<void> | undefined;
  return {
    async enqueue(event: ProactiveEvent, at: Date) {
      const t = at.getTime();
      const result = await pool.query(
        `INSERT INTO notification_outbox (reference_id, user_id, event_name, event_json, status, due_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 'pending', $5, $5, $5) ON CONFLICT (reference_id) DO NOTHING`,
        [event.referenceId, event.relevantAudience.payload.user, event.event.name, JSON.stringify(event), t],
      );
      return { enqueued: result.rowCount === 1 };
    },
    async claim(owner, at, leaseUntil, limit) {
      // SKIP LOCKED: rows another instance is claiming right now are passed over, not waited for.
      const { rows } = await pool.query<{ reference_id: string; user_id: string; event_json: ProactiveEvent; attempts: number }>(
        `UPDATE notification_outbox SET lease_owner = $1, lease_until = $2, attempts = attempts + 1, updated_at = $3
         WHERE reference_id IN (
           SELECT reference_id FROM notification_outbox
           WHERE status = 'pending' AND due_at <= $3 AND (lease_until IS NULL OR lease_until <= $3)
           ORDER BY due_at, reference_id LIMIT $4 FOR UPDATE SKIP LOCKED)
         RETURNING reference_id, user_id, event_json, attempts`,
        [owner, leaseUntil.getTime(), at.getTime(), limit],
      );
      return rows.map((r) => ({ referenceId: r.reference_id, userId: r.user_id, event: r.event_json, attempts: r.attempts }));
    },
    markSent: (referenceId, owner, at) => finish('sent', referenceId, owner, at, at, null),
    scheduleRetry: (referenceId, owner, at, dueAt, error) => finish('pending', referenceId, owner, at, dueAt, error),
    deadLetter: (referenceId, owner, at, reason) => finish('dead', referenceId, owner, at, at, reason),
    async listDeadLetters(limit = 100): Promise<DeadLetter[]> {
      const { rows } = await pool.query<{ reference_id: string; user_id: string; event_name: string; attempts: number; last_error: string; updated_at: string }>(
        `SELECT reference_id, user_id, event_name, attempts, last_error, updated_at FROM notification_outbox
         WHERE status = 'dead' ORDER BY updated_at DESC, reference_id LIMIT $1`,
        [limit],
      );
      return rows.map((r) => ({ referenceId: r.reference_id, userId: r.user_id, eventName: r.event_name, attempts: r.attempts, reason: r.last_error, failedAt: new Date(Number(r.updated_at)) }));
    },
    async purge(before) {
      const result = await pool.query("DELETE FROM notification_outbox WHERE status IN ('sent', 'dead') AND updated_at < $1", [before.getTime()]);
      return result.rowCount ?? 0;
    },
    async backlog(at): Promise<Backlog> {
      const { rows } = await pool.query<{ pending: string; due: string; dead: string; sent: string; next_due: string | null }>(
        `SELECT count(*) FILTER (WHERE status = 'pending') AS pending,
           count(*) FILTER (WHERE status = 'pending' AND due_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)) AS due,
           count(*) FILTER (WHERE status = 'dead') AS dead, count(*) FILTER (WHERE status = 'sent') AS sent,
           min(greatest(due_at, coalesce(lease_until, 0))) FILTER (WHERE status = 'pending') AS next_due
         FROM notification_outbox`,
        [at.getTime()],
      );
      const r = rows[0]!;
      const backlog: Backlog = { pending: Number(r.pending), due: Number(r.due), dead: Number(r.dead), sent: Number(r.sent) };
      if (r.next_due !== null) backlog.nextDueAt = new Date(Number(r.next_due));
      return backlog;
    },
    async setSubscriptions(userId, eventNames, locale, at) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('DELETE FROM notification_subscriptions WHERE user_id = $1', [userId]);
        for (const name of new Set(eventNames)) {
          await client.query('INSERT INTO notification_subscriptions (user_id, event_name, locale, changed_at) VALUES ($1, $2, $3, $4)', [userId, name, locale ?? null, at.getTime()]);
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async linkCustomer(userId, customerId, locale, at) {
      await pool.query(
        `INSERT INTO notification_customer_links (customer_id, user_id, locale, linked_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (customer_id) DO UPDATE SET user_id = excluded.user_id,
           locale = coalesce(excluded.locale, notification_customer_links.locale), linked_at = excluded.linked_at`,
        [customerId, userId, locale ?? null, at.getTime()],
      );
    },
    async subscriberOf(customerId, eventName) {
      const { rows } = await pool.query<{ user_id: string; locale: string | null }>(
        `SELECT l.user_id, coalesce(l.locale, s.locale) AS locale FROM notification_customer_links l
         JOIN notification_subscriptions s ON s.user_id = l.user_id AND s.event_name = $1 WHERE l.customer_id = $2`,
        [eventName, customerId],
      );
      const row = rows[0];
      if (!row) return undefined;
      return row.locale ? { userId: row.user_id, locale: row.locale } : { userId: row.user_id };
    },
    async forgetSubscriber(userId) {
      const { rows } = await pool.query<{ removed: string }>(
        `WITH a AS (DELETE FROM notification_outbox WHERE user_id = $1 RETURNING 1),
              b AS (DELETE FROM notification_subscriptions WHERE user_id = $1 RETURNING 1),
              c AS (DELETE FROM notification_customer_links WHERE user_id = $1 RETURNING 1)
         SELECT (SELECT count(*) FROM a) + (SELECT count(*) FROM b) + (SELECT count(*) FROM c) AS removed`,
        [userId],
      );
      return Number(rows[0]!.removed);
    },
    close() {
      closed ??= pool.end();
      return closed;
    },
  };
}
