import pg from 'pg';
import type { LinkStore, StoredToken, TakenCode, TokenLookup } from './link-store.js';

/** Versioned migrations of the account-link tables, tracked apart from the state store's and the outbox's. Never edit one that shipped. */
const MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
CREATE TABLE account_link_grants (
  grant_id       TEXT PRIMARY KEY,
  client_id      TEXT NOT NULL,
  sealed_context TEXT,
  created_at     BIGINT NOT NULL,
  revoked_at     BIGINT
);
CREATE TABLE account_link_codes (
  code_hash      TEXT PRIMARY KEY,
  grant_id       TEXT NOT NULL,
  client_id      TEXT NOT NULL,
  redirect_uri   TEXT NOT NULL,
  code_challenge TEXT,
  expires_at     BIGINT NOT NULL,
  used_at        BIGINT
);
CREATE INDEX account_link_codes_grant ON account_link_codes (grant_id);
CREATE TABLE account_link_tokens (
  token_hash TEXT PRIMARY KEY,
  grant_id   TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
  expires_at BIGINT NOT NULL,
  used_at    BIGINT
);
CREATE INDEX account_link_tokens_grant ON account_link_tokens (grant_id);
CREATE INDEX account_link_tokens_expiry ON account_link_tokens (expires_at);
CREATE TABLE account_link_login_failures (
  key_hash  TEXT NOT NULL,
  failed_at BIGINT NOT NULL
);
CREATE INDEX account_link_login_failures_key ON account_link_login_failures (key_hash, failed_at);
`,
  },
];

export const LINK_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Not the state store's nor the outbox's lock number: each migrates on its own. */
const MIGRATION_LOCK = 0x616c6e6b; // "alnk"

/**
 * Brings the account-link tables in the database at `url` to the current schema, once even when
 * several instances start together (one transaction under an advisory lock).
 */
export async function migrateLinkStorePostgres(url: string): Promise<{ from: number; to: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS shopvoice_account_link_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM shopvoice_account_link_migrations');
    const from = rows[0]?.version ?? 0;
    if (from > LINK_SCHEMA_VERSION) throw new Error(`the account-link tables have schema version ${from}; this shopvoice knows up to ${LINK_SCHEMA_VERSION}: update shopvoice`);
    for (const migration of MIGRATIONS) {
      if (migration.version <= from) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO shopvoice_account_link_migrations (version) VALUES ($1)', [migration.version]);
    }
    await client.query('COMMIT');
    return { from, to: Math.max(from, LINK_SCHEMA_VERSION) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

const num = (v: string | number | null): number | undefined => (v === null ? undefined : Number(v));

/**
 * The link store in the PostgreSQL state database (`SHOPVOICE_STATE_URL`): what many instances
 * share. Migrates on open.
 *
 * @example const links = await openPostgresLinkStore(config.state.url);
 */
export async function openPostgresLinkStore(url: string, options: { max?: number } = {}): Promise<LinkStore> {
  await migrateLinkStorePostgres(url);
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 4 });
  // A dropped idle connection is replaced by the pool; without a listener it would crash the process.
  pool.on('error', () => undefined);
  async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
  const insertTokens = async (client: pg.PoolClient | pg.Pool, tokens: StoredToken[]) => {
    for (const t of tokens) {
      await client.query('INSERT INTO account_link_tokens (token_hash, grant_id, kind, expires_at) VALUES ($1, $2, $3, $4)', [t.tokenHash, t.grantId, t.kind, t.expiresAt]);
    }
  };

  return {
    async createGrant(grant, code) {
      await inTransaction(async (client) => {
        await client.query('INSERT INTO account_link_grants (grant_id, client_id, sealed_context, created_at) VALUES ($1, $2, $3, $4)',
          [grant.grantId, grant.clientId, grant.sealedContext, grant.createdAt]);
        await client.query(`INSERT INTO account_link_codes (code_hash, grant_id, client_id, redirect_uri, code_challenge, expires_at)
          VALUES ($1, $2, $3, $4, $5, $6)`, [code.codeHash, code.grantId, code.clientId, code.redirectUri, code.codeChallenge ?? null, code.expiresAt]);
      });
    },
    async takeCode(codeHash, at): Promise<TakenCode | undefined> {
      // One statement: of two concurrent exchanges exactly one sees used_at still empty.
      const { rows } = await pool.query<{ grant_id: string; client_id: string; redirect_uri: string; code_challenge: string | null; expires_at: string; was_used: boolean }>(
        `UPDATE account_link_codes c SET used_at = coalesce(c.used_at, $2)
         FROM (SELECT code_hash, used_at IS NOT NULL AS was_used FROM account_link_codes WHERE code_hash = $1 FOR UPDATE) old
         WHERE c.code_hash = old.code_hash
         RETURNING c.grant_id, c.client_id, c.redirect_uri, c.code_challenge, c.expires_at, old.was_used`, [codeHash, at]);
      const r = rows[0];
      if (!r) return undefined;
      if (r.was_used) return { status: 'replayed', grantId: r.grant_id };
      return {
        status: 'fresh',
        code: { codeHash, grantId: r.grant_id, clientId: r.client_id, redirectUri: r.redirect_uri, expiresAt: Number(r.expires_at), ...(r.code_challenge ? { codeChallenge: r.code_challenge } : {}) },
      };
    },
    async addTokens(tokens) {
      await inTransaction((client) => insertTokens(client, tokens));
    },
    async findToken(tokenHash): Promise<TokenLookup | undefined> {
      const { rows } = await pool.query<{ grant_id: string; kind: 'access' | 'refresh'; expires_at: string; used_at: string | null; client_id: string; sealed_context: string | null; revoked_at: string | null }>(
        `SELECT t.grant_id, t.kind, t.expires_at, t.used_at, g.client_id, g.sealed_context, g.revoked_at
         FROM account_link_tokens t JOIN account_link_grants g ON g.grant_id = t.grant_id WHERE t.token_hash = $1`, [tokenHash]);
      const r = rows[0];
      if (!r) return undefined;
      const usedAt = num(r.used_at);
      const revokedAt = num(r.revoked_at);
      return {
        token: { tokenHash, grantId: r.grant_id, kind: r.kind, expiresAt: Number(r.expires_at), ...(usedAt !== undefined ? { usedAt } : {}) },
        grant: { grantId: r.grant_id, clientId: r.client_id, ...(r.sealed_context ? { sealedContext: r.sealed_context } : {}), ...(revokedAt !== undefined ? { revokedAt } : {}) },
      };
    },
    async rotateRefreshToken(tokenHash, at, successors) {
      return inTransaction(async (client) => {
        const { rowCount } = await client.query("UPDATE account_link_tokens SET used_at = $2 WHERE token_hash = $1 AND kind = 'refresh' AND used_at IS NULL", [tokenHash, at]);
        if (rowCount !== 1) return false;
        await insertTokens(client, successors);
        return true;
      });
    },
    async revokeGrant(grantId, at) {
      return inTransaction(async (client) => {
        const { rows } = await client.query<{ sealed_context: string | null }>('SELECT sealed_context FROM account_link_grants WHERE grant_id = $1 FOR UPDATE', [grantId]);
        await client.query('UPDATE account_link_grants SET revoked_at = coalesce(revoked_at, $2), sealed_context = NULL WHERE grant_id = $1', [grantId, at]);
        await client.query('DELETE FROM account_link_tokens WHERE grant_id = $1', [grantId]);
        const sealed = rows[0]?.sealed_context;
        return sealed ? { sealedContext: sealed } : {};
      });
    },
    async loginFailures(keyHashes, since) {
      return Promise.all(keyHashes.map(async (key) => {
        const { rows } = await pool.query<{ count: string; oldest: string | null }>(
          'SELECT count(*) AS count, min(failed_at) AS oldest FROM account_link_login_failures WHERE key_hash = $1 AND failed_at > $2', [key, since]);
        const oldest = num(rows[0]!.oldest);
        return oldest === undefined ? { count: Number(rows[0]!.count) } : { count: Number(rows[0]!.count), oldest };
      }));
    },
    async recordLoginFailure(keyHashes, at) {
      await pool.query('INSERT INTO account_link_login_failures (key_hash, failed_at) SELECT unnest($1::text[]), $2', [keyHashes, at]);
    },
    async clearLoginFailures(keyHashes) {
      await pool.query('DELETE FROM account_link_login_failures WHERE key_hash = ANY($1::text[])', [keyHashes]);
    },
    async purge(expiredBefore, failuresBefore) {
      return inTransaction(async (client) => {
        let n = (await client.query('DELETE FROM account_link_codes WHERE expires_at < $1', [expiredBefore])).rowCount ?? 0;
        n += (await client.query('DELETE FROM account_link_tokens WHERE expires_at < $1', [expiredBefore])).rowCount ?? 0;
        n += (await client.query('DELETE FROM account_link_login_failures WHERE failed_at < $1', [failuresBefore])).rowCount ?? 0;
        n += (await client.query(`DELETE FROM account_link_grants g WHERE created_at < $1
          AND NOT EXISTS (SELECT 1 FROM account_link_tokens t WHERE t.grant_id = g.grant_id)
          AND NOT EXISTS (SELECT 1 FROM account_link_codes c WHERE c.grant_id = g.grant_id)`, [expiredBefore])).rowCount ?? 0;
        return n;
      });
    },
    async ping() { await pool.query('SELECT 1'); },
    async close() { await pool.end(); },
  };
}
