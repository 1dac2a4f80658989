import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { createLwaTokenClient } from '../../src/notifications/lwa-token-client.js';
import { migrateOutboxPostgres, openPostgresOutbox, OUTBOX_SCHEMA_VERSION } from '../../src/notifications/outbox-postgres.js';
import { createOutboxWorker } from '../../src/notifications/outbox-worker.js';
import { createProactiveEventsSender } from '../../src/notifications/proactive-events-sender.js';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, startFakeAlexaEvents } from '../support/fake-alexa-events.js';
import { createTestDatabase } from '../support/postgres-database.js';
import { describeOutboxContract, eventFor } from './outbox-contract.js';

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

test('two instances draining one PostgreSQL outbox at once send every event exactly once', async (t) => {
  const db = await createTestDatabase();
  const fake = await startFakeAlexaEvents();
  const [a, b] = [await openPostgresOutbox(db.url), await openPostgresOutbox(db.url)];
  t.after(async () => {
    await Promise.all([a.close(), b.close(), fake.close()]);
    await db.drop();
  });
  const now = () => new Date('2026-11-24T09:00:00Z');
  for (let i = 0; i < 30; i += 1) await a.enqueue(eventFor(`300${i}`), now());
  const worker = (store: typeof a, owner: string) => {
    const tokens = createLwaTokenClient({ clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, tokenUrl: fake.tokenUrl, now });
    return createOutboxWorker({ store, sender: createProactiveEventsSender({ url: fake.eventsUrl, tokens, now }), now, owner, batchSize: 3 });
  };
  const [one, two] = await Promise.all([worker(a, 'instance-1').drain(), worker(b, 'instance-2').drain()]);
  assert.equal(one.sent + two.sent, 30);
  assert.ok(one.sent > 0 && two.sent > 0, `both instances worked (${one.sent} + ${two.sent})`);
  assert.equal(fake.accepted.size, 30);
  assert.deepEqual(fake.log.filter((l) => l.status !== 202), [], 'no event was sent twice (no 409)');
});
