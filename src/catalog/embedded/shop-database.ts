import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { labelSeededDemo, phoneSeededDemo, seedDatabase } from './seed-database.js';
import { SHOP_SCHEMA_V1, SHOP_SCHEMA_V2, SHOP_SCHEMA_V3 } from './shop-schema.js';

/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many ran. A new file
 * gets every migration and then the demo shop, in the same transaction, so a database is either
 * empty or fully seeded, and opening it again never seeds twice. A demo shop seeded before
 * version 2 gets its attribute labels and English store names then.
 */
const MIGRATIONS: Array<(db: Database) => void> = [
  (db) => db.exec(SHOP_SCHEMA_V1),
  (db) => {
    db.exec(SHOP_SCHEMA_V2);
    labelSeededDemo(db);
  },
  (db) => db.exec(SHOP_SCHEMA_V3),
  // A customer's phone number, for a callback (issue 17).
  (db) => {
    db.exec('ALTER TABLE customers ADD COLUMN phone TEXT');
    phoneSeededDemo(db);
  },
];

export const SHOP_SCHEMA_VERSION = MIGRATIONS.length;

/** Opens (creating and seeding on first use) `<dataDir>/shop.sqlite`. */
export function openShopDatabase(dataDir: string): Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new BetterSqlite3(join(dataDir, 'shop.sqlite'));
  try {
    // WAL lets the server keep reading while `shop import` (another process) writes;
    // the busy timeout makes that writer and a second first-opener wait instead of failing.
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function migrate(db: Database): void {
  // IMMEDIATE takes the write lock before reading user_version, so two processes opening a
  // new file at once cannot both seed it.
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SHOP_SCHEMA_VERSION) {
      throw new Error(`shop.sqlite has schema version ${version}; this shopvoice knows up to ${SHOP_SCHEMA_VERSION}`);
    }
    for (let v = version; v < SHOP_SCHEMA_VERSION; v++) MIGRATIONS[v]!(db);
    if (version === 0) seedDatabase(db);
    db.pragma(`user_version = ${SHOP_SCHEMA_VERSION}`);
  }).immediate();
}
