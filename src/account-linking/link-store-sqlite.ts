import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { LinkGrant, LinkStore, StoredCode, StoredToken, TakenCode, TokenLookup } from './link-store.js';

/** Each entry takes the tables from the version before it to its own. Never edit one that shipped. */
const MIGRATIONS: Record<number, string> = {
  1: `
CREATE TABLE account_link_grants (
  grant_id       TEXT PRIMARY KEY,
  client_id      TEXT NOT NULL,
  sealed_context TEXT,
  created_at     INTEGER NOT NULL,
  revoked_at     INTEGER
) STRICT;
CREATE TABLE account_link_codes (
  code_hash      TEXT PRIMARY KEY,
  grant_id       TEXT NOT NULL,
  client_id      TEXT NOT NULL,
  redirect_uri   TEXT NOT NULL,
  code_challenge TEXT,
  expires_at     INTEGER NOT NULL,
  used_at        INTEGER
) STRICT;
CREATE INDEX account_link_codes_grant ON account_link_codes (grant_id);
CREATE TABLE account_link_tokens (
  token_hash TEXT PRIMARY KEY,
  grant_id   TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
  expires_at INTEGER NOT NULL,
  used_at    INTEGER
) STRICT;
CREATE INDEX account_link_tokens_grant ON account_link_tokens (grant_id);
CREATE INDEX account_link_tokens_expiry ON account_link_tokens (expires_at);
CREATE TABLE account_link_login_failures (
  key_hash  TEXT NOT NULL,
  failed_at INTEGER NOT NULL
) STRICT;
CREATE INDEX account_link_login_failures_key ON account_link_login_failures (key_hash, failed_at);
`,
};
const SCHEMA_VERSION = 1;

export interface SqliteLinkStore extends LinkStore {
  readonly file: string;
}

type TokenRow = { token_hash: string; grant_id: string; kind: 'access' | 'refresh'; expires_at: number; used_at: number | null; client_id: string; sealed_context: string | null; revoked_at: number | null };

/**
 * The link store in `<dataDir>/state.sqlite`, beside the state store's tables but with its own
 * (`account_link_*`) and its own schema version (the table `account_link_schema`; the state store
 * keeps `user_version`). WAL, so the state store's connection and this one work side by side.
 *
 * @example const links = openSqliteLinkStore(config.dataDir);
 */
export function openSqliteLinkStore(dataDir: string): SqliteLinkStore {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'state.sqlite');
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    // A revoked grant's sealed context is overwritten, not left in free pages.
    db.pragma('secure_delete = ON');
    db.transaction(() => {
      db.exec('CREATE TABLE IF NOT EXISTS account_link_schema (version INTEGER NOT NULL) STRICT');
      const row = db.prepare('SELECT max(version) AS version FROM account_link_schema').get() as { version: number | null };
      const version = row.version ?? 0;
      if (version > SCHEMA_VERSION) throw new Error(`state.sqlite has account-link tables of version ${version}; this shopvoice knows up to ${SCHEMA_VERSION}`);
      for (let next = version + 1; next <= SCHEMA_VERSION; next += 1) {
        db.exec(MIGRATIONS[next]!);
        db.prepare('INSERT INTO account_link_schema (version) VALUES (?)').run(next);
      }
    }).immediate();
  } catch (error) {
    db.close();
    throw error;
  }

  const insertGrant = db.prepare('INSERT INTO account_link_grants (grant_id, client_id, sealed_context, created_at) VALUES (?, ?, ?, ?)');
  const insertCode = db.prepare(`INSERT INTO account_link_codes (code_hash, grant_id, client_id, redirect_uri, code_challenge, expires_at)
    VALUES (?, ?, ?, ?, ?, ?)`);
  const createGrant = db.transaction((grant: LinkGrant, code: StoredCode) => {
    insertGrant.run(grant.grantId, grant.clientId, grant.sealedContext, grant.createdAt);
    insertCode.run(code.codeHash, code.grantId, code.clientId, code.redirectUri, code.codeChallenge ?? null, code.expiresAt);
  });
  const codeRow = db.prepare('SELECT * FROM account_link_codes WHERE code_hash = ?');
  const useCode = db.prepare('UPDATE account_link_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL');
  const takeCode = db.transaction((codeHash: string, at: number): TakenCode | undefined => {
    const row = codeRow.get(codeHash) as { code_hash: string; grant_id: string; client_id: string; redirect_uri: string; code_challenge: string | null; expires_at: number; used_at: number | null } | undefined;
    if (!row) return undefined;
    if (row.used_at !== null || useCode.run(at, codeHash).changes !== 1) return { status: 'replayed', grantId: row.grant_id };
    return {
      status: 'fresh',
      code: { codeHash: row.code_hash, grantId: row.grant_id, clientId: row.client_id, redirectUri: row.redirect_uri, expiresAt: row.expires_at, ...(row.code_challenge ? { codeChallenge: row.code_challenge } : {}) },
    };
  });
  const insertToken = db.prepare('INSERT INTO account_link_tokens (token_hash, grant_id, kind, expires_at) VALUES (?, ?, ?, ?)');
  const addTokens = db.transaction((tokens: StoredToken[]) => {
    for (const t of tokens) insertToken.run(t.tokenHash, t.grantId, t.kind, t.expiresAt);
  });
  const findToken = db.prepare(`SELECT t.token_hash, t.grant_id, t.kind, t.expires_at, t.used_at, g.client_id, g.sealed_context, g.revoked_at
    FROM account_link_tokens t JOIN account_link_grants g ON g.grant_id = t.grant_id WHERE t.token_hash = ?`);
  const useRefresh = db.prepare("UPDATE account_link_tokens SET used_at = ? WHERE token_hash = ? AND kind = 'refresh' AND used_at IS NULL");
  const rotate = db.transaction((tokenHash: string, at: number, successors: StoredToken[]) => {
    if (useRefresh.run(at, tokenHash).changes !== 1) return false;
    addTokens(successors);
    return true;
  });
  const sealedOf = db.prepare('SELECT sealed_context FROM account_link_grants WHERE grant_id = ?');
  const revoke = db.prepare('UPDATE account_link_grants SET revoked_at = coalesce(revoked_at, ?), sealed_context = NULL WHERE grant_id = ?');
  const dropTokens = db.prepare('DELETE FROM account_link_tokens WHERE grant_id = ?');
  const revokeGrant = db.transaction((grantId: string, at: number) => {
    const row = sealedOf.get(grantId) as { sealed_context: string | null } | undefined;
    revoke.run(at, grantId);
    dropTokens.run(grantId);
    return row?.sealed_context ? { sealedContext: row.sealed_context } : {};
  });
  const failures = db.prepare('SELECT count(*) AS count, min(failed_at) AS oldest FROM account_link_login_failures WHERE key_hash = ? AND failed_at > ?');
  const addFailure = db.prepare('INSERT INTO account_link_login_failures (key_hash, failed_at) VALUES (?, ?)');
  const clearFailures = db.prepare('DELETE FROM account_link_login_failures WHERE key_hash = ?');
  const purge = db.transaction((expiredBefore: number, failuresBefore: number) => {
    let n = db.prepare('DELETE FROM account_link_codes WHERE expires_at < ?').run(expiredBefore).changes;
    n += db.prepare('DELETE FROM account_link_tokens WHERE expires_at < ?').run(expiredBefore).changes;
    n += db.prepare('DELETE FROM account_link_login_failures WHERE failed_at < ?').run(failuresBefore).changes;
    n += db.prepare(`DELETE FROM account_link_grants WHERE created_at < ?
      AND NOT EXISTS (SELECT 1 FROM account_link_tokens t WHERE t.grant_id = account_link_grants.grant_id)
      AND NOT EXISTS (SELECT 1 FROM account_link_codes c WHERE c.grant_id = account_link_grants.grant_id)`).run(expiredBefore).changes;
    return n;
  });

  return {
    file,
    async createGrant(grant, code) { createGrant.immediate(grant, code); },
    async takeCode(codeHash, at) { return takeCode.immediate(codeHash, at); },
    async addTokens(tokens) { addTokens.immediate(tokens); },
    async findToken(tokenHash): Promise<TokenLookup | undefined> {
      const r = findToken.get(tokenHash) as TokenRow | undefined;
      if (!r) return undefined;
      return {
        token: { tokenHash: r.token_hash, grantId: r.grant_id, kind: r.kind, expiresAt: r.expires_at, ...(r.used_at !== null ? { usedAt: r.used_at } : {}) },
        grant: { grantId: r.grant_id, clientId: r.client_id, ...(r.sealed_context ? { sealedContext: r.sealed_context } : {}), ...(r.revoked_at !== null ? { revokedAt: r.revoked_at } : {}) },
      };
    },
    async rotateRefreshToken(tokenHash, at, successors) { return rotate.immediate(tokenHash, at, successors); },
    async revokeGrant(grantId, at) { return revokeGrant.immediate(grantId, at); },
    async loginFailures(keyHashes, since) {
      return keyHashes.map((key) => {
        const r = failures.get(key, since) as { count: number; oldest: number | null };
        return r.oldest === null ? { count: r.count } : { count: r.count, oldest: r.oldest };
      });
    },
    async recordLoginFailure(keyHashes, at) {
      db.transaction(() => { for (const key of keyHashes) addFailure.run(key, at); }).immediate();
    },
    async clearLoginFailures(keyHashes) {
      for (const key of keyHashes) clearFailures.run(key);
    },
    async purge(expiredBefore, failuresBefore) { return purge.immediate(expiredBefore, failuresBefore); },
    async ping() { db.prepare('SELECT 1').get(); },
    async close() { if (db.open) db.close(); },
  };
}
