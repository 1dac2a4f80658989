import { openSqliteFile } from './sqlite-file.js';
import { hashPurchaseCode, purchaseCodeMatches, type PurchaseCodeStore } from './purchase-code-store.js';

/** Each entry takes the schema from the version before it to its own. Never edit one that shipped. */
const MIGRATIONS: Record<number, string> = {
  1: `
CREATE TABLE purchase_codes (
  customer_id TEXT PRIMARY KEY,
  code_hash   TEXT NOT NULL,
  set_at      INTEGER NOT NULL
) STRICT;
CREATE TABLE purchase_code_failures (
  user_id    TEXT NOT NULL,
  session_id TEXT NOT NULL,
  failures   INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, session_id)
) STRICT;
`,
};

/** Counters of sessions older than this are purged on open: a session lasts minutes. */
const FAILURES_KEPT_MS = 24 * 60 * 60 * 1000;

/**
 * Opens (creating on first use) `<dataDir>/purchase-codes.sqlite`, its own file beside
 * `state.sqlite` (as the outbox), WAL so the server and `shopvoice account set-code` share it.
 *
 * @example const codes = openSqlitePurchaseCodes(config.dataDir, { now: () => new Date() });
 */
export function openSqlitePurchaseCodes(dataDir: string, options: { now?: () => Date } = {}): PurchaseCodeStore {
  // A removed code is overwritten, not left in free pages (sqlite-file.ts).
  const db = openSqliteFile(dataDir, 'purchase-codes.sqlite', MIGRATIONS, (opened) => {
    if (options.now) opened.prepare('DELETE FROM purchase_code_failures WHERE updated_at < ?').run(options.now().getTime() - FAILURES_KEPT_MS);
  });
  const stored = db.prepare('SELECT code_hash FROM purchase_codes WHERE customer_id = ?');
  const upsert = db.prepare(`INSERT INTO purchase_codes (customer_id, code_hash, set_at) VALUES (?, ?, ?)
    ON CONFLICT (customer_id) DO UPDATE SET code_hash = excluded.code_hash, set_at = excluded.set_at`);
  const failure = db.prepare(`INSERT INTO purchase_code_failures (user_id, session_id, failures, updated_at) VALUES (?, ?, 1, ?)
    ON CONFLICT (user_id, session_id) DO UPDATE SET failures = failures + 1, updated_at = excluded.updated_at RETURNING failures`);
  const failures = db.prepare('SELECT failures FROM purchase_code_failures WHERE user_id = ? AND session_id = ?');
  const hashOf = (customerId: string) => (stored.get(customerId) as { code_hash: string } | undefined)?.code_hash;

  return {
    async setCode(customerId, code, at) {
      upsert.run(customerId, await hashPurchaseCode(code), at.getTime());
    },
    async removeCode(customerId) {
      return db.prepare('DELETE FROM purchase_codes WHERE customer_id = ?').run(customerId).changes > 0;
    },
    async hasCode(customerId) {
      return hashOf(customerId) !== undefined;
    },
    async matches(customerId, code) {
      const hash = hashOf(customerId);
      return hash !== undefined && purchaseCodeMatches(code, hash);
    },
    async recordWrongCode(userId, sessionId, at) {
      return (failure.get(userId, sessionId, at.getTime()) as { failures: number }).failures;
    },
    async wrongCodes(userId, sessionId) {
      return (failures.get(userId, sessionId) as { failures: number } | undefined)?.failures ?? 0;
    },
    async forgetUser(userId) {
      return db.prepare('DELETE FROM purchase_code_failures WHERE user_id = ?').run(userId).changes;
    },
    close() {
      if (db.open) db.close();
    },
  };
}
