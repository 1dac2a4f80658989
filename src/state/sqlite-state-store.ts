import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { RETENTION_MS, STALE_CLAIM_MS, type ReorderClaim, type StateStore } from './state-store.js';

export { RETENTION_MS, STALE_CLAIM_MS };

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

const SCHEMA_VERSION = 2;

/** Each entry takes the schema from the version before it to its own; applied in order, in one transaction. */
const MIGRATIONS: Record<number, string> = {
  1: `
CREATE TABLE reorder_claims (
  key          TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL,
  order_number TEXT,
  claimed_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX reorder_claims_user ON reorder_claims (user_id);
CREATE INDEX reorder_claims_time ON reorder_claims (claimed_at);
`,
  // Claims belong to a user: the same key presented by another user is another row.
  2: `
CREATE TABLE reorder_claims_v2 (
  user_id      TEXT NOT NULL,
  key          TEXT NOT NULL,
  order_number TEXT,
  claimed_at   INTEGER NOT NULL,
  PRIMARY KEY (user_id, key)
) STRICT;
INSERT INTO reorder_claims_v2 (user_id, key, order_number, claimed_at) SELECT user_id, key, order_number, claimed_at FROM reorder_claims;
DROP TABLE reorder_claims;
ALTER TABLE reorder_claims_v2 RENAME TO reorder_claims;
CREATE INDEX reorder_claims_time ON reorder_claims (claimed_at);
`,
};

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
      for (let next = version + 1; next <= SCHEMA_VERSION; next += 1) db.exec(MIGRATIONS[next]!);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
      db.prepare('DELETE FROM reorder_claims WHERE claimed_at < ?').run(now().getTime() - RETENTION_MS);
    }).immediate();
  } catch (err) {
    db.close();
    throw err;
  }

  const insertClaim = db.prepare('INSERT OR IGNORE INTO reorder_claims (key, user_id, claimed_at) VALUES (?, ?, ?)');
  const readClaim = db.prepare('SELECT order_number, claimed_at FROM reorder_claims WHERE user_id = ? AND key = ?');
  const takeOver = db.prepare('UPDATE reorder_claims SET claimed_at = ? WHERE user_id = ? AND key = ? AND order_number IS NULL AND claimed_at = ?');
  // INSERT OR IGNORE decides the race: exactly one caller inserts the row, all others read it.
  const claim = db.transaction((key: string, userId: string): ReorderClaim => {
    const at = now().getTime();
    if (insertClaim.run(key, userId, at).changes === 1) return { claimed: true };
    const row = readClaim.get(userId, key) as { order_number: string | null; claimed_at: number };
    if (row.order_number !== null) return { claimed: false, orderNumber: row.order_number, pending: false };
    if (at - row.claimed_at >= STALE_CLAIM_MS && takeOver.run(at, userId, key, row.claimed_at).changes === 1) return { claimed: true };
    return { claimed: false, pending: true };
  });
  const complete = db.prepare('UPDATE reorder_claims SET order_number = ? WHERE user_id = ? AND key = ?');
  const release = db.prepare('DELETE FROM reorder_claims WHERE user_id = ? AND key = ? AND order_number IS NULL');
  const forget = db.prepare('DELETE FROM reorder_claims WHERE user_id = ?');
  const ping = db.prepare('SELECT 1');

  return {
    file,
    async claimReorder(key, userId) {
      return claim.immediate(key, userId);
    },
    async completeReorder(key, orderNumber, userId) {
      complete.run(orderNumber, userId, key);
    },
    async releaseReorder(key, userId) {
      release.run(userId, key);
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
