import pg from 'pg';
import { RETENTION_MS, STALE_CLAIM_MS, staffNoteOwner, type ReorderClaim, type StateStore } from './state-store.js';
import { consentFromRow, type ConsentRow } from './consent-record.js';
import { noteFromRow, type NoteRow } from './staff-note-row.js';
import type { TurnEvent } from './turn-event.js';

/** The state port over PostgreSQL: one database that many instances share. */
export interface PostgresStateStore extends StateStore {
  close(): Promise<void>;
}

export interface PostgresStateStoreOptions {
  /** Clock for claim times and the purge (tests pin it). */
  now?: () => Date;
  /** Most connections this instance holds (default 10). */
  maxConnections?: number;
  /** Milliseconds a query may wait for a connection or an answer before it fails (default 2000). */
  timeoutMs?: number;
  /** Called with errors of idle connections (a restarted database); the pool replaces them. */
  onIdleError?: (error: Error) => void;
}

/**
 * Versioned migrations, applied in order. Never edit one that has shipped: add the next.
 * The numbers are those of the SQLite store, so both stores speak of the same schema version.
 */
const MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 2,
    sql: `
CREATE TABLE reorder_claims (
  user_id      TEXT   NOT NULL,
  key          TEXT   NOT NULL,
  order_number TEXT,
  claimed_at   BIGINT NOT NULL,
  PRIMARY KEY (user_id, key)
);
CREATE INDEX reorder_claims_time ON reorder_claims (claimed_at);
`,
  },
  {
    version: 3,
    sql: `
CREATE TABLE turn_events (
  id             BIGSERIAL PRIMARY KEY,
  at             BIGINT NOT NULL,
  user_pseudonym TEXT,
  data           JSONB NOT NULL
);
CREATE INDEX turn_events_time ON turn_events (at);
CREATE INDEX turn_events_user ON turn_events (user_pseudonym);
CREATE TABLE staff_notes (
  id             BIGSERIAL PRIMARY KEY,
  at             BIGINT NOT NULL,
  kind           TEXT NOT NULL,
  platform       TEXT NOT NULL,
  locale         TEXT NOT NULL,
  user_pseudonym TEXT,
  score          INTEGER,
  note           TEXT,
  done_at        BIGINT
);
CREATE INDEX staff_notes_time ON staff_notes (at);
CREATE INDEX staff_notes_user ON staff_notes (user_pseudonym);
`,
  },
  {
    version: 4,
    sql: `
CREATE TABLE consents (
  id           BIGSERIAL PRIMARY KEY,
  user_id      TEXT    NOT NULL,
  feature      TEXT    NOT NULL,
  granted      BOOLEAN NOT NULL,
  at           BIGINT  NOT NULL,
  text_version TEXT    NOT NULL,
  platform     TEXT    NOT NULL
);
CREATE INDEX consents_user ON consents (user_id);
CREATE TABLE told (
  user_id TEXT   NOT NULL,
  key     TEXT   NOT NULL,
  at      BIGINT NOT NULL,
  PRIMARY KEY (user_id, key)
);
`,
  },
];

/** The schema version this shopvoice writes. */
export const POSTGRES_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Any fixed number: instances that start at once take this lock in turn, so one migrates. */
const MIGRATION_LOCK = 0x73686f70; // "shop"

/**
 * Brings the database at `url` to the current schema: safe when several instances start at once
 * (one transaction under an advisory lock), a no-op when it is current, and a clear error when the
 * database is newer than this shopvoice. What `shopvoice state migrate` and every start run.
 *
 * @example const { from, to } = await migratePostgres('postgres://postgres@127.0.0.1/shopvoice');
 */
export async function migratePostgres(url: string): Promise<{ from: number; to: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS shopvoice_schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM shopvoice_schema_migrations');
    const from = rows[0]?.version ?? 0;
    if (from > POSTGRES_SCHEMA_VERSION) {
      throw new Error(`the state database has schema version ${from}; this shopvoice knows up to ${POSTGRES_SCHEMA_VERSION}: update shopvoice`);
    }
    for (const migration of MIGRATIONS) {
      if (migration.version <= from) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO shopvoice_schema_migrations (version) VALUES ($1)', [migration.version]);
    }
    await client.query('COMMIT');
    return { from, to: Math.max(from, POSTGRES_SCHEMA_VERSION) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * Opens the PostgreSQL state store (`SHOPVOICE_STATE_URL`): migrates, purges entries older than
 * 30 days, and serves the state port through a pool. A lost connection fails the queries that
 * needed it (the domain apologises, /readyz turns red) and the pool reconnects by itself.
 *
 * @example
 *   const state = await openPostgresStateStore(process.env.SHOPVOICE_STATE_URL!);
 *   const claim = await state.claimReorder(key, userId);
 */
export async function openPostgresStateStore(url: string, options: PostgresStateStoreOptions = {}): Promise<PostgresStateStore> {
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 2000;
  await migratePostgres(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
    idleTimeoutMillis: 30_000,
  });
  // Without a listener an idle connection's error (database restarted) would crash the process.
  pool.on('error', (error) => options.onIdleError?.(error));
  await pool.query('DELETE FROM reorder_claims WHERE claimed_at < $1', [now().getTime() - RETENTION_MS]);

  let closed: Promise<void> | undefined;
  return {
    async claimReorder(key, userId): Promise<ReorderClaim> {
      const at = now().getTime();
      // ON CONFLICT DO NOTHING decides the race: exactly one caller inserts the row.
      const inserted = await pool.query(
        'INSERT INTO reorder_claims (user_id, key, claimed_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [userId, key, at],
      );
      if (inserted.rowCount === 1) return { claimed: true };
      const { rows } = await pool.query<{ order_number: string | null; claimed_at: string }>(
        'SELECT order_number, claimed_at FROM reorder_claims WHERE user_id = $1 AND key = $2',
        [userId, key],
      );
      const row = rows[0];
      // Released between the insert and the read: the next attempt may claim it.
      if (row === undefined) return { claimed: false, pending: true };
      if (row.order_number !== null) return { claimed: false, orderNumber: row.order_number, pending: false };
      const claimedAt = Number(row.claimed_at);
      if (at - claimedAt >= STALE_CLAIM_MS) {
        // Compare-and-set on the old claim time: of several callers only one takes it over.
        const taken = await pool.query(
          'UPDATE reorder_claims SET claimed_at = $1 WHERE user_id = $2 AND key = $3 AND order_number IS NULL AND claimed_at = $4',
          [at, userId, key, claimedAt],
        );
        if (taken.rowCount === 1) return { claimed: true };
      }
      return { claimed: false, pending: true };
    },
    async completeReorder(key, orderNumber, userId) {
      await pool.query('UPDATE reorder_claims SET order_number = $1 WHERE user_id = $2 AND key = $3', [orderNumber, userId, key]);
    },
    async suspendReorder(key, userId) {
      await pool.query('UPDATE reorder_claims SET claimed_at = 0 WHERE user_id = $1 AND key = $2 AND order_number IS NULL', [userId, key]);
    },
    async unfinishedReorders(userId, claimedBefore) {
      const { rows } = await pool.query<{ key: string }>(
        'SELECT key FROM reorder_claims WHERE user_id = $1 AND order_number IS NULL AND claimed_at < $2 ORDER BY claimed_at',
        [userId, claimedBefore.getTime()],
      );
      return rows.map((r) => r.key);
    },
    async releaseReorder(key, userId) {
      await pool.query('DELETE FROM reorder_claims WHERE user_id = $1 AND key = $2 AND order_number IS NULL', [userId, key]);
    },
    async forgetUser(userId, pseudonyms = []) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const claims = await client.query('DELETE FROM reorder_claims WHERE user_id = $1', [userId]);
        const events = await client.query('DELETE FROM turn_events WHERE user_pseudonym = ANY($1::text[])', [pseudonyms]);
        // A callback request's note (its phone number) is kept under the user's own owner hash.
        const notes = await client.query('DELETE FROM staff_notes WHERE user_pseudonym = ANY($1::text[])', [[...pseudonyms, staffNoteOwner(userId)]]);
        const consents = await client.query('DELETE FROM consents WHERE user_id = $1', [userId]);
        const told = await client.query('DELETE FROM told WHERE user_id = $1', [userId]);
        await client.query('COMMIT');
        return (claims.rowCount ?? 0) + (events.rowCount ?? 0) + (notes.rowCount ?? 0) + (consents.rowCount ?? 0) + (told.rowCount ?? 0);
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async recordTurnEvents(events) {
      if (events.length === 0) return;
      // One statement per batch: the arrays are unnested into rows.
      await pool.query(
        'INSERT INTO turn_events (at, user_pseudonym, data) SELECT * FROM unnest($1::bigint[], $2::text[], $3::jsonb[])',
        [events.map((e) => e.at), events.map((e) => e.user), events.map((e) => JSON.stringify(e))],
      );
    },
    async turnEvents(range) {
      const { rows } = await pool.query<{ data: TurnEvent }>(
        'SELECT data FROM turn_events WHERE at >= $1 AND at < $2 ORDER BY at, id',
        [range.from.getTime(), range.to.getTime()],
      );
      return rows.map((r) => r.data);
    },
    async purgeTurnEvents(before) {
      const result = await pool.query('DELETE FROM turn_events WHERE at < $1', [before.getTime()]);
      return result.rowCount ?? 0;
    },
    async addStaffNote(note) {
      const { rows } = await pool.query<NoteRow>(
        'INSERT INTO staff_notes (at, kind, platform, locale, user_pseudonym, score, note) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *',
        [note.at, note.kind, note.platform, note.locale, note.user, note.score ?? null, note.note ?? null],
      );
      return noteFromRow(rows[0]!);
    },
    async listCallbacks(options = {}) {
      const { rows } = await pool.query<NoteRow>(
        'SELECT * FROM staff_notes WHERE ($1 OR done_at IS NULL) ORDER BY at DESC, id DESC LIMIT $2',
        [options.includeDone ?? false, options.limit ?? 200],
      );
      return rows.map(noteFromRow);
    },
    async markCallbackDone(id, at) {
      if (!/^\d{1,18}$/.test(id)) return false;
      const result = await pool.query('UPDATE staff_notes SET done_at = $1 WHERE id = $2 AND done_at IS NULL', [at.getTime(), id]);
      return result.rowCount === 1;
    },
    async recordConsent(r) {
      await pool.query(
        'INSERT INTO consents (user_id, feature, granted, at, text_version, platform) VALUES ($1, $2, $3, $4, $5, $6)',
        [r.userId, r.feature, r.granted, r.at, r.textVersion, r.platform],
      );
    },
    async consentsOf(userId) {
      const { rows } = await pool.query<ConsentRow>(
        'SELECT user_id, feature, granted, at, text_version, platform FROM consents WHERE user_id = $1 ORDER BY at, id',
        [userId],
      );
      return rows.map(consentFromRow);
    },
    async rememberTold(userId, key, at) {
      const result = await pool.query('INSERT INTO told (user_id, key, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [userId, key, at.getTime()]);
      return result.rowCount === 1;
    },
    async toldAt(userId, key) {
      const { rows } = await pool.query<{ at: string }>('SELECT at FROM told WHERE user_id = $1 AND key = $2', [userId, key]);
      return rows[0] ? new Date(Number(rows[0].at)) : undefined;
    },
    async storedAbout(userId, pseudonyms = []) {
      const { rows } = await pool.query<Record<string, string>>(
        `SELECT (SELECT count(*) FROM reorder_claims WHERE user_id = $1) AS reorders,
                (SELECT count(*) FROM turn_events WHERE user_pseudonym = ANY($2::text[])) AS turn_events,
                (SELECT count(*) FROM staff_notes WHERE user_pseudonym = ANY($3::text[])) AS staff_notes,
                (SELECT count(*) FROM consents WHERE user_id = $1) AS consents,
                (SELECT count(*) FROM told WHERE user_id = $1) AS told`,
        [userId, pseudonyms, [...pseudonyms, staffNoteOwner(userId)]],
      );
      const row = rows[0]!;
      return { reorders: Number(row.reorders), turnEvents: Number(row.turn_events), staffNotes: Number(row.staff_notes), consents: Number(row.consents), told: Number(row.told) };
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    close() {
      closed ??= pool.end();
      return closed;
    },
  };
}
