import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';

/**
 * Opens (creating on first use) `<dataDir>/<name>`, one of the stores' own SQLite files, the one
 * way they all need: WAL, so the server and a CLI command share it; a busy timeout, so a second
 * opener waits instead of failing; secure deletion, so a deleted user's rows are overwritten and
 * not left readable in free pages (GDPR Art. 17); and the file's migrations (`migrations[n]` takes
 * schema version n-1 to n, recorded in `user_version`) in one IMMEDIATE transaction, so two
 * processes opening a new file at once cannot both migrate it. `inMigration` runs in that same
 * transaction (a store's start-up clean-up). A file from a newer shopvoice is refused.
 *
 * @example const db = openSqliteFile(config.dataDir, 'outbox.sqlite', { 1: 'CREATE TABLE …' });
 */
export function openSqliteFile(
  dataDir: string,
  name: string,
  migrations: Readonly<Record<number, string>>,
  inMigration?: (db: Database) => void,
): Database {
  const latest = Math.max(0, ...Object.keys(migrations).map(Number));
  mkdirSync(dataDir, { recursive: true });
  const db = new BetterSqlite3(join(dataDir, name));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('secure_delete = ON');
    db.transaction(() => {
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > latest) throw new Error(`${name} has schema version ${version}; this shopvoice knows up to ${latest}`);
      for (let next = version + 1; next <= latest; next += 1) db.exec(migrations[next]!);
      db.pragma(`user_version = ${latest}`);
      inMigration?.(db);
    }).immediate();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
