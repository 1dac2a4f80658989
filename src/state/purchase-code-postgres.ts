import pg from 'pg';
import { hashPurchaseCode, purchaseCodeMatches, type PurchaseCodeStore } from './purchase-code-store.js';

/** Versioned migrations of the purchase codes' own tables, tracked apart from the state store's. Never edit one that shipped. */
const MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
CREATE TABLE purchase_codes (
  customer_id TEXT PRIMARY KEY,
  code_hash   TEXT NOT NULL,
  set_at      BIGINT NOT NULL
);
CREATE TABLE purchase_code_failures (
  user_id    TEXT NOT NULL,
  session_id TEXT NOT NULL,
  failures   INTEGER NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, session_id)
);
`,
  },
];

const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Neither the state store's nor the outbox's lock number: each migrates on its own. */
const MIGRATION_LOCK = 0x70636f64; // "pcod"

async function migrate(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS shopvoice_purchase_code_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM shopvoice_purchase_code_migrations');
    const from = rows[0]?.version ?? 0;
    if (from > SCHEMA_VERSION) throw new Error(`the purchase code tables have schema version ${from}; this shopvoice knows up to ${SCHEMA_VERSION}: update shopvoice`);
    for (const migration of MIGRATIONS) {
      if (migration.version <= from) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO shopvoice_purchase_code_migrations (version) VALUES ($1)', [migration.version]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * The purchase codes in the PostgreSQL state database (`SHOPVOICE_STATE_URL`), so every instance
 * sees the same codes and the same wrong-code counts.
 *
 * @example const codes = await openPostgresPurchaseCodes(config.state.url);
 */
export async function openPostgresPurchaseCodes(url: string, options: { onIdleError?: (error: Error) => void; now?: () => Date } = {}): Promise<PurchaseCodeStore> {
  await migrate(url);
  const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 });
  pool.on('error', (error) => options.onIdleError?.(error));
  // Counts of sessions older than a day are purged on open, as in SQLite: a session lasts minutes.
  if (options.now) await pool.query('DELETE FROM purchase_code_failures WHERE updated_at < $1', [options.now().getTime() - 24 * 60 * 60 * 1000]);
  const hashOf = async (customerId: string) =>
    (await pool.query<{ code_hash: string }>('SELECT code_hash FROM purchase_codes WHERE customer_id = $1', [customerId])).rows[0]?.code_hash;
  let closed: Promise<void> | undefined;
  return {
    async setCode(customerId, code, at) {
      await pool.query(`INSERT INTO purchase_codes (customer_id, code_hash, set_at) VALUES ($1, $2, $3)
        ON CONFLICT (customer_id) DO UPDATE SET code_hash = excluded.code_hash, set_at = excluded.set_at`, [customerId, await hashPurchaseCode(code), at.getTime()]);
    },
    async removeCode(customerId) {
      return ((await pool.query('DELETE FROM purchase_codes WHERE customer_id = $1', [customerId])).rowCount ?? 0) > 0;
    },
    async hasCode(customerId) {
      return (await hashOf(customerId)) !== undefined;
    },
    async matches(customerId, code) {
      const hash = await hashOf(customerId);
      return hash !== undefined && purchaseCodeMatches(code, hash);
    },
    async recordWrongCode(userId, sessionId, at) {
      const { rows } = await pool.query<{ failures: number }>(`INSERT INTO purchase_code_failures (user_id, session_id, failures, updated_at) VALUES ($1, $2, 1, $3)
        ON CONFLICT (user_id, session_id) DO UPDATE SET failures = purchase_code_failures.failures + 1, updated_at = excluded.updated_at RETURNING failures`, [userId, sessionId, at.getTime()]);
      return rows[0]!.failures;
    },
    async wrongCodes(userId, sessionId) {
      const { rows } = await pool.query<{ failures: number }>('SELECT failures FROM purchase_code_failures WHERE user_id = $1 AND session_id = $2', [userId, sessionId]);
      return rows[0]?.failures ?? 0;
    },
    async forgetUser(userId) {
      return (await pool.query('DELETE FROM purchase_code_failures WHERE user_id = $1', [userId])).rowCount ?? 0;
    },
    close() {
      closed ??= pool.end();
      return closed;
    },
  };
}
