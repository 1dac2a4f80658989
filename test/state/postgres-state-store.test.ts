// What only the PostgreSQL store has: migrations that several instances run at once, a refusal of
// newer schemas, and a pool that survives the database dropping its connections.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { migratePostgres, openPostgresStateStore, POSTGRES_SCHEMA_VERSION } from '../../src/state/postgres-state-store.js';
import { createTestDatabase } from '../support/postgres-database.js';

test('five instances starting at once on an empty database migrate it exactly once', async (t) => {
  const db = await createTestDatabase();
  t.after(db.drop);
  const stores = await Promise.all(Array.from({ length: 5 }, () => openPostgresStateStore(db.url)));
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT version FROM shopvoice_schema_migrations ORDER BY version');
    // Every migration once, in order (2 is the first: the numbers follow the SQLite store's).
    assert.deepEqual(rows.map((r) => r.version), Array.from({ length: POSTGRES_SCHEMA_VERSION - 1 }, (_, i) => i + 2));
    assert.deepEqual(await migratePostgres(db.url), { from: POSTGRES_SCHEMA_VERSION, to: POSTGRES_SCHEMA_VERSION });
  } finally {
    await client.end();
    await Promise.all(stores.map((s) => s.close()));
  }
});

test('a database migrated by a newer shopvoice is refused with a message that says so', async (t) => {
  const db = await createTestDatabase();
  t.after(db.drop);
  await migratePostgres(db.url);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query('INSERT INTO shopvoice_schema_migrations (version) VALUES (99)');
  await client.end();
  await assert.rejects(openPostgresStateStore(db.url), /schema version 99.*update shopvoice/);
});

test('connections cut by the server fail nothing later: the pool reconnects, and idle errors are reported, not thrown', async (t) => {
  const db = await createTestDatabase();
  t.after(db.drop);
  const idleErrors: Error[] = [];
  let allReported!: () => void;
  const reported = new Promise<void>((resolve) => (allReported = resolve));
  let expected = Infinity;
  const store = await openPostgresStateStore(db.url, {
    onIdleError: (e) => {
      idleErrors.push(e);
      if (idleErrors.length >= expected) allReported();
    },
  });
  try {
    await Promise.all([store.ping(), store.ping(), store.ping()]);
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    const cut = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    await admin.end();
    expected = cut.rowCount ?? 0;
    assert.ok(expected >= 1);
    if (idleErrors.length >= expected) allReported();
    // Every cut connection is reported (and dropped from the pool) without an exception.
    await reported;
    await store.ping();
    assert.deepEqual(await store.claimReorder('k', 'u'), { claimed: true });
  } finally {
    await store.close();
  }
});
