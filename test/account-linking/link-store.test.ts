import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { openPostgresLinkStore } from '../../src/account-linking/link-store-postgres.js';
import { openSqliteLinkStore } from '../../src/account-linking/link-store-sqlite.js';
import { openSqliteStateStore } from '../../src/state/sqlite-state-store.js';
import { createTestDatabase } from '../support/postgres-database.js';
import { linkStoreContract } from './link-store-contract.js';

linkStoreContract('SQLite (state.sqlite)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'shopvoice-links-'));
  const store = openSqliteLinkStore(dir);
  return { store, async close() { await store.close(); await rm(dir, { recursive: true, force: true }); } };
});

const db = await createTestDatabase();
test.after(() => db.drop());
linkStoreContract('PostgreSQL', async () => {
  const store = await openPostgresLinkStore(db.url);
  return { store, close: () => store.close() };
});

test('the link tables live in the state file beside the state store\'s, each with its own schema version', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'shopvoice-links-'));
  try {
    const state = await openSqliteStateStore(dir);
    const links = openSqliteLinkStore(dir);
    await links.close();
    const again = openSqliteLinkStore(dir);
    await again.close();
    await state.close();
    const file = new BetterSqlite3(join(dir, 'state.sqlite'), { readonly: true });
    const tables = (file.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'account_link%' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
    const versions = file.prepare('SELECT version FROM account_link_schema').all();
    const stateVersion = file.pragma('user_version', { simple: true });
    file.close();
    assert.deepEqual(tables, ['account_link_codes', 'account_link_grants', 'account_link_login_failures', 'account_link_schema', 'account_link_tokens']);
    assert.deepEqual(versions, [{ version: 1 }], 'migrated once, opened twice');
    assert.ok(Number(stateVersion) > 0, 'the state store keeps its own user_version');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('two instances opening one PostgreSQL database migrate it once', async () => {
  const other = await createTestDatabase();
  try {
    const [a, b] = await Promise.all([openPostgresLinkStore(other.url), openPostgresLinkStore(other.url)]);
    await Promise.all([a.close(), b.close()]);
  } finally {
    await other.drop();
  }
});
