// What only the SQLite store has: its file, and the migration of files written by earlier
// versions. The behaviour every store shares is in test/support/state-contract.ts.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { openSqliteStateStore } from '../../src/state/sqlite-state-store.js';
import { tempDataDir } from '../catalog/temp-data-dir.js';

test('the store lives in <dataDir>/state.sqlite', async (t) => {
  const dataDir = await tempDataDir(t, 'shopvoice-state-');
  const state = openSqliteStateStore(dataDir);
  t.after(() => state.close());
  assert.equal(state.file, join(dataDir, 'state.sqlite'));
  assert.ok(existsSync(state.file));
});

test('a version 1 file (claims keyed by key alone) is migrated: its claims stay, now bound to their user', async (t) => {
  const dataDir = await tempDataDir(t, 'shopvoice-state-');
  const db = new BetterSqlite3(join(dataDir, 'state.sqlite'));
  db.exec(`CREATE TABLE reorder_claims (key TEXT PRIMARY KEY, user_id TEXT NOT NULL, order_number TEXT, claimed_at INTEGER NOT NULL) STRICT;
           CREATE INDEX reorder_claims_user ON reorder_claims (user_id);
           CREATE INDEX reorder_claims_time ON reorder_claims (claimed_at);
           PRAGMA user_version = 1;`);
  db.prepare('INSERT INTO reorder_claims VALUES (?, ?, ?, ?)').run('k', 'user-a', '10077', Date.parse('2026-11-24T08:00:00Z'));
  db.close();
  const state = openSqliteStateStore(dataDir, { now: () => new Date('2026-11-24T09:00:00Z') });
  t.after(() => state.close());
  assert.deepEqual(await state.claimReorder('k', 'user-a'), { claimed: false, orderNumber: '10077', pending: false });
  assert.deepEqual(await state.claimReorder('k', 'user-b'), { claimed: true });
});

test('a file from a newer shopvoice is refused with a clear message, and left untouched', async (t) => {
  const dataDir = await tempDataDir(t, 'shopvoice-state-');
  const db = new BetterSqlite3(join(dataDir, 'state.sqlite'));
  db.pragma('user_version = 99');
  db.close();
  assert.throws(() => openSqliteStateStore(dataDir), /schema version 99/);
  const after = new BetterSqlite3(join(dataDir, 'state.sqlite'), { readonly: true });
  t.after(() => after.close());
  assert.equal(after.pragma('user_version', { simple: true }), 99);
});
