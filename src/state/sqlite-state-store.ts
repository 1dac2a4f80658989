import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { ReorderClaim, StateStore } from './state-store.js';

/** The state port over `<dataDir>/state.sqlite`: the default for a single instance. */
export interface SqliteStateStore extends StateStore {
  /** Path of the SQLite file. */
  readonly file: string;
  close(): void;
}

export interface SqliteStateStoreOptions {
  /** Clock for claim times and the purge (tests pin it). */
  now?: () => Date;
}

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

const SCHEMA_VERSION = 1;

const SCHEMA_V1 = `
CREATE TABLE reorder_claims (
  key          TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL,
  order_number TEXT,
  claimed_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX reorder_claims_user ON reorder_claims (user_id);
CREATE INDEX reorder_claims_time ON reorder_claims (claimed_at);
`;

/**
 * Opens (creating on first use) the SQLite state store in `dataDir` and purges entries older
 * than 30 days.
 *
 * @example
 *   const state = openSqliteStateStore(loadConfig().dataDir);
 *   const claim = await state.claimReorder(key, userId); // { claimed: true } once per key
 */
export function openSqliteStateStore(dataDir: string, options: SqliteStateStoreOptions = {}): SqliteStateStore {
  const now = options.now ?? (() => new Date());
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'state.sqlite');
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    // Deleted rows are overwritten with zeros, not left readable in free pages (a disabled
    // user's data must really be gone, GDPR Art. 17).
    db.pragma('secure_delete = ON');
    db.transaction(() => {
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > SCHEMA_VERSION) throw new Error(`state.sqlite has schema version ${version}; this shopvoice knows up to ${SCHEMA_VERSION}`);
      if (version < 1) db.exec(SCHEMA_V1);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
      db.prepare('DELETE FROM reorder_claims WHERE claimed_at < ?').run(now().getTime() - RETENTION_MS);
    }).immediate();
  } catch (err) {
    db.close();
    throw err;
  }

  const insertClaim = db.prepare('INSERT OR IGNORE INTO reorder_claims (key, user_id, claimed_at) VALUES (?, ?, ?)');
  const readClaim = db.prepare('SELECT order_number, claimed_at FROM reorder_claims WHERE key = ?');
  const takeOver = db.prepare('UPDATE reorder_claims SET claimed_at = ? WHERE key = ? AND order_number IS NULL AND claimed_at = ?');
  // INSERT OR IGNORE decides the race: exactly one caller inserts the row, all others read it.
  const claim = db.transaction((key: string, userId: string): ReorderClaim => {
    const at = now().getTime();
    if (insertClaim.run(key, userId, at).changes === 1) return { claimed: true };
    const row = readClaim.get(key) as { order_number: string | null; claimed_at: number };
    if (row.order_number !== null) return { claimed: false, orderNumber: row.order_number, pending: false };
    if (at - row.claimed_at >= STALE_CLAIM_MS && takeOver.run(at, key, row.claimed_at).changes === 1) return { claimed: true };
    return { claimed: false, pending: true };
  });
  const complete = db.prepare('UPDATE reorder_claims SET order_number = ? WHERE key = ?');
  const release = db.prepare('DELETE FROM reorder_claims WHERE key = ? AND order_number IS NULL');
  const forget = db.prepare('DELETE FROM reorder_claims WHERE user_id = ?');
  const ping = db.prepare('SELECT 1');

  return {
    file,
    async claimReorder(key, userId) {
      return claim.immediate(key, userId);
    },
    async completeReorder(key, orderNumber) {
      complete.run(orderNumber, key);
    },
    async releaseReorder(key) {
      release.run(key);
    },
    async forgetUser(userId) {
      const removed = forget.run(userId).changes;
      // The WAL still holds the pages as they were before the delete: copy the zeroed pages into
      // the database file and empty the WAL, so no copy of the rows stays on disk.
      if (removed > 0) db.pragma('wal_checkpoint(TRUNCATE)');
      return removed;
    },
    async ping() {
      ping.get();
    },
    close() {
      if (db.open) db.close();
    },
  };
}
