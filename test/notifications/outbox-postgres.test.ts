import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { migrateOutboxPostgres, openPostgresOutbox, OUTBOX_SCHEMA_VERSION } from '../../src/notifications/outbox-postgres.js';
import { createTestDatabase } from '../support/postgres-database.js';
import { describeOutboxContract } from './outbox-contract.js';

describeOutboxContract('PostgreSQL', async (t) => {
  const db = await createTestDatabase();
  t.after(db.drop);
  return { open: () => openPostgresOutbox(db.url) };
});

test('instances starting at once migrate the outbox tables exactly once, in their own migrations table', async (t) => {
  const db = await createTestDatabase();
  t.after(db.drop);
  const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresOutbox(db.url)));
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT version FROM shopvoice_outbox_migrations');
    assert.deepEqual(rows.map((r) => r.version), [OUTBOX_SCHEMA_VERSION]);
    const state = await client.query("SELECT to_regclass('shopvoice_schema_migrations') AS t");
    assert.equal(state.rows[0].t, null, "the state store's migrations table is not touched");
    assert.deepEqual(await migrateOutboxPostgres(db.url), { from: OUTBOX_SCHEMA_VERSION, to: OUTBOX_SCHEMA_VERSION });
    await client.query('INSERT INTO shopvoice_outbox_migrations (version) VALUES ($1)', [OUTBOX_SCHEMA_VERSION + 1]);
    await assert.rejects(migrateOutboxPostgres(db.url), /update shopvoice/);
  } finally {
    await client.end();
    await Promise.all(stores.map((s) => s.close()));
  }
});
